import type { PageServerLoad } from './$types';
import { collectExport } from '$lib/server/export/service';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';

/** Everything the app holds about the citizen on one plain page, to read or print. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'export', 'read');
	await limit.page(event, 'export');
	const data = await collectExport(db, grant);
	return {
		title: 'access.print.title',
		data: { ...data, accessLog: data.accessLog.slice(0, 50) },
		accessLogTotal: data.accessLog.length
	};
}) satisfies PageServerLoad;
