import { redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { isLanguage, isReadingMode, type Language, type ReadingMode } from '$lib/i18n/languages';
import { DEFAULT_DISPLAY, isTextSize, type TextSize } from '$lib/display';
import { safeReturnTo } from '$lib/server/return-to';
import { saveSettings, setPreferenceCookies, type Preferences } from '$lib/server/people/settings';
import { formAction, formDataOf } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import type { Db } from '$lib/server/db';

/** There is no page here: the header's "Visning og sprog" and /visning post to it. */
export const load = (async (event) => {
	guard.public();
	// After a refused post (a choice that does not exist) the page says so, with a 400; else home.
	if (event.request.method !== 'POST') redirect(303, '/');
	return { title: 'pages.preferences.title' };
}) satisfies PageServerLoad;

/** The address to go back to, as posted (not cleaned: safeReturnTo refuses what it does not trust). */
async function back(event: RequestEvent): Promise<never> {
	redirect(303, safeReturnTo((await formDataOf(event.request)).get('returnTo'), event.url.origin));
}

/** Keeps the choice on this device and, for someone logged in, with the person; then goes back. */
async function keep(event: RequestEvent, db: Db, prefs: Preferences): Promise<never> {
	setPreferenceCookies(event.cookies, prefs);
	if (event.locals.user) await saveSettings(db, event.locals.user.id, prefs);
	return back(event);
}

const choice = 'errors.invalid_choice';
const readingSchema = v.object({ reading: v.custom<ReadingMode>(isReadingMode, choice) });
const sizeSchema = v.object({
	size: v.custom<TextSize>(isTextSize, choice)
});
const languageSchema = v.object({ lang: v.custom<Language>(isLanguage, choice) });
const displaySchema = v.pipe(
	v.object({ reset: v.optional(v.string(), ''), size: v.optional(v.string(), '') }),
	v.check(({ reset, size }) => reset === '1' || isTextSize(size), choice)
);

export const actions = {
	reading: async (event) => {
		const { db } = guard.public();
		return formAction(event, {
			action: 'reading',
			schema: readingSchema,
			run: ({ reading }) => keep(event, db, { reading })
		});
	},
	display: async (event) => {
		const { db } = guard.public();
		return formAction(event, {
			action: 'display',
			schema: displaySchema,
			run: async ({ reset, size }, values) => {
				const display =
					reset === '1'
						? DEFAULT_DISPLAY
						: {
								size: size as TextSize,
								spacing: 'spacing' in values,
								contrast: 'contrast' in values,
								motion: 'motion' in values
							};
				// "Back to normal" also leaves easy-read, so one button undoes every choice.
				const reading = reset === '1' ? ('standard' as const) : undefined;
				return keep(event, db, { display, reading });
			}
		});
	},
	/** The header's "Visning og sprog": the size alone, the other display choices kept. */
	size: async (event) => {
		const { db } = guard.public();
		return formAction(event, {
			action: 'size',
			schema: sizeSchema,
			run: ({ size }) => keep(event, db, { display: { ...event.locals.display, size } })
		});
	},
	language: async (event) => {
		const { db } = guard.public();
		return formAction(event, {
			action: 'language',
			schema: languageSchema,
			run: ({ lang }) => keep(event, db, { lang })
		});
	}
} satisfies Actions;
