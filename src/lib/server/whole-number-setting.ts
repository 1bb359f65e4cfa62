/**
 * A whole-number setting from the environment, from 1 to `max`: unset or empty gives undefined (the
 * caller's default); anything else (a typo, 0, NaN, a fraction) stops the server at start with a
 * plain message naming the setting, made into the caller's own error by `fail`.
 */
export function wholeNumberSetting(
	name: string,
	raw: string | undefined,
	{ max, meaning, fail }: { max: number; meaning: string; fail: (message: string) => Error }
): number | undefined {
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	if (!/^\s*\d+\s*$/.test(raw) || !Number.isInteger(value) || value < 1 || value > max)
		throw fail(`${name} must be a whole number from 1 to ${max}: ${meaning} (it is "${raw}")`);
	return value;
}
