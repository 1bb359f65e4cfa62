import type { PageServerLoad } from './$types';
import { consentQuestionsFor } from '$lib/server/support/supporters';
import { guard } from '$lib/server/policy/guard';

/**
 * A supporter reads the consent questions a citizen is asked (never the answers or the citizen's
 * data). The policy's supporter relation decides, and the read is in the citizen's access log.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'consent_questions', 'read', { citizenId: event.params.citizenId });
	return { title: 'support.supporting.title', ...(await consentQuestionsFor(db, grant)) };
}) satisfies PageServerLoad;
