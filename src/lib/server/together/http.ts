import { error, fail, json } from '@sveltejs/kit';
import { AccessDenied } from '../policy';
import { TOGETHER_ERRORS } from '../../together/types';
import { TogetherError } from './service';

/** A refusal as the together endpoints answer it: a status, a code the page explains, nothing changed. */
export function togetherJsonError(cause: unknown): Response {
	if (cause instanceof TogetherError) {
		const status = TOGETHER_ERRORS[cause.code];
		const headers: Record<string, string> = cause.code === 'flood' ? { 'retry-after': String(10) } : {};
		return json({ code: cause.code, current: cause.current ?? null }, { status, headers });
	}
	if (cause instanceof AccessDenied) return json({ code: 'forbidden', reason: cause.reason }, { status: cause.status });
	throw cause;
}

/** The same for a form action: a message on the page, or the kind 403/404 page. */
export function togetherFormFailure(cause: unknown) {
	if (cause instanceof TogetherError) {
		if (cause.code === 'not_found') error(404, { message: 'errors.not_found', code: 'not_found' });
		return fail(TOGETHER_ERRORS[cause.code], { together: cause.code });
	}
	if (cause instanceof AccessDenied)
		error(cause.status, { message: `errors.forbidden.${cause.reason}`, code: cause.reason });
	throw cause;
}
