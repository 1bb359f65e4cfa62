import { describe, expect, it } from 'vitest';
import { instantOf, planDay, type DayRoutine } from './day';
import { addDays, isoWeekOf } from './weeks';
import { STEP_ICONS } from './step-icons';
import { iconsUsedIn } from '../icons/vite-plugin';

const morning: DayRoutine = {
	id: 'r1',
	name: 'Morgen',
	steps: [
		{ id: 'up', routineId: 'r1', text: 'Stå op', icon: 'sun', time: '07:00' },
		{ id: 'shower', routineId: 'r1', text: 'Bad', icon: 'shower-head', time: null },
		{ id: 'eat', routineId: 'r1', text: 'Spis', icon: 'utensils', time: '07:30' },
		{ id: 'pills', routineId: 'r1', text: 'Piller', icon: 'pill', time: null }
	]
};
const at = (iso: string) => new Date(iso);
const none = new Set<string>();
const noSnooze = new Map<string, string>();

describe('the day, one step at a time', () => {
	it('before the first time: nothing now, the first step next', () => {
		const day = planDay([morning], none, noSnooze, at('2026-12-08T05:50:00Z')); // 06:50 in Copenhagen
		expect(day.now).toBeNull();
		expect(day.next?.id).toBe('up');
	});

	it('shows the first step not done of the latest time that has come, and the step after it', () => {
		const day = planDay([morning], new Set(['up']), noSnooze, at('2026-12-08T06:10:00Z')); // 07:10
		expect(day.now?.id).toBe('shower');
		expect(day.next?.id).toBe('eat');
		// The disc: 20 of the 30 minutes to 07:30 are left.
		expect(day.left).toBeCloseTo(20 / 30, 2);
		expect(day.endsAt).toBe('2026-12-08T06:30:00.000Z');
	});

	it('lets a step not done pass quietly when a later time comes', () => {
		const day = planDay([morning], none, noSnooze, at('2026-12-08T06:35:00Z')); // 07:35
		expect(day.now?.id).toBe('eat');
		expect(day.steps.filter((s) => s.passed).map((s) => s.id)).toEqual(['up', 'shower']);
		expect(day.steps.find((s) => s.id === 'up')?.done).toBe(false);
	});

	it('"Ikke nu" moves on to the next step until the snooze has run out', () => {
		const snoozed = new Map([['eat', '2026-12-08T06:45:00Z']]);
		expect(planDay([morning], none, snoozed, at('2026-12-08T06:36:00Z')).now?.id).toBe('pills');
		expect(planDay([morning], none, snoozed, at('2026-12-08T06:46:00Z')).now?.id).toBe('eat');
	});

	it('is done when every step is', () => {
		const day = planDay([morning], new Set(['up', 'shower', 'eat', 'pills']), noSnooze, at('2026-12-08T07:00:00Z'));
		expect(day.now).toBeNull();
		expect(day.next).toBeNull();
	});

	it('a routine without times can be followed at any time', () => {
		const loose: DayRoutine = {
			id: 'r2',
			name: 'Aften',
			steps: [{ id: 'tv', routineId: 'r2', text: 'Sluk tv', icon: 'tv', time: null }]
		};
		const day = planDay([loose], none, noSnooze, at('2026-12-08T20:00:00Z'));
		expect(day.now?.id).toBe('tv');
		expect(day.endsAt).toBeNull();
	});
});

describe('Copenhagen time across the clock changes', () => {
	it('07:30 is 05:30 UTC on 29 March 2026 and 06:30 UTC on 25 October 2026', () => {
		expect(instantOf('2026-03-28', '07:30').toISOString()).toBe('2026-03-28T06:30:00.000Z');
		expect(instantOf('2026-03-29', '07:30').toISOString()).toBe('2026-03-29T05:30:00.000Z');
		expect(instantOf('2026-10-24', '07:30').toISOString()).toBe('2026-10-24T05:30:00.000Z');
		expect(instantOf('2026-10-25', '07:30').toISOString()).toBe('2026-10-25T06:30:00.000Z');
	});

	it('the now view on the change days follows the wall clock', () => {
		// 29 March, 05:35 UTC is 07:35 summer time: breakfast.
		expect(planDay([morning], none, noSnooze, at('2026-03-29T05:35:00Z')).now?.id).toBe('eat');
		// 25 October, 06:35 UTC is 07:35 winter time: breakfast; an hour earlier it is 06:35, before the day starts.
		expect(planDay([morning], none, noSnooze, at('2026-10-25T06:35:00Z')).now?.id).toBe('eat');
		expect(planDay([morning], none, noSnooze, at('2026-10-25T05:35:00Z')).now).toBeNull();
	});
});

describe('weeks', () => {
	it('ISO weeks, also over a new year', () => {
		expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
		expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
		expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
		expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
	});
});

describe('step icons', () => {
	it('are all in the app’s icon sprite', () => {
		const used = iconsUsedIn('src');
		for (const icon of STEP_ICONS) expect(used.has(icon), icon).toBe(true);
	});
});
