import { formatDate } from '$lib/format';
import type { I18nContext } from '$lib/i18n/context';

/** "3. feb. 2026 – 14. apr. 2026", or "Fra 3. feb. 2026" when there is no end yet. */
export function dateRange(i18n: I18nContext, startsOn: string, endsOn: string | null): string {
	const from = formatDate(startsOn, i18n.locale, 'short');
	return endsOn
		? i18n.t('staff.dates.range', { from, to: formatDate(endsOn, i18n.locale, 'short') })
		: i18n.t('staff.dates.from', { from });
}
