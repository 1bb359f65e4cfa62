import { error } from '@sveltejs/kit';

/**
 * Which goal the plan page shows (easy-read: one goal per screen) or opens (standard: the other
 * cards stay closed). Decided on the server, so the page needs no script for it and a form posted
 * without JavaScript comes back to the same goal.
 */

/** `?maal=N` is 1-based and short; anything else is a plain 400, never a guess (nor a 500). */
const GOAL_PARAM = /^\d{1,4}$/;

/**
 * The goal asked for by `?maal=` (1-based), or null when none is asked for. Out of range is not
 * wrong (a goal may have been removed since the link was made): goalToShow moves it to the nearest.
 */
export function requestedGoal(url: URL): number | null {
	const raw = url.searchParams.get('maal');
	if (raw === null) return null;
	if (!GOAL_PARAM.test(raw)) error(400, { message: 'errors.bad_request', code: 'bad_request' });
	return Number(raw);
}

interface GoalLike {
	status: string;
	subgoals: ReadonlyArray<{ inFocus: boolean }>;
}

/**
 * The 0-based goal to show: the one asked for (moved into range), else the one with a delmål in
 * focus, else the first not reached, else the first.
 */
export function goalToShow(goals: readonly GoalLike[], requested: number | null): number {
	if (goals.length === 0) return 0;
	if (requested !== null) return Math.min(Math.max(requested, 1), goals.length) - 1;
	const inFocus = goals.findIndex((g) => g.subgoals.some((s) => s.inFocus));
	if (inFocus >= 0) return inFocus;
	return Math.max(
		goals.findIndex((g) => g.status !== 'reached'),
		0
	);
}
