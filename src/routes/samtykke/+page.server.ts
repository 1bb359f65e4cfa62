import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { consentDefinition, shownTextKey } from '$lib/consent/catalogue';
import { consentIdSchema, giveConsentSchema } from '$lib/consent/schemas';
import { historyOf } from '$lib/server/consent/decisions';
import { translatorFor } from '$lib/server/consent/translator';
import { consentOverview, giveConsent, withdrawConsent } from '$lib/server/consent/service';
import { careTeamOf } from '$lib/server/people/repository';
import { relativesInForce } from '$lib/server/relatives/service';
import { formAction, formDataOf } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { expiryForm, expiryResource, talkForm } from '$lib/server/support/form-actions';
import { supportView } from '$lib/server/support/view';

/**
 * "Who can see what": the citizen's consents in force, the relatives with access, the people
 * working with them, consents they can give, and the history of every decision. Only the citizen
 * comes here: the policy refuses relatives and professionals the 'consents' resource.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'consents', 'read');
	const now = new Date();
	const [overview, relatives, team, history, support] = await Promise.all([
		consentOverview(db, grant, now),
		relativesInForce(db, grant.citizenId, now),
		careTeamOf(db, grant.citizenId, now),
		historyOf(db, grant.citizenId),
		supportView(db, grant, now)
	]);
	const consentView = (c: (typeof overview.inForce)[number]) => ({
		id: c.id,
		purpose: c.purpose,
		from: c.from,
		to: c.to,
		textShown: c.textShown,
		textVersion: c.textVersion,
		givenAt: c.givenAt.toISOString(),
		expiresAt: c.expiresAt?.toISOString() ?? null,
		endedAt: (c.revokedAt ?? c.expiresAt)?.toISOString() ?? null
	});
	return {
		title: 'consent.page.title',
		support,
		inForce: overview.inForce.map(consentView),
		ended: overview.ended.map(consentView),
		offers: overview.offers.map((o) => ({
			purpose: o.purpose,
			version: o.version,
			textKey: consentDefinition(o.purpose)!.textKey,
			pairs: o.pairs.map((p) => ({ from: p.from, to: p.to }))
		})),
		relatives: relatives.map((r) => ({
			id: r.id,
			label: r.label,
			name: r.name,
			scopes: r.scopes,
			paused: r.status === 'paused',
			since: r.confirmedAt?.toISOString() ?? null,
			until: r.expiresAt.toISOString()
		})),
		team: team.map((m) => ({ id: m.id, name: m.displayName, role: m.role as string })),
		history: history.map((h) => ({
			id: h.key,
			kind: h.kind,
			at: h.at.toISOString(),
			who: h.actorName,
			label: h.label,
			purpose: h.purpose,
			expiresAt: h.expiresAt
		}))
	};
}) satisfies PageServerLoad;

/** With several people to choose between, one radio button names both sides: "fromId|toId". */
const giveSchema = v.pipe(
	v.looseObject({ pair: v.optional(v.string()) }),
	v.transform(({ pair, ...rest }) => {
		if (pair === undefined) return rest;
		const [fromPartyId, toPartyId] = pair.split('|');
		return { ...rest, fromPartyId, toPartyId };
	}),
	giveConsentSchema
);

export const actions = {
	/** "Jeg vil gerne tale om det først": a task for the contact person, once. */
	talk: async (event) => {
		const { grant, db } = await guard.citizen(event, 'support_tasks', 'write');
		return formAction(event, talkForm(db, grant));
	},
	/** Renew something that ends soon, by the normal period. */
	renewSoon: async (event) => {
		const form = await formDataOf(event.request);
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return formAction(event, expiryForm(db, grant, 'renew'));
	},
	/** Let something that ends soon end: the choice is recorded. */
	letEnd: async (event) => {
		const form = await formDataOf(event.request);
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return formAction(event, expiryForm(db, grant, 'letEnd'));
	},
	/** Gives a consent; the text recorded is the one the page showed, in the person's language and mode. */
	give: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		return formAction(event, {
			action: 'give',
			schema: giveSchema,
			target: 'purpose',
			messages: { stale: 'consent.page.textChanged', invalid: 'consent.page.cannotGive' },
			run: (data) => {
				const textKey = shownTextKey(consentDefinition(data.purpose)!, event.locals.reading);
				return giveConsent(db, grant, {
					purpose: data.purpose,
					fromPartyId: data.fromPartyId || null,
					toPartyId: data.toPartyId,
					textKey,
					textVersion: data.textVersion,
					textShown: translatorFor(event.locals)(textKey)
				});
			},
			answer: (result, data) => ({
				purpose: data.purpose,
				receipt: result.receipt
					? { number: result.receipt.number, at: result.receipt.at.toISOString() }
					: { number: null, at: result.consent.givenAt.toISOString() }
			})
		});
	},
	/** The second tap: withdraws from now on and returns a receipt. */
	withdraw: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		return formAction(event, {
			action: 'withdraw',
			schema: consentIdSchema,
			badInput: 'notFound',
			run: (data) => withdrawConsent(db, grant, data.consentId),
			answer: (result) => ({
				purpose: result.consent.purpose,
				receipt: { number: result.receipt.number || null, at: result.receipt.at.toISOString() }
			})
		});
	}
} satisfies Actions;
