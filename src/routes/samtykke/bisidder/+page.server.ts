import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { supporterIdSchema, supporterSchema } from '$lib/support/schemas';
import { nameSupporter, removeSupporter, supporterChoices, supportersOf } from '$lib/server/support/supporters';
import { formObject, parseForm } from '$lib/validation';
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
		const values = formObject(await event.request.formData());
		const parsed = parseForm(supporterSchema, values);
		if (!parsed.ok)
			return fail(400, {
				action: 'add' as const,
				errors: parsed.errors,
				values: { name: values.name ?? '', phone: values.phone ?? '', relative: values.relative ?? '' }
			});
		try {
			const { supporter } = await nameSupporter(db, grant, parsed.data);
			return { action: 'add' as const, name: supporter.name };
		} catch (cause) {
			if (cause instanceof DomainError && cause.code === 'not_found')
				return fail(400, {
					action: 'add' as const,
					errors: { relative: 'validation.unknown' } as Record<string, string>,
					values: { name: values.name ?? '', phone: values.phone ?? '', relative: '' }
				});
			throw cause;
		}
	},
	remove: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		const parsed = parseForm(supporterIdSchema, formObject(await event.request.formData()));
		if (!parsed.ok) error(404, { message: 'errors.not_found', code: 'not_found' });
		try {
			const removed = await removeSupporter(db, grant, parsed.data.supporterId);
			return { action: 'remove' as const, name: removed.name };
		} catch (cause) {
			if (cause instanceof DomainError && cause.code === 'not_found')
				error(404, { message: 'errors.not_found', code: 'not_found' });
			throw cause;
		}
	}
} satisfies Actions;
