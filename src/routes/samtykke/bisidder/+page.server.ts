import type { Actions, PageServerLoad } from './$types';
import { DomainError, FieldError } from '$lib/errors';
import { supporterIdSchema, supporterSchema } from '$lib/support/schemas';
import { nameSupporter, removeSupporter, supporterChoices, supportersOf } from '$lib/server/support/supporters';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';

/**
 * The pages that link here (?fra=), and the way back to each; anything else goes back to /samtykke.
 * The forms keep `fra` in their address, so the way back is the same after a save.
 */
const BACK = {
	'/samtykke': 'support.supporters.back',
	'/paaroerende': 'support.supporters.backRelatives',
	'/paaroerende/inviter': 'support.supporters.backInvite'
} as const;

function backOf(url: URL) {
	const from = url.searchParams.get('fra') ?? '';
	const href = (Object.hasOwn(BACK, from) ? from : '/samtykke') as keyof typeof BACK;
	return { href, label: BACK[href], query: href === '/samtykke' ? '' : `&fra=${encodeURIComponent(href)}` };
}

/**
 * "Hjælp til at beslutte": the citizen names a bisidder or a relative to help with consent
 * questions, or removes one. A supporter who uses the app may read the questions, never the answers.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'consents', 'read');
	const [supporters, choices] = await Promise.all([supportersOf(db, grant), supporterChoices(db, grant)]);
	return {
		title: 'support.supporters.title',
		back: backOf(event.url),
		supporters: supporters.map((s) => ({ id: s.id, name: s.name, phone: s.phone, usesApp: Boolean(s.supporterId) })),
		choices: choices.map((c) => ({ personId: c.personId, name: c.name, label: c.label }))
	};
}) satisfies PageServerLoad;

export const actions = {
	add: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		return formAction(event, {
			action: 'add',
			schema: supporterSchema,
			run: async (data) => {
				try {
					return (await nameSupporter(db, grant, data)).supporter;
				} catch (cause) {
					// A relative who is not (or no longer) the citizen's: the choice is shown as unknown.
					if (cause instanceof DomainError && cause.code === 'not_found')
						throw new FieldError('relative', 'validation.unknown');
					throw cause;
				}
			},
			answer: (supporter) => ({ name: supporter.name })
		});
	},
	remove: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		return formAction(event, {
			action: 'remove',
			schema: supporterIdSchema,
			badInput: 'notFound',
			run: (data) => removeSupporter(db, grant, data.supporterId),
			answer: (removed) => ({ name: removed.name })
		});
	}
} satisfies Actions;
