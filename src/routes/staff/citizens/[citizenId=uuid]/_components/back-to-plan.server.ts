import { redirect } from '@sveltejs/kit';

/** After a save on a staff plan form: back to the citizen's plan with a short "saved" message. */
export function backToPlan(citizenId: string, saved: string): never {
	redirect(303, `/staff/citizens/${citizenId}?saved=${saved}`);
}
