import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { getJobs } from '$lib/server/jobs';
import { failedJobs, retryFailedJob } from '$lib/server/jobs/failed';
import { guard } from '$lib/server/policy/guard';

/** Failed jobs, for administrators: what, for whom (a first name), when, tries, why; retry. */
export const load = (async (event) => {
	const { grant, db } = guard.operations(event, 'jobs', 'read');
	const runner = getJobs();
	const jobs = runner ? await failedJobs(db, grant, runner) : [];
	return {
		title: 'jobs.title',
		runnerUp: Boolean(runner),
		jobs: jobs.map((job) => ({
			...job,
			createdAt: job.createdAt.toISOString(),
			nextTryAt: job.nextTryAt?.toISOString() ?? null
		}))
	};
}) satisfies PageServerLoad;

const retrySchema = v.object({ jobId: v.pipe(v.string(), v.uuid()) });

export const actions = {
	retry: async (event) => {
		const { grant } = guard.operations(event, 'jobs', 'write');
		const parsed = v.safeParse(retrySchema, Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { retried: false, problem: 'gone' as const });
		const runner = getJobs();
		if (!runner) return fail(503, { retried: false, problem: 'down' as const });
		const retried = await retryFailedJob(grant, runner, parsed.output.jobId);
		if (!retried) return fail(404, { retried: false, problem: 'gone' as const });
		return { retried: true, problem: null };
	}
} satisfies Actions;
