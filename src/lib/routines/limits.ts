/**
 * How much "Min dag" holds. Few on purpose: a day of 10 routines of 30 steps is already more than
 * anyone follows, and the limits keep a page (and the now view's work) small.
 */
export const ROUTINE_LIMITS = {
	routines: 10,
	steps: 30,
	name: 60,
	stepText: 80,
	/** "Ikke nu": minutes a step waits. */
	snoozeMinutes: 10,
	/** How many days back a tick made offline may still be for (a phone left off over a weekend). */
	tickDaysBack: 7,
	/** A step's photo: the longest side after shrinking on the phone (shown at most screen-wide). */
	photoSide: 1200
} as const;
