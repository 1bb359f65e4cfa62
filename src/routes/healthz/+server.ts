import { text } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/policy/guard';

/** Process is alive. Says nothing about the database (that is /readyz). */
export const GET: RequestHandler = async () => {
	guard.public();
	return text('ok', { headers: { 'cache-control': 'no-store' } });
};
