import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
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

/** Another organisation's id, or one that is gone: the same plain 404 (nothing is said about others). */
function notFound(cause: unknown): never {
	if (cause instanceof DomainError && cause.code === 'not_found')
		error(404, { message: 'errors.not_found', code: 'not_found' });
	throw cause;
}

export const actions = {
	add: async (event) => {
		const { grant, db } = guard.operations(event, 'video_hosts', 'write');
		const form = v.safeParse(addSchema, Object.fromEntries(await event.request.formData()));
		if (!form.success) error(400, { message: 'errors.invalid_choice', code: 'invalid' });
		const { organisationId, host: typed } = form.output;
		const parsed = parseVideoHost(typed);
		if (!parsed.ok) return fail(400, { organisationId, typed, problem: parsed.problem });
		try {
			const result = await addVideoHost(db, grant, organisationId, parsed.host);
			return { organisationId, done: result.added ? ('added' as const) : ('already' as const), host: parsed.host };
		} catch (cause) {
			if (cause instanceof DomainError && cause.code === 'conflict')
				return fail(409, { organisationId, typed, problem: 'tooMany' as const });
			notFound(cause);
		}
	},
	remove: async (event) => {
		const { grant, db } = guard.operations(event, 'video_hosts', 'write');
		const form = v.safeParse(removeSchema, Object.fromEntries(await event.request.formData()));
		if (!form.success) error(400, { message: 'errors.invalid_choice', code: 'invalid' });
		const { organisationId, host } = form.output;
		try {
			await removeVideoHost(db, grant, organisationId, host);
			return { organisationId, done: 'removed' as const, host };
		} catch (cause) {
			notFound(cause);
		}
	}
} satisfies Actions;
