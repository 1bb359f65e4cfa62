import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { getJobs } from '$lib/server/jobs';
import { failedJobs, retryFailedJob } from '$lib/server/jobs/failed';
import { FieldError } from '$lib/errors';
import { formAction } from '$lib/server/forms/form-action';
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

const retrySchema = v.object({ jobId: v.pipe(v.string('jobs.retryGone'), v.uuid('jobs.retryGone')) });

export const actions = {
	retry: async (event) => {
		const { grant } = guard.operations(event, 'jobs', 'write');
		return formAction(event, {
			action: 'retry',
			schema: retrySchema,
			run: async ({ jobId }) => {
				const runner = getJobs();
				if (!runner) throw new FieldError('form', 'jobs.runnerDown');
				if (!(await retryFailedJob(grant, runner, jobId))) throw new FieldError('form', 'jobs.retryGone');
			}
		});
	}
} satisfies Actions;
