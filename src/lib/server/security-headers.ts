/**
 * The headers every response of the app carries (src/hooks/security-headers.ts), in one place so
 * the development identity provider (auth/dev-idp.ts, run by tsx outside Vite: no imports here)
 * sends the same ones and a change reaches both.
 */
export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	// A page's address (a login's state, a person's id) never goes to another site in full.
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin'
} as const;
