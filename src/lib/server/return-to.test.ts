import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

const ORIGIN = 'https://mitforloeb.example.dk';

/** Each would send the person to another site, to a script, or make the redirect fail. */
const HOSTILE: Array<[string, unknown]> = [
	['tab between the slashes (the reported hole)', '/%09/evil.example'],
	['raw tab between the slashes', '/\t/evil.example'],
	['raw newline', '/plan\nSet-Cookie: x=1'],
	['raw carriage return', '/plan\r'],
	['encoded CR LF header injection', '/%0d%0aSet-Cookie:x'],
	['NUL', '/plan%00'],
	['DEL', '/plan\u007f'],
	['C1 control (NEL)', '/plan\u0085'],
	['slash backslash', '/\\evil.example'],
	['two backslashes', '\\\\evil.example'],
	['backslash later in the path', '/plan\\..\\..\\evil'],
	['encoded backslash', '/%5cevil.example'],
	['protocol-relative', '//evil.example/'],
	['protocol-relative with a path', '//evil.example/plan'],
	['encoded slashes', '/%2f%2fevil.example'],
	['encoded slashes, upper case', '/%2F%2Fevil.example'],
	['double-encoded slashes', '/%252f%252fevil.example'],
	['double-encoded slash alone', '%252f'],
	['triple-encoded tab', '/%252509/evil.example'],
	['javascript: URL', 'javascript:alert(1)'],
	['data: URL', 'data:text/html,<script>alert(1)</script>'],
	['https URL', 'https://evil.example/'],
	['http URL', 'http://evil.example/plan'],
	['the own origin written out', `${ORIGIN}/plan`],
	['division slash U+2215', '/\u2215evil.example'],
	['fullwidth solidus U+FF0F', '/\uff0fevil.example'],
	['fraction slash U+2044', '/\u2044evil.example'],
	['encoded fullwidth solidus', '/%EF%BC%8Fevil.example'],
	['look-alike slashes at the start', '\u2215\u2215evil.example'],
	['zero-width space', '/\u200b/evil.example'],
	['right-to-left override', '/plan\u202e'],
	['broken percent encoding', '/plan%E0%A4%A'],
	['10,000 characters', `/${'a'.repeat(10_000)}`],
	['relative path', 'plan'],
	['empty', ''],
	['space before the slash', ' /plan'],
	['back into the login', '/auth/login?returnTo=/plan'],
	['dot segments up and out', '/..//evil.example'],
	['not a string', ['/plan']],
	['null', null],
	['undefined', undefined]
];

/** Real return addresses of the app: kept as they are. */
const GOOD: string[] = [
	'/',
	'/plan',
	'/plan?x=1',
	'/adgangslog?side=2',
	'/moeder/3f9a1c2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b?ny-tid=valgt',
	'/kriseplan#hvem',
	'/invitation',
	'/login?returnTo=%2Fplan'
];

describe('safeReturnTo', () => {
	it.each(HOSTILE)('refuses %s', (_name, value) => {
		expect(safeReturnTo(value, ORIGIN)).toBe('/');
	});

	it.each(GOOD)('keeps %s', (value) => {
		expect(safeReturnTo(value, ORIGIN)).toBe(value);
	});

	it('gives the fallback the caller names', () => {
		expect(safeReturnTo('/%09/evil.example', ORIGIN, '/sammen/1')).toBe('/sammen/1');
	});

	it('returns what the URL parser made of the path, nothing it would read differently', () => {
		expect(safeReturnTo('/plan/../kriseplan', ORIGIN)).toBe('/kriseplan');
		expect(safeReturnTo('/plan?text=a b', ORIGIN)).toBe('/plan?text=a%20b');
	});
});
