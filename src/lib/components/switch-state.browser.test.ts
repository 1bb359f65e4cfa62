import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import SwitchState from './switch-state.svelte';

/**
 * The words that say a toggle's state (switch-state.svelte): "Til"/"Fra" for a switch, "Valgt" only
 * on the chosen answer. They are hidden from screen readers, which hear the button's aria-pressed.
 */

function show(props: { on: boolean; kind?: 'switch' | 'choice' }, lang: 'da' | 'en' = 'da') {
	return render(SwitchState, props, { wrapper: WithI18n, wrapperProps: { lang } });
}

describe('switch state', () => {
	it('says "Til" or "Fra" in words, hidden from screen readers', async () => {
		const on = await show({ on: true });
		const word = on.container.querySelector('.switch-state');
		expect(word?.textContent).toBe('Til');
		expect(word?.getAttribute('aria-hidden')).toBe('true');
		on.unmount();

		const off = await show({ on: false });
		expect(off.container.querySelector('.switch-state')?.textContent).toBe('Fra');
	});

	it('follows the language', async () => {
		const screen = await show({ on: false }, 'en');
		expect(screen.container.querySelector('.switch-state')?.textContent).toBe('Off');
	});

	it('marks only the chosen answer of a few', async () => {
		const chosen = await show({ on: true, kind: 'choice' });
		expect(chosen.container.querySelector('.switch-state')?.textContent).toBe('Valgt');
		chosen.unmount();

		const other = await show({ on: false, kind: 'choice' });
		expect(other.container.querySelector('.switch-state')).toBeNull();
	});
});
