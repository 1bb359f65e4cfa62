import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { personSettings } from '../db/schema';
import { LANGUAGE_COOKIE, READING_COOKIE, isLanguage, type Language, type ReadingMode } from '../../i18n/languages';
import { DISPLAY_COOKIE, encodeDisplay, type Display } from '../../display';

const ONE_YEAR = 60 * 60 * 24 * 365;

export interface Preferences {
	lang?: Language;
	reading?: ReadingMode;
	display?: Display;
}

/** Device cookies for language, reading mode and display; not personal data, readable before login. */
export function setPreferenceCookies(cookies: Cookies, prefs: Preferences) {
	const options = { path: '/', httpOnly: false, secure: true, sameSite: 'lax' as const, maxAge: ONE_YEAR };
	if (prefs.lang) cookies.set(LANGUAGE_COOKIE, prefs.lang, options);
	if (prefs.reading) cookies.set(READING_COOKIE, prefs.reading, options);
	if (prefs.display) cookies.set(DISPLAY_COOKIE, encodeDisplay(prefs.display), options);
}

/** At login: the person's saved choices win, and follow them to this device. */
export async function applySavedSettings(db: Db, personId: string, cookies: Cookies) {
	const [saved] = await db.select().from(personSettings).where(eq(personSettings.personId, personId)).limit(1);
	if (!saved) return;
	setPreferenceCookies(cookies, {
		lang: isLanguage(saved.language) ? saved.language : undefined,
		reading: saved.readingMode,
		display: {
			size: saved.textSize,
			spacing: saved.wideSpacing,
			contrast: saved.highContrast,
			motion: saved.reducedMotion
		}
	});
}

/** Saves a choice made while logged in, so it follows the person to other devices. */
export async function saveSettings(db: Db, personId: string, prefs: Preferences) {
	const values = {
		...(prefs.lang ? { language: prefs.lang } : {}),
		...(prefs.reading ? { readingMode: prefs.reading } : {}),
		...(prefs.display
			? {
					textSize: prefs.display.size,
					wideSpacing: prefs.display.spacing,
					highContrast: prefs.display.contrast,
					reducedMotion: prefs.display.motion
				}
			: {})
	};
	if (Object.keys(values).length === 0) return;
	await db
		.insert(personSettings)
		.values({ personId, ...values })
		.onConflictDoUpdate({ target: personSettings.personId, set: values });
}
