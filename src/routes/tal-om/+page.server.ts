import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { addTopic, topicPage } from '$lib/server/topics/service';
import { topicFilesFrom } from '$lib/server/topics/uploads';
import { topicSchema } from '$lib/topics/schemas';

/** What the page says after a step (`?gemt=tilfoejet`); anything else is ignored. */
const NOTICES = { tilfoejet: 'added', rettet: 'changed', slettet: 'deleted' } as const;

/**
 * "Det vil jeg gerne tale om": the citizen's own page (never a relative's): what they bring to
 * which meeting, and the form to bring one more (words and/or photos), to the next meeting unless
 * they choose another (`?moede=<id>`, from a meeting's page).
 */
export const load = (async (event) => {
	const { grant, db } = await guard.ownData(event, 'topics', 'write');
	const page = await topicPage(db, grant);
	const asked = event.url.searchParams.get('moede');
	const notice = event.url.searchParams.get('gemt');
	return {
		title: 'topics.title',
		...page,
		chosenMeetingId: page.meetings.find((m) => m.id === asked)?.id ?? page.nextMeetingId,
		notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Words and/or photos to one of the citizen's open meetings; the photos checked from their bytes. */
	add: async (event) => {
		const { grant, db } = await guard.ownData(event, 'topics', 'write');
		return formAction(event, {
			action: 'add',
			schema: topicSchema,
			run: async (data) => {
				const { photos, audio } = await topicFilesFrom(event.request);
				const topic = await addTopic(db, grant, data, photos, new Date(), audio);
				redirect(303, `/tal-om?gemt=tilfoejet#topic-${topic.id}`);
			}
		});
	}
} satisfies Actions;
