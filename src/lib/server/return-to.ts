/**
 * The one check for a return address taken from a request (after login, after a language,
 * reading-mode or display switch, after saying no to "look at it together").
 *
 * Patterns let `/%09/evil.example` through: a browser drops the tab and goes to another site.
 * So the URL parser decides, against the app's own origin, and anything it could read in a
 * second way is refused before it parses: control characters, backslashes, encoded slashes,
 * look-alike slashes. A refused value gives the fallback, never an error, so a hostile value
 * can neither send the person elsewhere nor turn into a 500 ("Invalid redirect location").
 */

/** Longer than any page address of the app; a longer value is not one of its pages. */
const MAX_LENGTH = 1024;
/** C0 controls, DEL, C1 controls, and the backslash that browsers read as a slash. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;
/** Characters that look like a slash or a backslash, and invisible format characters (zero-width, bidi). */
const LOOKALIKE_OR_INVISIBLE = /[\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c\p{Cf}]/u;
/** A slash or backslash written as %2F or %5C: no page of the app has one in its address. */
const ENCODED_SLASH = /%(2f|5c)/i;
/** Decoding rounds before a value counts as hiding something (`%25252f` is still refused). */
const DECODE_ROUNDS = 4;

/** The value and each of its percent-decodings, or null when one does not decode. */
function decodings(value: string): string[] | null {
	const stages = [value];
	let current = value;
	for (let round = 0; round < DECODE_ROUNDS; round++) {
		let decoded: string;
		try {
			decoded = decodeURIComponent(current);
		} catch {
			return null;
		}
		if (decoded === current) return stages;
		stages.push(decoded);
		current = decoded;
	}
	// Still changing after all rounds: nested encoding no page of the app needs.
	return null;
}

function hidesSomething(value: string): boolean {
	const stages = decodings(value);
	if (!stages) return true;
	if (stages.some((stage) => CONTROL_OR_BACKSLASH.test(stage) || LOOKALIKE_OR_INVISIBLE.test(stage))) return true;
	// The path itself (a query value may carry an encoded slash): no hidden slash, no `//` once decoded.
	const pathStages = decodings(value.split(/[?#]/, 1)[0]) ?? [];
	return pathStages.some((stage) => ENCODED_SLASH.test(stage) || stage.startsWith('//'));
}

/**
 * A path of this app to send the browser to (pathname, search and hash), or the fallback.
 * `origin` is the app's own origin (event.url.origin).
 */
export function safeReturnTo(value: unknown, origin: string | URL, fallback = '/'): string {
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
	if (!value.startsWith('/') || value.startsWith('//')) return fallback;
	if (hidesSomething(value)) return fallback;
	let own: URL;
	let resolved: URL;
	try {
		own = new URL(origin);
		resolved = new URL(value, own.origin);
	} catch {
		return fallback;
	}
	if (resolved.origin !== own.origin) return fallback;
	const path = resolved.pathname + resolved.search + resolved.hash;
	// The parser may still normalise (`/a/../..//x`): check what the browser will be given.
	if (!path.startsWith('/') || path.startsWith('//') || hidesSomething(path)) return fallback;
	// Returning to the login machinery itself would start another login, or end one.
	if (path === '/auth' || path.startsWith('/auth/')) return fallback;
	return path;
}
