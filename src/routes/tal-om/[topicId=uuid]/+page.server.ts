import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, noFields } from '$lib/server/forms/form-action';
import { orNotFound } from '$lib/server/forms/http-errors';
import { guard } from '$lib/server/policy/guard';
import { deleteTopic, editTopic, topicToEdit } from '$lib/server/topics/service';
import { topicFilesFrom } from '$lib/server/topics/uploads';
import { TOPIC_LISTS, topicEditSchema } from '$lib/topics/schemas';

/** One of the citizen's own topics, to change or delete while its meeting is still to come. */
export const load = (async (event) => {
	const { grant, db } = await guard.ownData(event, 'topics', 'write');
	const page = await orNotFound(() => topicToEdit(db, grant, event.params.topicId));
	return { title: 'topics.edit.title', ...page };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.ownData(event, 'topics', 'write');
		return formAction(event, {
			action: 'save',
			schema: topicEditSchema,
			lists: TOPIC_LISTS,
			run: async (data) => {
				const { photos, audio } = await topicFilesFrom(event.request);
				await editTopic(db, grant, event.params.topicId, data, photos, new Date(), audio);
				redirect(303, `/tal-om?gemt=rettet#topic-${event.params.topicId}`);
			}
		});
	},
	delete: async (event) => {
		const { grant, db } = await guard.ownData(event, 'topics', 'write');
		return formAction(event, {
			action: 'delete',
			schema: noFields,
			run: async () => {
				await deleteTopic(db, grant, event.params.topicId);
				redirect(303, '/tal-om?gemt=slettet');
			}
		});
	}
} satisfies Actions;
