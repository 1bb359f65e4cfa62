import type { LayoutServerLoad } from './$types';
import type { Language } from '$lib/i18n/languages';
import { guard } from '$lib/server/policy/guard';
import { delegationsOfRelative } from '$lib/server/people/repository';
import { delegationState, isProfessionalRole } from '$lib/server/policy';
import { INACTIVITY_MINUTES } from '$lib/server/auth/session';

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
	return {
		lang: locals.lang as Language,
		dir: locals.dir,
		reading: locals.reading,
		user: user
			? {
					givenName: user.givenName,
					displayName: user.displayName,
					isCitizen: user.roles.includes('citizen'),
					isRelative: user.roles.includes('relative'),
					isStaff: user.roles.some(isProfessionalRole)
				}
			: null,
		sessionExpiresAt: locals.session?.expiresAt.toISOString() ?? null,
		inactivityMinutes: INACTIVITY_MINUTES,
		actingFor
	};
}) satisfies LayoutServerLoad;
