import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { navigate } from '../../../tests/browser/kit';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import SessionTimeout from './session-timeout.svelte';

vi.mock('$app/navigation', () => import('../../../tests/browser/kit'));

/**
 * The session's end, as the person meets it (session-timeout.svelte): a warning two minutes
 * before, "Fortsæt" that keeps them in, navigation that counts as activity, and a plain "Du er
 * logget ud" with the way back. The page's clock is a fake one, moved on by the test.
 */

const MINUTE = 60_000;
let extend: ReturnType<typeof vi.fn<(init?: RequestInit) => Response>>;

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
	extend = vi.fn(() => Response.json({ expiresInMs: 30 * MINUTE }));
	const pass = window.fetch.bind(window);
	vi.spyOn(window, 'fetch').mockImplementation(async (input, init) =>
		String(input) === '/api/session/extend' ? extend(init) : pass(input, init)
	);
});
afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

/** The page was made with 30 minutes left, as the server counts them. */
const show = () => render(SessionTimeout, { expiresInMs: 30 * MINUTE, inactivityMinutes: 30 }, { wrapper: WithI18n });

/** Lets the page's clock run on, and the page show what it now knows. */
function wait(ms: number) {
	vi.advanceTimersByTime(ms);
	flushSync();
}

const warning = () => document.querySelector('[role="alertdialog"]');
const ended = () => document.querySelector('[role="alert"]');

describe('the end of a session', () => {
	it('says nothing until two minutes before the end, then asks "Er du der stadig?" with Fortsæt', async () => {
		const screen = await show();
		wait(27 * MINUTE + 55_000);
		expect(warning()).toBeNull();
		expect(ended()).toBeNull();

		wait(5_000);
		const dialog = screen.getByRole('alertdialog', { name: 'Er du der stadig?' });
		await expect.element(dialog).toBeVisible();
		await expect
			.element(dialog)
			.toHaveAccessibleDescription(
				'Du bliver logget ud om 2 minutter, fordi der ikke er sket noget. Tryk på Fortsæt for at blive.'
			);
		await expect.element(dialog.getByRole('button', { name: 'Fortsæt' })).toBeVisible();
	});

	it('without a tap it ends plainly: "Du er logget ud" and a link to log in again', async () => {
		const screen = await show();
		wait(29 * MINUTE + 55_000);
		expect(warning()).not.toBeNull();
		wait(5_000);
		expect(warning()).toBeNull();
		const alert = screen.getByRole('alert');
		await expect.element(alert.getByRole('heading', { name: 'Du er logget ud' })).toBeVisible();
		await expect.element(alert.getByRole('link', { name: 'Log ind igen' })).toHaveAttribute('href', '/login');
	});

	it('Fortsæt asks the server for more time and counts from its answer', async () => {
		const screen = await show();
		wait(28 * MINUTE);
		await screen.getByRole('button', { name: 'Fortsæt' }).click();
		await vi.waitFor(() => expect(warning()).toBeNull());
		expect(extend).toHaveBeenCalledOnce();
		expect(extend.mock.calls[0][0]?.method).toBe('POST');

		// The server gave 30 minutes from the tap (the tap itself takes a moment on the page's clock):
		// quiet for 27 more, warned at 28, out at 30.
		wait(27 * MINUTE + 50_000);
		expect(warning()).toBeNull();
		wait(15_000);
		expect(warning()).not.toBeNull();
		wait(2 * MINUTE);
		expect(ended()).not.toBeNull();
	});

	it('when the server says the session is already gone, Fortsæt shows at once that the person is logged out', async () => {
		extend.mockImplementation(() => new Response(null, { status: 401 }));
		const screen = await show();
		wait(28 * MINUTE);
		await screen.getByRole('button', { name: 'Fortsæt' }).click();
		await vi.waitFor(() => expect(ended()).not.toBeNull());
		expect(warning()).toBeNull();
		await expect.element(screen.getByRole('link', { name: 'Log ind igen' })).toBeVisible();
	});

	it('moving to another page counts as activity: the countdown starts again from there', async () => {
		await show();
		wait(20 * MINUTE);
		navigate('/plan');
		// The server slides the session at most once a minute: counted from a minute earlier, 29 minutes.
		wait(26 * MINUTE + 55_000);
		expect(warning()).toBeNull();
		wait(5_000);
		expect(warning()).not.toBeNull();
		expect(extend).not.toHaveBeenCalled();
	});
});
