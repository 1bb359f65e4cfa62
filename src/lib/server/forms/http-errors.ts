import { error } from '@sveltejs/kit';
import { DomainError } from '../../errors';

/**
 * The plain error pages a domain outcome becomes, with an i18n key as the text (src/hooks/
 * plain-errors.ts shows it in the person's language and reading mode). A form shows bad input,
 * a conflict or a stale save beside itself instead (formAction); these are for what no form
 * can explain.
 */

/** "Not found": an unknown id, or one that is not this person's to see (the two look the same). */
export function notFound(): never {
	error(404, { message: 'errors.not_found', code: 'not_found' });
}

/** Input our own pages never send (a hidden field or a fixed choice changed by hand). */
export function badRequest(message = 'errors.bad_request'): never {
	error(400, { message, code: 'invalid' });
}

/** Runs a service call for a page; a "not found" from it is the 404 page. Other errors pass on. */
export async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (cause) {
		if (cause instanceof DomainError && cause.code === 'not_found') notFound();
		throw cause;
	}
}
