import type { PushPayload } from '../meetings/push-payload';

/**
 * The reminder of a "Min dag" step, in the citizen's language and reading mode. Lock screens are
 * public: it says only that it is time for the next step, never the step's words (the citizen's
 * own, maybe about medicine). "Ikke nu" on it waits 10 minutes (the service worker posts it).
 */
export function routineNotice(
	t: (key: string, options?: Record<string, unknown>) => string,
	stepId: string,
	day: string
): PushPayload {
	return {
		title: t('routines.push.title'),
		body: t('routines.push.body'),
		url: '/min-dag',
		tag: `routine-${stepId}`,
		snooze: { stepId, day, label: t('routines.notNow') }
	};
}
