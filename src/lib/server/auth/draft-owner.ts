import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Which person a draft kept on the device belongs to ($lib/offline/drafts.ts), without putting
 * the person's id in the page: the same person always gets the same short hash.
 */
export function draftOwnerRef(personId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`mf-draft-owner:${personId}`))).slice(0, 20);
}
