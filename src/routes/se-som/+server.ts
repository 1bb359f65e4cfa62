import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { clearViewAsCookie } from '$lib/server/relatives/view-as-cookie';
import { guard } from '$lib/server/policy/guard';

/**
 * "Tilbage til mine egne sider": ends looking at one's pages as a relative sees them (see
 * /paaroerende, action seeAs). It only narrows what a citizen sees, so anyone logged in may end it.
 */
export const POST: RequestHandler = async (event) => {
	guard.user(event);
	clearViewAsCookie(event.cookies);
	redirect(303, '/paaroerende');
};
