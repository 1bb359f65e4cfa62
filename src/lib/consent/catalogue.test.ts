import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSENT_PURPOSES } from '../domain';
import { LANGUAGES } from '../i18n/languages';
import { JONAS_CONSENT_TEXT } from '../server/seed';
import { CONSENT_CATALOGUE, shownTextKey } from './catalogue';

/**
 * Consent texts are versioned: what a citizen agreed to must not change under them. Each text
 * version's Danish wording is pinned here by its SHA-256. Changing a text means raising its
 * version in the catalogue and pinning the new text; earlier consents keep the text they showed.
 */
const PINNED: Record<string, string> = {
	'consent.share_health_info_caseworker_mentor@1': '1afef0ae0cb4eed8',
	'consent.share_health_info_caseworker_mentor_easy@1': '27b9b316548aeb0b',
	'consent.share_with_job_consultant@1': '1c44fea5ddcfd86d',
	'consent.share_with_job_consultant_easy@1': '6ff6cace8d901bb9',
	'consent.relative_joins_network_meetings@1': '48a1be893175ba1c',
	'consent.relative_joins_network_meetings_easy@1': '4062c2fce99c925a'
};

const texts = (lang: string) =>
	JSON.parse(readFileSync(path.resolve(`src/lib/i18n/locales/${lang}/consent.json`), 'utf8')) as Record<
		string,
		unknown
	>;
const textOf = (lang: string, key: string) => texts(lang)[key.replace(/^consent\./, '')];

describe('consent catalogue', () => {
	it('has one entry per purpose', () => {
		expect(CONSENT_CATALOGUE.map((d) => d.purpose).sort()).toEqual([...CONSENT_PURPOSES].sort());
	});

	it('has the standard and the easy-read text in every language', () => {
		for (const { code } of LANGUAGES)
			for (const definition of CONSENT_CATALOGUE)
				for (const reading of ['standard', 'easy'] as const) {
					const text = textOf(code, shownTextKey(definition, reading));
					expect(typeof text === 'string' && text.length > 20, `${code} ${definition.textKey} ${reading}`).toBe(true);
				}
	});

	it('keeps the Danish text of each version exactly as pinned', () => {
		for (const definition of CONSENT_CATALOGUE)
			for (const reading of ['standard', 'easy'] as const) {
				const key = shownTextKey(definition, reading);
				const hash = createHash('sha256')
					.update(String(textOf('da', key)))
					.digest('hex')
					.slice(0, 16);
				expect({ key: `${key}@${definition.version}`, hash }).toEqual({
					key: `${key}@${definition.version}`,
					hash: PINNED[`${key}@${definition.version}`]
				});
			}
	});

	it('shows Jonas’s seeded consent as the text he was given (version 1)', () => {
		expect(textOf('da', 'consent.share_health_info_caseworker_mentor')).toBe(JONAS_CONSENT_TEXT);
	});
});
