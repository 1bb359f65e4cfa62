import { copenhagenToUtc, utcToCopenhagen } from '../meetings/time';

/**
 * The day of "Min dag", worked out the same way on the server (the page without JavaScript, the
 * reminders) and in the browser (the now view moves on by itself). Pure: no clock, no database.
 *
 * A step has a time ("07:30", Copenhagen) or comes right after the step before; it then starts at
 * the same time as the step before. The now view shows the first step not done of the latest time
 * that has come: when a later time comes, an earlier step not done simply passes (no red, no
 * "missed"), and a step the citizen said "Ikke nu" to waits until its snooze has run out.
 */

interface DayStep {
	id: string;
	routineId: string;
	text: string;
	icon: string;
	time: string | null;
	/** The step's photo (media id), shown instead of the icon; the icon stays the fallback. */
	photoId?: string | null;
}
export interface DayRoutine {
	id: string;
	name: string;
	steps: DayStep[];
}

export interface PlannedStep extends DayStep {
	routineName: string;
	/** The time it starts: its own, or the one of the step before in its routine; null: any time. */
	startsAt: string | null;
	done: boolean;
	/** A time came after it while it was not done: it is let go, quietly. */
	passed: boolean;
	/** Waiting after "Ikke nu" until this instant (ISO). */
	snoozedUntil: string | null;
}

export interface DayView {
	steps: PlannedStep[];
	now: PlannedStep | null;
	next: PlannedStep | null;
	/** For the shrinking disc: how much of the now step's time is left, 1 (all) to 0. */
	left: number;
	/** When the disc reaches 0 (ISO), or null when the step has no end. */
	endsAt: string | null;
}

/** A step with no later time has this long on the disc. */
const LAST_STEP_MINUTES = 30;

/** The Copenhagen day and wall-clock time of an instant. */
export function clockAt(instant: Date) {
	return utcToCopenhagen(instant);
}

/** The instant a step's time falls on a day (right across the daylight-saving changes). */
export const instantOf = (day: string, time: string) => copenhagenToUtc(day, time);

export function planDay(
	routines: readonly DayRoutine[],
	done: ReadonlySet<string>,
	snoozes: ReadonlyMap<string, string>,
	now: Date
): DayView {
	const { date: day } = clockAt(now);
	const nowMs = now.getTime();
	const steps: PlannedStep[] = [];
	for (const routine of routines) {
		let startsAt: string | null = null;
		for (const step of routine.steps) {
			startsAt = step.time ?? startsAt;
			const until = snoozes.get(step.id) ?? null;
			steps.push({
				...step,
				routineName: routine.name,
				startsAt,
				done: done.has(step.id),
				passed: false,
				snoozedUntil: until && Date.parse(until) > nowMs ? until : null
			});
		}
	}
	const started = (s: PlannedStep) => s.startsAt !== null && instantOf(day, s.startsAt).getTime() <= nowMs;
	// The latest time that has come today, across all routines.
	const latest = steps
		.filter(started)
		.map((s) => s.startsAt!)
		.sort()
		.at(-1);
	for (const s of steps) if (!s.done && latest && s.startsAt !== null && s.startsAt < latest) s.passed = true;

	const open = (s: PlannedStep) => !s.done && !s.passed && !s.snoozedUntil;
	const timedNow = steps.find((s) => open(s) && s.startsAt === latest && latest !== undefined);
	// Nothing due by the clock: a routine without times can be followed whenever.
	const now_ = timedNow ?? steps.find((s) => open(s) && s.startsAt === null) ?? null;
	const index = now_ ? steps.indexOf(now_) : -1;
	const upcoming = (s: PlannedStep, i: number) => i > index && !s.done && !s.passed;
	const next = now_
		? (steps.find((s, i) => upcoming(s, i) && s.routineId === now_.routineId) ??
			steps.find((s, i) => upcoming(s, i) && s.startsAt !== null && s.startsAt > (now_.startsAt ?? '')) ??
			null)
		: (steps
				.filter((s) => !s.done && !s.passed && s.startsAt !== null && !started(s))
				.sort((a, b) => a.startsAt!.localeCompare(b.startsAt!))[0] ?? null);

	let left = 1;
	let endsAt: string | null = null;
	if (now_?.startsAt) {
		const start = instantOf(day, now_.startsAt).getTime();
		const later = steps
			.map((s) => s.startsAt)
			.filter((t): t is string => t !== null && t > now_.startsAt!)
			.sort()[0];
		const end = later ? instantOf(day, later).getTime() : start + LAST_STEP_MINUTES * 60_000;
		endsAt = new Date(end).toISOString();
		left = Math.max(0, Math.min(1, (end - nowMs) / Math.max(1, end - start)));
	}
	return { steps, now: now_, next, left, endsAt };
}

/** A day of routines as a page gets it: what is done today, and what waits after "Ikke nu" (until, ISO). */
export interface MyDay {
	routines: DayRoutine[];
	done: string[];
	snoozes: Array<[string, string]>;
}

/** The now step of such a day at `now` ("I dag" shows it); null: no routines, or nothing now. */
export function nowStepIn(day: MyDay | null | undefined, now: Date): PlannedStep | null {
	if (!day) return null;
	return planDay(day.routines, new Set(day.done), new Map(day.snoozes), now).now;
}
