import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { collectExport } from '$lib/server/export/service';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import { copenhagenDate } from '$lib/meetings/time';

/** Everything the app holds about the citizen, as JSON in the format of docs/export-schema.json. */
export const GET: RequestHandler = async (event) => {
	const { grant, db } = await guard.citizen(event, 'export', 'read');
	await limit.link(event, 'export');
	const data = await collectExport(db, grant);
	const day = copenhagenDate(new Date(data.exportedAt));
	return json(data, {
		headers: {
			'Content-Disposition': `attachment; filename="mit-forloeb-${day}.json"`,
			'Cache-Control': 'no-store'
		}
	});
};
