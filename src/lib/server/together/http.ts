import { error, fail, json, type RequestEvent } from '@sveltejs/kit';
import { AccessDenied } from '../policy';
import { TOGETHER_ERRORS } from '../../together/types';
import { TogetherError } from './service';
import { notFound } from '../forms/http-errors';

/** A refusal as the together endpoints answer it: a status, a code the page explains, nothing changed. */
export function togetherJsonError(cause: unknown): Response {
	if (cause instanceof TogetherError) {
		const status = TOGETHER_ERRORS[cause.code];
		if (cause.retry)
			return json(
				{ code: cause.code, current: null, ...retryOf(cause.retry) },
				{ status, headers: { 'retry-after': String(cause.retry.retryAfterSeconds) } }
			);
		return json({ code: cause.code, current: cause.current ?? null }, { status });
	}
	if (cause instanceof AccessDenied) return json({ code: 'forbidden', reason: cause.reason }, { status: cause.status });
	throw cause;
}

function retryOf(retry: NonNullable<TogetherError['retry']>) {
	return { retryAt: retry.retryAt.toISOString(), retryAfter: retry.retryAfterSeconds };
}

/**
 * A refused together event in the page's `event` action: a message on the page (the status in
 * `fail`), with Retry-After on a flood, as the API gives it.
 */
export function togetherEventFailure(event: Pick<RequestEvent, 'setHeaders'>, cause: unknown) {
	if (cause instanceof TogetherError) {
		if (cause.retry) {
			event.setHeaders({ 'retry-after': String(cause.retry.retryAfterSeconds) });
			return fail(TOGETHER_ERRORS[cause.code], { together: cause.code, current: null, ...retryOf(cause.retry) });
		}
		return fail(TOGETHER_ERRORS[cause.code], { together: cause.code, current: cause.current ?? null });
	}
	if (cause instanceof AccessDenied) return fail(403, { together: 'forbidden' as const, current: null });
	throw cause;
}

/** The same for a form action: a message on the page, or the kind 403/404 page. */
export function togetherFormFailure(cause: unknown) {
	if (cause instanceof TogetherError) {
		if (cause.code === 'not_found') notFound();
		return fail(TOGETHER_ERRORS[cause.code], { together: cause.code });
	}
	if (cause instanceof AccessDenied)
		error(cause.status, { message: `errors.forbidden.${cause.reason}`, code: cause.reason });
	throw cause;
}
