import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { delegationIdSchema, renewSchema, scopesSchema } from '$lib/consent/schemas';
import { DomainError } from '$lib/errors';
import { formValues, parseValues } from '$lib/server/consent/forms';
import {
	changeRelative,
	changeScopes,
	relativesOf,
	renewRelative,
	revokeRelative
} from '$lib/server/relatives/service';
import type { Db } from '$lib/server/db';
import type { Grant } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';
import { previewOf } from '$lib/server/policy';
import { setViewAsCookie } from '$lib/server/relatives/view-as-cookie';
import { expiryForm, expiryResource, talkForm } from '$lib/server/support/form-actions';
import { supportView } from '$lib/server/support/view';

/**
 * The citizen's relatives: who is invited, who waits for a yes, who has access to what and until
 * when. Confirm, pause, resume, change what they see, renew and revoke. Only the citizen comes
 * here; a relative never sees the citizen's other relatives.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'relatives', 'read');
	const [rows, support] = await Promise.all([relativesOf(db, grant), supportView(db, grant)]);
	const iso = (d: Date | null) => d?.toISOString() ?? null;
	return {
		title: 'consent.relatives.title',
		support,
		relatives: rows.map((r) => ({
			id: r.id,
			label: r.label,
			name: r.name,
			givenName: r.givenName,
			scopes: r.scopes,
			state: r.state,
			alsoSupporter: r.alsoSupporter,
			invitedAt: r.invitedAt.toISOString(),
			invitationExpiresAt: iso(r.invitationExpiresAt),
			acceptedAt: iso(r.acceptedAt),
			confirmedAt: iso(r.confirmedAt),
			expiresAt: r.expiresAt.toISOString(),
			revokedAt: iso(r.revokedAt)
		}))
	};
}) satisfies PageServerLoad;

type Move = 'confirm' | 'pause' | 'resume';

/** Runs one move on one relative's access and says what happened, beside that relative. */
async function move(event: RequestEvent, run: (values: Record<string, unknown>) => Promise<unknown>, action: string) {
	const values = formValues(await event.request.formData());
	const target = typeof values.delegationId === 'string' ? values.delegationId : '';
	try {
		const outcome = await run(values);
		// Stopping a relative who was also the citizen's supporter: the page says that role ended too.
		const supporterEnded =
			typeof outcome === 'object' && outcome !== null && 'supporterEnded' in outcome && outcome.supporterEnded === true;
		return { action, target, done: true as const, supporterEnded };
	} catch (cause) {
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		if (cause instanceof DomainError && cause.code === 'conflict')
			return fail(409, { action, target, errors: { form: 'consent.relatives.changed' } as Record<string, string> });
		if (cause instanceof FormError) return fail(400, { action, target, errors: cause.errors });
		throw cause;
	}
}

class FormError extends Error {
	constructor(readonly errors: Record<string, string>) {
		super('invalid form');
	}
}

function parsed<S extends Parameters<typeof parseValues>[0]>(schema: S, values: Record<string, unknown>) {
	const result = parseValues(schema, values);
	if (!result.ok) throw new FormError(result.errors);
	return result.data;
}

/** Confirm, pause or resume: the form names only the relative's access. */
function simpleMove(event: RequestEvent, db: Db, grant: Grant<'relatives', 'write'>, kind: Move) {
	return move(
		event,
		(values) => changeRelative(db, grant, parsed(delegationIdSchema, values).delegationId, kind),
		kind
	);
}

export const actions = {
	confirm: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return simpleMove(event, db, grant, 'confirm');
	},
	pause: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return simpleMove(event, db, grant, 'pause');
	},
	resume: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return simpleMove(event, db, grant, 'resume');
	},
	/** Stop: a relative who is also the citizen's supporter stops being one too, unless she ticked to keep them. */
	revoke: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return move(
			event,
			(values) =>
				revokeRelative(db, grant, parsed(delegationIdSchema, values).delegationId, {
					keepSupporter: values.keepSupporter === 'yes'
				}),
			'revoke'
		);
	},
	scopes: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return move(
			event,
			(values) => {
				const data = parsed(scopesSchema, values);
				return changeScopes(db, grant, data.delegationId, data.scopes);
			},
			'scopes'
		);
	},
	/** "Se det, som Jens ser": the citizen's own pages as this relative sees them, until they go back. */
	seeAs: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'read');
		const parsed = parseValues(delegationIdSchema, formValues(await event.request.formData()));
		const preview = parsed.ok ? await previewOf(db, grant.actor, parsed.data.delegationId) : null;
		if (!preview || !preview.delegation.relativeId || !event.locals.session)
			error(404, { message: 'errors.not_found', code: 'not_found' });
		setViewAsCookie(event.cookies, event.locals.session.id, preview.delegationId);
		redirect(303, '/');
	},
	talk: async (event) => {
		const { grant, db } = await guard.citizen(event, 'support_tasks', 'write');
		return talkForm(await event.request.formData(), db, grant);
	},
	renewSoon: async (event) => {
		const form = await event.request.formData();
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return expiryForm(form, db, grant, 'renew');
	},
	letEnd: async (event) => {
		const form = await event.request.formData();
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return expiryForm(form, db, grant, 'letEnd');
	},
	renew: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return move(
			event,
			(values) => {
				const data = parsed(renewSchema, values);
				return renewRelative(db, grant, data.delegationId, data.months);
			},
			'renew'
		);
	}
} satisfies Actions;
