import type { Db } from '../db';
import type { Grant } from '../policy';
import type { FormSpec } from '../forms/form-action';
import { expirySchema, talkSchema } from '../../support/schemas';
import { askToTalk } from './tasks';
import { letItEnd, renewSoon } from './expiry';

/**
 * The supported-consent forms shared by the consent page, the relatives page, the invitation
 * page and the home page: what each one runs inside formAction. Each route's action calls the
 * guard first (with the resource the form needs). Bad input changes nothing and is answered
 * beside the form.
 */

/** "I want to talk about it first". */
export function talkForm(db: Db, grant: Grant<'support_tasks', 'write'>) {
	return {
		action: 'talk',
		schema: talkSchema,
		run: (data) => askToTalk(db, grant, data),
		answer: ({ created }, data) => ({ subject: data.subject, created })
	} satisfies FormSpec<'talk', typeof talkSchema, Awaited<ReturnType<typeof askToTalk>>, null, object>;
}

/** Which resource a renew / let-it-end form needs: read before the guard is called. */
export function expiryResource(form: FormData): 'consents' | 'relatives' {
	return form.get('target') === 'relative' ? 'relatives' : 'consents';
}

/** "Renew" or "let it end" for something that ends soon. */
export function expiryForm<const M extends 'renew' | 'letEnd'>(
	db: Db,
	grant: Grant<'consents' | 'relatives', 'write'>,
	move: M
) {
	return {
		action: move,
		schema: expirySchema,
		// No `target`: a relative's card answers only for the moves made on it (the id is in the answer).
		messages: { conflict: 'support.expiry.conflict', stale: 'support.expiry.stale' },
		run: async ({ target, id }) =>
			move === 'renew'
				? (await renewSoon(db, grant, target, id)).expiresAt
				: (await letItEnd(db, grant, target, id)).expiresAt,
		answer: (until, { target, id }) => ({ id, about: target, until: until.toISOString() })
	} satisfies FormSpec<M, typeof expirySchema, Date, null, object>;
}
