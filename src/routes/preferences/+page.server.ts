import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isLanguage, isReadingMode } from '$lib/i18n/languages';
import { DEFAULT_DISPLAY, TEXT_SIZES, type TextSize } from '$lib/display';
import { safeReturnTo } from '$lib/server/return-to';
import { saveSettings, setPreferenceCookies } from '$lib/server/people/settings';
import { guard } from '$lib/server/policy/guard';

/** There is no page here, only the two switches in the header post to it. */
export const load = (async () => {
	guard.public();
	redirect(303, '/');
}) satisfies PageServerLoad;

export const actions = {
	reading: async (event) => {
		const { db } = guard.public();
		const form = await event.request.formData();
		const reading = form.get('reading');
		if (!isReadingMode(reading)) return fail(400, { error: 'errors.invalid_choice' });
		setPreferenceCookies(event.cookies, { reading });
		if (event.locals.user) await saveSettings(db, event.locals.user.id, { reading });
		redirect(303, safeReturnTo(form.get('returnTo'), event.url.origin));
	},
	display: async (event) => {
		const { db } = guard.public();
		const form = await event.request.formData();
		const reset = form.get('reset') === '1';
		const size = form.get('size');
		if (!reset && !(TEXT_SIZES as readonly unknown[]).includes(size))
			return fail(400, { error: 'errors.invalid_choice' });
		const display = reset
			? DEFAULT_DISPLAY
			: {
					size: size as TextSize,
					spacing: form.has('spacing'),
					contrast: form.has('contrast'),
					motion: form.has('motion')
				};
		// "Back to normal" also leaves easy-read, so one button undoes every choice.
		const reading = reset ? ('standard' as const) : undefined;
		setPreferenceCookies(event.cookies, { display, reading });
		if (event.locals.user) await saveSettings(db, event.locals.user.id, { display, reading });
		redirect(303, safeReturnTo(form.get('returnTo'), event.url.origin));
	},
	language: async (event) => {
		const { db } = guard.public();
		const form = await event.request.formData();
		const lang = form.get('lang');
		if (!isLanguage(lang)) return fail(400, { error: 'errors.invalid_choice' });
		setPreferenceCookies(event.cookies, { lang });
		if (event.locals.user) await saveSettings(db, event.locals.user.id, { lang });
		redirect(303, safeReturnTo(form.get('returnTo'), event.url.origin));
	}
} satisfies Actions;
