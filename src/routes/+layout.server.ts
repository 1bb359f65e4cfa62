import type { LayoutServerLoad } from './$types';
import type { Language } from '$lib/i18n/languages';
import { guard } from '$lib/server/policy/guard';
import { delegationsOfRelative } from '$lib/server/people/repository';
import { delegationState, isProfessionalRole, previewOf } from '$lib/server/policy';
import { INACTIVITY_MINUTES } from '$lib/server/auth/session';
import { draftOwnerRef } from '$lib/server/auth/draft-owner';

/**
 * Everything every page needs: language, reading mode, who is logged in, and whose pages these are.
 * Not the texts: `+layout.ts` adds them (this data is inlined in every page's HTML).
 */
export const load = (async (event) => {
	const { db } = guard.public();
	const { locals } = event;
	const user = locals.user;
	let actingFor: { id: string; givenName: string; scopes: string[] } | null = null;
	if (user && !user.roles.includes('citizen') && locals.session?.actingForCitizenId) {
		const delegations = await delegationsOfRelative(db, user.id);
		// Only while the delegation is in force: a paused or revoked one shows no "looking at" banner.
		const chosen = delegations.find(
			(d) => d.citizenId === locals.session?.actingForCitizenId && delegationState(d, new Date()) === 'active'
		);
		if (chosen) actingFor = { id: chosen.citizenId, givenName: chosen.citizenGivenName, scopes: chosen.scopes };
	}
	// "See what my relative sees": the citizen's pages as that relative gets them, with a banner and a way back.
	let viewingAs: { name: string } | null = null;
	const viewAs = guard.citizen.viewingAs(event);
	if (user && viewAs) {
		const preview = await previewOf(db, user, viewAs);
		viewingAs = { name: preview?.relativeGivenName ?? preview?.label ?? '' };
		if (preview && delegationState(preview.delegation, new Date()) === 'active')
			actingFor = { id: user.id, givenName: user.givenName, scopes: preview.delegation.scopes };
		// Never kept as the citizen's own offline copy (the service worker leaves such pages alone).
		event.setHeaders({ 'x-mf-preview': '1' });
	}
	return {
		lang: locals.lang as Language,
		dir: locals.dir,
		reading: locals.reading,
		textSize: locals.display.size,
		user: user
			? {
					givenName: user.givenName,
					// Whose drafts are kept on the device (draft-keeper.svelte): a hash, not the id.
					ref: draftOwnerRef(user.id),
					displayName: user.displayName,
					isCitizen: user.roles.includes('citizen') && !viewingAs,
					isRelative: user.roles.includes('relative') || Boolean(viewingAs),
					isStaff: user.roles.some(isProfessionalRole),
					isAdmin: user.roles.includes('admin')
				}
			: null,
		// How long is left, not when: the phone counts it on its own clock, which may be minutes off.
		sessionExpiresInMs: locals.session ? Math.max(0, locals.session.expiresAt.getTime() - Date.now()) : null,
		inactivityMinutes: INACTIVITY_MINUTES,
		actingFor,
		viewingAs
	};
}) satisfies LayoutServerLoad;
