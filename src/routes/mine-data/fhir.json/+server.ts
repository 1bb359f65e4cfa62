import type { RequestHandler } from './$types';
import { fhirBundle } from '$lib/server/export/fhir';
import { collectExport } from '$lib/server/export/service';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import { copenhagenDate } from '$lib/meetings/time';

/** The plan as a FHIR R4 Bundle (CarePlan, Goal, Appointment, Consent, RelatedPerson); the file is named by the Danish date. */
export const GET: RequestHandler = async (event) => {
	const { grant, db } = await guard.citizen(event, 'export', 'read');
	await limit.link(event, 'export');
	const now = new Date();
	const bundle = fhirBundle(await collectExport(db, grant, now), now);
	return new Response(JSON.stringify(bundle, null, 2), {
		headers: {
			'Content-Type': 'application/fhir+json; charset=utf-8',
			'Content-Disposition': `attachment; filename="mit-forloeb-fhir-${copenhagenDate(now)}.json"`,
			'Cache-Control': 'no-store'
		}
	});
};
