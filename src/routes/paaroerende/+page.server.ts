import { redirect } from '@sveltejs/kit';
import type * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { delegationIdSchema, renewSchema, scopesSchema } from '$lib/consent/schemas';
import { notFound } from '$lib/server/forms/http-errors';
import {
	changeRelative,
	changeScopes,
	relativesOf,
	renewRelative,
	revokeRelative
} from '$lib/server/relatives/service';
import type { Db } from '$lib/server/db';
import type { Grant } from '$lib/server/policy';
import { formAction, formDataOf, type FormSpec, type FormValues } from '$lib/server/forms/form-action';
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

/**
 * One move on one relative's access, answered beside that relative (`target`). A move the
 * relative's state no longer allows (someone changed it meanwhile) is a 409 with a message.
 */
function move<const N extends string, S extends v.GenericSchema, R>(
	action: N,
	schema: S,
	run: (data: v.InferOutput<S>, values: FormValues) => Promise<R>
) {
	return {
		action,
		schema,
		target: 'delegationId',
		lists: ['scopes'],
		messages: { conflict: 'consent.relatives.changed' },
		run,
		// Stopping a relative who was also the citizen's supporter: the page says that role ended too.
		answer: (outcome: R) => ({
			supporterEnded:
				typeof outcome === 'object' &&
				outcome !== null &&
				'supporterEnded' in outcome &&
				outcome.supporterEnded === true
		})
	} satisfies FormSpec<N, S, R, null, { supporterEnded: boolean }>;
}

/** Confirm, pause or resume: the form names only the relative's access. */
function simpleMove(db: Db, grant: Grant<'relatives', 'write'>, kind: Move) {
	return move(kind, delegationIdSchema, (data) => changeRelative(db, grant, data.delegationId, kind));
}

export const actions = {
	confirm: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(event, simpleMove(db, grant, 'confirm'));
	},
	pause: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(event, simpleMove(db, grant, 'pause'));
	},
	resume: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(event, simpleMove(db, grant, 'resume'));
	},
	/** Stop: a relative who is also the citizen's supporter stops being one too, unless she ticked to keep them. */
	revoke: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(
			event,
			move('revoke', delegationIdSchema, (data, values) =>
				revokeRelative(db, grant, data.delegationId, { keepSupporter: values.keepSupporter === 'yes' })
			)
		);
	},
	scopes: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(
			event,
			move('scopes', scopesSchema, (data) => changeScopes(db, grant, data.delegationId, data.scopes))
		);
	},
	/** "Se det, som Jens ser": the citizen's own pages as this relative sees them, until they go back. */
	seeAs: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'read');
		return formAction(event, {
			action: 'seeAs',
			schema: delegationIdSchema,
			badInput: 'notFound',
			run: async (data) => {
				const preview = await previewOf(db, grant.actor, data.delegationId);
				if (!preview || !preview.delegation.relativeId || !event.locals.session) notFound();
				setViewAsCookie(event.cookies, event.locals.session.id, preview.delegationId);
				redirect(303, '/');
			}
		});
	},
	talk: async (event) => {
		const { grant, db } = await guard.citizen(event, 'support_tasks', 'write');
		return formAction(event, talkForm(db, grant));
	},
	renewSoon: async (event) => {
		const form = await formDataOf(event.request);
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return formAction(event, expiryForm(db, grant, 'renew'));
	},
	letEnd: async (event) => {
		const form = await formDataOf(event.request);
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return formAction(event, expiryForm(db, grant, 'letEnd'));
	},
	renew: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(
			event,
			move('renew', renewSchema, (data) => renewRelative(db, grant, data.delegationId, data.months))
		);
	}
} satisfies Actions;
