import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resourcesFor } from '$lib/i18n/resources';
import { createTranslate } from '$lib/i18n/translator';
import { logger } from '$lib/server/log';
import { handleError } from '../hooks.server';

const event = { route: { id: '/dagbog' }, request: new Request('http://localhost/dagbog', { method: 'POST' }) };
const call = (status: number, message = 'Payload Too Large') =>
	handleError({ error: new Error(message), event: event as unknown as RequestEvent, status, message }) as {
		message: string;
		code: string;
	};

afterEach(() => vi.restoreAllMocks());

describe('handleError', () => {
	it.each([400, 403, 404, 405, 413, 429])(
		'%i: a warning (not an error), and a text in every language with no key names',
		(status) => {
			const warn = vi.spyOn(logger, 'warn');
			const error = vi.spyOn(logger, 'error');
			const result = call(status);
			expect(error).not.toHaveBeenCalled();
			expect(warn).toHaveBeenCalledTimes(status === 404 ? 0 : 1);
			expect(result.message).not.toBe('errors.unexpected');
			for (const lang of ['da', 'en', 'ar', 'uk'] as const)
				for (const reading of ['standard', 'easy'] as const) {
					const text = createTranslate(resourcesFor(lang), lang, reading)(result.message);
					expect(text, `${lang} ${reading}`).not.toMatch(/^[a-z_]+(\.[a-zA-Z_]+)+$/);
				}
		}
	);

	it('413 says the body was too large', () => {
		const t = createTranslate(resourcesFor('da'), 'da', 'standard');
		expect(t(call(413).message)).toBe('Det, du sendte, er for stort. Prøv med mindre tekst.');
	});

	it('a 500 is logged as an error with a reference the page shows', () => {
		const error = vi.spyOn(logger, 'error');
		const result = call(500, 'boom');
		expect(error).toHaveBeenCalledOnce();
		expect(result.message).toBe('errors.unexpected');
		expect(result.code).toMatch(/^[0-9a-f-]{36}$/);
	});
});
