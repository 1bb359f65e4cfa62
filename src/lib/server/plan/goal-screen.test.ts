import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { goalToShow, requestedGoal } from './goal-screen';

const url = (query: string) => new URL(`http://localhost/plan${query}`);
const goal = (status: string, inFocus = false) => ({ status, subgoals: [{ inFocus: false }, { inFocus }] });

describe('the goal the plan shows', () => {
	it('reads ?maal= as a 1-based number, and nothing when it is not there', () => {
		expect(requestedGoal(url(''))).toBeNull();
		expect(requestedGoal(url('?maal=2'))).toBe(2);
		expect(requestedGoal(url('?maal=2&/status'))).toBe(2);
		expect(requestedGoal(url('?maal=0'))).toBe(0);
	});

	it.each([['abc'], [''], ['-1'], ['1.5'], ['2e3'], [' 2'], ['%00'], ['1%00'], ['9'.repeat(20_000)], ['٢']])(
		'refuses ?maal=%s with a plain 400',
		(raw) => {
			try {
				requestedGoal(url(`?maal=${raw}`));
				expect.unreachable();
			} catch (e) {
				expect(isHttpError(e, 400)).toBe(true);
			}
		}
	);

	it('moves a number out of range to the nearest goal', () => {
		const goals = [goal('active'), goal('active'), goal('active')];
		expect(goalToShow(goals, 0)).toBe(0);
		expect(goalToShow(goals, 2)).toBe(1);
		expect(goalToShow(goals, 3)).toBe(2);
		expect(goalToShow(goals, 9999)).toBe(2);
		expect(goalToShow([], 2)).toBe(0);
	});

	it('shows the goal with a delmål in focus, else the first not reached', () => {
		expect(goalToShow([goal('active'), goal('active', true)], null)).toBe(1);
		expect(goalToShow([goal('reached'), goal('active'), goal('active')], null)).toBe(1);
		expect(goalToShow([goal('reached'), goal('reached')], null)).toBe(0);
		expect(goalToShow([], null)).toBe(0);
	});
});
