import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconNodeOf, iconsUsedIn, spriteOf } from './vite-plugin';

const root = path.resolve('.');

describe('the icon sprite', () => {
	it('has a symbol with the package’s own shapes for every icon the app imports', () => {
		const used = iconsUsedIn(path.join(root, 'src'));
		expect(used.size).toBeGreaterThan(50);
		const sprite = spriteOf(new Map([...used].map((name) => [name, iconNodeOf(root, name)])));
		for (const name of used) expect(sprite).toContain(`<symbol id="${name}" viewBox="0 0 24 24">`);
		expect(sprite).toContain(
			'<symbol id="eye" viewBox="0 0 24 24"><path d="M2.062 12.348a1 1 0 0 1 0-.696 10.75 10.75 0 0 1 19.876 0 1 1 0 0 1 0 .696 10.75 10.75 0 0 1-19.876 0"/><circle cx="12" cy="12" r="3"/></symbol>'
		);
	});

	it('follows an old icon name to the new one, and refuses a name that is not an icon', () => {
		expect(iconNodeOf(root, 'circle-help')).toEqual(iconNodeOf(root, 'circle-question-mark'));
		expect(() => iconNodeOf(root, 'no-such-icon')).toThrow();
	});

	it('gives the same file for the same icons in any order (one hash for both builds)', () => {
		const eye = iconNodeOf(root, 'eye');
		const flag = iconNodeOf(root, 'flag');
		expect(
			spriteOf(
				new Map([
					['eye', eye],
					['flag', flag]
				])
			)
		).toBe(
			spriteOf(
				new Map([
					['flag', flag],
					['eye', eye]
				])
			)
		);
	});
});
