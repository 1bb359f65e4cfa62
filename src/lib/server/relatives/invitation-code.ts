import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * One-time invitation codes for relatives: 10 characters from an alphabet without look-alikes
 * (no I, O, 0 or 1), shown as "ABCDE-FGH23" so they can be read aloud or typed from a note.
 * 32 symbols × 10 = 50 bits, valid for 7 days. Only SHA-256 of the normalised code is stored.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

export function newInvitationCode(): string {
	const bytes = new Uint8Array(LENGTH);
	crypto.getRandomValues(bytes);
	// 256 is a multiple of 32, so every symbol is equally likely.
	const raw = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
	return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** Upper case, without spaces and dashes: "abcde fgh23" and "ABCDE-FGH23" are the same code. */
export function normaliseInvitationCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeInvitationCode(code: string): boolean {
	const normal = normaliseInvitationCode(code);
	return normal.length === LENGTH && [...normal].every((c) => ALPHABET.includes(c));
}

export function hashInvitationCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseInvitationCode(code))));
}
