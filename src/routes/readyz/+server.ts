import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getOpenDatabase } from '$lib/server/db';
import { latestMigration, readiness } from '$lib/server/health';
import { getJobs } from '$lib/server/jobs';
import { guard } from '$lib/server/policy/guard';

let newest: number | undefined;

function openDb() {
	try {
		return getOpenDatabase().db;
	} catch {
		return null;
	}
}

/**
 * Ready for traffic: the database answers, the migrations are applied and the job runner is
 * started. 503 otherwise (a load balancer then sends requests elsewhere). Says which check failed,
 * nothing more.
 */
export const GET: RequestHandler = async () => {
	guard.public();
	newest ??= latestMigration();
	const result = await readiness(openDb(), Boolean(getJobs()), { latestMigration: newest });
	return json(result, {
		status: result.ready ? 200 : 503,
		headers: { 'cache-control': 'no-store', ...(result.ready ? {} : { 'retry-after': '5' }) }
	});
};
