import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { consentDefinition, shownTextKey } from '$lib/consent/catalogue';
import { consentIdSchema, giveConsentSchema } from '$lib/consent/schemas';
import { DomainError } from '$lib/errors';
import { historyOf } from '$lib/server/consent/decisions';
import { formValues, parseValues, translatorFor } from '$lib/server/consent/forms';
import { consentOverview, giveConsent, withdrawConsent } from '$lib/server/consent/service';
import { careTeamOf } from '$lib/server/people/repository';
import { relativesInForce } from '$lib/server/relatives/service';
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

export const actions = {
	/** "Jeg vil gerne tale om det først": a task for the contact person, once. */
	talk: async (event) => {
		const { grant, db } = await guard.citizen(event, 'support_tasks', 'write');
		return talkForm(await event.request.formData(), db, grant);
	},
	/** Renew something that ends soon, by the normal period. */
	renewSoon: async (event) => {
		const form = await event.request.formData();
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return expiryForm(form, db, grant, 'renew');
	},
	/** Let something that ends soon end: the choice is recorded. */
	letEnd: async (event) => {
		const form = await event.request.formData();
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return expiryForm(form, db, grant, 'letEnd');
	},
	/** Gives a consent; the text recorded is the one the page showed, in the person's language and mode. */
	give: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		const values = formValues(await event.request.formData(), []);
		// With several people to choose between, one radio button names both sides: "fromId|toId".
		if (typeof values.pair === 'string') {
			const [fromPartyId, toPartyId] = values.pair.split('|');
			Object.assign(values, { fromPartyId, toPartyId });
			delete values.pair;
		}
		const parsed = parseValues(giveConsentSchema, values);
		if (!parsed.ok)
			return fail(400, { action: 'give' as const, purpose: String(values.purpose ?? ''), errors: parsed.errors });
		const definition = consentDefinition(parsed.data.purpose)!;
		const textKey = shownTextKey(definition, event.locals.reading);
		try {
			const result = await giveConsent(db, grant, {
				purpose: parsed.data.purpose,
				fromPartyId: parsed.data.fromPartyId || null,
				toPartyId: parsed.data.toPartyId,
				textKey,
				textVersion: parsed.data.textVersion,
				textShown: translatorFor(event.locals)(textKey)
			});
			return {
				action: 'give' as const,
				purpose: parsed.data.purpose,
				receipt: result.receipt
					? { number: result.receipt.number, at: result.receipt.at.toISOString() }
					: { number: null, at: result.consent.givenAt.toISOString() }
			};
		} catch (cause) {
			if (cause instanceof DomainError && cause.code === 'stale')
				return fail(409, {
					action: 'give' as const,
					purpose: parsed.data.purpose,
					errors: { form: 'consent.page.textChanged' }
				});
			if (cause instanceof DomainError && cause.code === 'invalid')
				return fail(400, {
					action: 'give' as const,
					purpose: parsed.data.purpose,
					errors: { form: 'consent.page.cannotGive' }
				});
			throw cause;
		}
	},
	/** The second tap: withdraws from now on and returns a receipt. */
	withdraw: async (event) => {
		const { grant, db } = await guard.citizen(event, 'consents', 'write');
		const parsed = parseValues(consentIdSchema, formValues(await event.request.formData(), []));
		if (!parsed.ok) error(404, { message: 'errors.not_found', code: 'not_found' });
		try {
			const result = await withdrawConsent(db, grant, parsed.data.consentId);
			return {
				action: 'withdraw' as const,
				purpose: result.consent.purpose,
				receipt: { number: result.receipt.number || null, at: result.receipt.at.toISOString() }
			};
		} catch (cause) {
			if (cause instanceof DomainError && cause.code === 'not_found')
				error(404, { message: 'errors.not_found', code: 'not_found' });
			throw cause;
		}
	}
} satisfies Actions;
