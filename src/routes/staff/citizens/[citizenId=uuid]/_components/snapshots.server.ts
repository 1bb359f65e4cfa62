import { expectedEnd } from '$lib/programmes';
import type { currentCourse, goalWithOwner, planPeriodsOf, subgoalWithOwner } from '$lib/server/plan/repository';

/**
 * Plain copies of plan rows: what a form starts from (`…Values`, every field a string) and what
 * a page shows when someone else saved first (`…Snapshot`).
 */

type GoalRow = NonNullable<Awaited<ReturnType<typeof goalWithOwner>>>['goal'];
type SubgoalRow = NonNullable<Awaited<ReturnType<typeof subgoalWithOwner>>>['subgoal'];
type CourseRow = NonNullable<Awaited<ReturnType<typeof currentCourse>>>['course'];
type PeriodRow = Awaited<ReturnType<typeof planPeriodsOf>>[number];

export function goalValues(g: GoalRow) {
	return {
		title: g.title,
		titleEasy: g.titleEasy ?? '',
		ownWords: g.ownWords ?? '',
		whyItMatters: g.whyItMatters ?? '',
		status: g.status
	};
}

export function goalSnapshot(g: GoalRow) {
	return { ...goalValues(g), version: g.version };
}

export function subgoalValues(s: SubgoalRow) {
	return {
		title: s.title,
		titleEasy: s.titleEasy ?? '',
		status: s.status,
		nextStep: s.nextStep ?? '',
		nextStepEasy: s.nextStepEasy ?? '',
		dueOn: s.dueOn ?? '',
		inFocus: s.inFocus ? 'on' : ''
	};
}

export function subgoalSnapshot(s: SubgoalRow) {
	return { ...subgoalValues(s), version: s.version };
}

/**
 * The course form. An end date that is the template's own (worked out from the start) is left
 * empty, so that it follows when the start date changes; only an end typed on purpose stays.
 */
export function courseValues(c: CourseRow) {
	const fromTemplate = c.endsOn === expectedEnd(c.programme, c.variant, c.startsOn);
	return {
		programme: c.programme,
		variant: c.variant,
		startsOn: c.startsOn,
		endsOn: fromTemplate ? '' : (c.endsOn ?? '')
	};
}

export function courseSnapshot(c: CourseRow) {
	return {
		programme: c.programme,
		variant: c.variant,
		startsOn: c.startsOn,
		endsOn: c.endsOn ?? '',
		version: c.version
	};
}

export function periodValues(p: PeriodRow) {
	return { startsOn: p.startsOn, endsOn: p.endsOn ?? '', status: p.status ?? '', statusEasy: p.statusEasy ?? '' };
}

export function periodSnapshot(p: PeriodRow) {
	return { ...periodValues(p), version: p.version };
}
