import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { moodsByWeek, progressOf, weekOf } from '$lib/server/progress/service';
import * as v from 'valibot';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';

/** The citizen's choice to see diary moods beside the path: a device cookie, nothing personal in it. */
const MOODS_COOKIE = 'mf-progress-moods';
const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * "Mine skridt": how far the citizen has come. The citizen, a relative with the plan scope and
 * the citizen's professionals (their own page) read it through the plan grant. Diary moods are
 * the citizen's own and private: only the citizen sees them, and only after turning them on.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read');
	const progress = await progressOf(db, grant);
	const isSelf = grant.relation.kind === 'self';
	const showMoods = isSelf && event.cookies.get(MOODS_COOKIE) === '1';
	let moods: { byStep: Record<string, number | null>; now: number | null } | null = null;
	if (showMoods) {
		const diary = await guard.citizen(event, 'diary', 'read');
		const now = new Date();
		const weekOfStep = Object.fromEntries(progress.steps.map((s) => [s.id, weekOf(s.completedAt)]));
		const thisWeek = weekOf(now);
		const byWeek = await moodsByWeek(diary.db, diary.grant, [...Object.values(weekOfStep), thisWeek], now);
		moods = {
			byStep: Object.fromEntries(progress.steps.map((s) => [s.id, byWeek.get(weekOfStep[s.id]) ?? null])),
			now: byWeek.get(thisWeek) ?? null
		};
	}
	return { title: isSelf ? 'progress.title' : 'progress.titleOther', progress, isSelf, showMoods, moods };
}) satisfies PageServerLoad;

export const actions = {
	/** Turn the diary moods beside the path on or off (the citizen only). */
	moods: async (event) => {
		await guard.ownData(event, 'diary', 'read');
		return formAction(event, {
			action: 'moods',
			schema: v.object({ show: v.optional(v.string(), '') }),
			run: async ({ show }) => {
				if (show === '1')
					event.cookies.set(MOODS_COOKIE, '1', {
						path: '/',
						httpOnly: true,
						secure: true,
						sameSite: 'lax',
						maxAge: ONE_YEAR
					});
				else event.cookies.delete(MOODS_COOKIE, { path: '/', secure: true });
				redirect(303, '/fremskridt');
			}
		});
	}
} satisfies Actions;
