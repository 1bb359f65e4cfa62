import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { FieldError } from '$lib/errors';
import { formAction } from '$lib/server/forms/form-action';
import { MAX_VIDEO_HOSTS, parseVideoHost } from '$lib/meetings/video-hosts';
import { addVideoHost, removeVideoHost, videoHostsOf } from '$lib/server/organisations/video-hosts';
import { guard } from '$lib/server/policy/guard';

/** The organisation's approved video hosts, for its administrators: see, add, remove. */
export const load = (async (event) => {
	const { grant, db } = guard.operations(event, 'video_hosts', 'read');
	return { title: 'staff-video.title', organisations: await videoHostsOf(db, grant), max: MAX_VIDEO_HOSTS };
}) satisfies PageServerLoad;

const addSchema = v.object({
	organisationId: v.pipe(v.string(), v.uuid()),
	host: v.pipe(v.string(), v.maxLength(500))
});
const removeSchema = v.object({
	organisationId: v.pipe(v.string(), v.uuid()),
	host: v.pipe(v.string(), v.maxLength(253))
});

export const actions = {
	add: async (event) => {
		const { grant, db } = guard.operations(event, 'video_hosts', 'write');
		return formAction(event, {
			action: 'add',
			schema: addSchema,
			target: 'organisationId',
			badInput: 'badRequest',
			// One organisation's list is full: the page words it (with the limit).
			messages: { conflict: 'tooMany' },
			run: async ({ organisationId, host: typed }) => {
				const parsed = parseVideoHost(typed);
				if (!parsed.ok) throw new FieldError('host', parsed.problem);
				const result = await addVideoHost(db, grant, organisationId, parsed.host);
				return { result: result.added ? ('added' as const) : ('already' as const), host: parsed.host };
			},
			answer: (done) => done
		});
	},
	remove: async (event) => {
		const { grant, db } = guard.operations(event, 'video_hosts', 'write');
		return formAction(event, {
			action: 'remove',
			schema: removeSchema,
			target: 'organisationId',
			badInput: 'badRequest',
			run: ({ organisationId, host }) => removeVideoHost(db, grant, organisationId, host),
			answer: (_removed, { host }) => ({ result: 'removed' as const, host })
		});
	}
} satisfies Actions;
