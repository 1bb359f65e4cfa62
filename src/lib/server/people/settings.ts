import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { personSettings } from '../db/schema';
import { LANGUAGE_COOKIE, READING_COOKIE, isLanguage, type Language, type ReadingMode } from '../../i18n/languages';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Device cookies for language and reading mode; not personal data, readable before login. */
export function setPreferenceCookies(cookies: Cookies, prefs: { lang?: Language; reading?: ReadingMode }) {
	const options = { path: '/', httpOnly: false, secure: true, sameSite: 'lax' as const, maxAge: ONE_YEAR };
	if (prefs.lang) cookies.set(LANGUAGE_COOKIE, prefs.lang, options);
	if (prefs.reading) cookies.set(READING_COOKIE, prefs.reading, options);
}

/** At login: the person's saved choices win, and follow them to this device. */
export async function applySavedSettings(db: Db, personId: string, cookies: Cookies) {
	const [saved] = await db.select().from(personSettings).where(eq(personSettings.personId, personId)).limit(1);
	if (!saved) return;
	setPreferenceCookies(cookies, {
		lang: isLanguage(saved.language) ? saved.language : undefined,
		reading: saved.readingMode
	});
}

/** Saves a choice made while logged in, so it follows the person to other devices. */
export async function saveSettings(db: Db, personId: string, prefs: { lang?: Language; reading?: ReadingMode }) {
	const values = {
		...(prefs.lang ? { language: prefs.lang } : {}),
		...(prefs.reading ? { readingMode: prefs.reading } : {})
	};
	await db
		.insert(personSettings)
		.values({ personId, ...values })
		.onConflictDoUpdate({ target: personSettings.personId, set: values });
}
