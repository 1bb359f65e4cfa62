import { error, fail } from '@sveltejs/kit';
import type { Db } from '../db';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import { formObject, parseForm } from '../../validation';
import { expirySchema, talkSchema } from '../../support/schemas';
import { askToTalk } from './tasks';
import { letItEnd, renewSoon } from './expiry';

/**
 * The supported-consent forms shared by the consent page, the relatives page, the invitation
 * page and the home page. Each route's action calls the guard first (with the resource the form
 * needs) and then one of these. Bad input changes nothing and is answered beside the form.
 */

/** "I want to talk about it first". */
export async function talkForm(form: FormData, db: Db, grant: Grant<'support_tasks', 'write'>) {
	const parsed = parseForm(talkSchema, formObject(form));
	if (!parsed.ok) return fail(400, { action: 'talk' as const, subject: null, errors: parsed.errors });
	try {
		const { created } = await askToTalk(db, grant, parsed.data);
		return { action: 'talk' as const, subject: parsed.data.subject, created };
	} catch (cause) {
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}

/** Which resource a renew / let-it-end form needs: read before the guard is called. */
export function expiryResource(form: FormData): 'consents' | 'relatives' {
	return form.get('target') === 'relative' ? 'relatives' : 'consents';
}

/** "Renew" or "let it end" for something that ends soon. */
export async function expiryForm(
	form: FormData,
	db: Db,
	grant: Grant<'consents' | 'relatives', 'write'>,
	move: 'renew' | 'letEnd'
) {
	const parsed = parseForm(expirySchema, formObject(form));
	if (!parsed.ok) return fail(400, { action: move, id: null, errors: parsed.errors });
	const { target, id } = parsed.data;
	try {
		if (move === 'renew') {
			const { expiresAt } = await renewSoon(db, grant, target, id);
			return { action: move, id, about: target, until: expiresAt.toISOString() };
		}
		const item = await letItEnd(db, grant, target, id);
		return { action: move, id, about: target, until: item.expiresAt.toISOString() };
	} catch (cause) {
		if (cause instanceof DomainError && (cause.code === 'conflict' || cause.code === 'stale'))
			return fail(409, { action: move, id, errors: { form: `support.expiry.${cause.code}` } });
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}
