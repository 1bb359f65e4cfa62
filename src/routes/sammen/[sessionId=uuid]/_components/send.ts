import type { SubmitFunction } from '@sveltejs/kit';
import { applyAction } from '$app/forms';
import { isTogetherErrorCode, type TogetherErrorCode, type TogetherMessage } from '$lib/together/types';
import type { TogetherView } from '$lib/together/view.svelte';

/** What one form on the together page last got back: saved, or why not (an i18n key). */
export interface Feedback {
	saved?: string;
	error?: string;
}

/**
 * Sends one together event through the page's `event` action (so it also works without
 * JavaScript) and applies the answer here at once; the other screens get it from the stream.
 * The typed text stays in the field when it is refused.
 */
export function sendEvent(
	view: TogetherView,
	feedback: Record<string, Feedback>,
	key: string,
	me: { id: string; name: string },
	savedKey?: string
): SubmitFunction {
	return ({ formElement }) => {
		feedback[key] = {};
		return async ({ result }) => {
			if (result.type === 'redirect') return applyAction(result);
			if (result.type === 'success' && result.data?.sent) {
				const sent = result.data.sent as Pick<TogetherMessage, 'seq' | 'kind' | 'payload'>;
				view.apply({
					...sent,
					sessionId: view.session.id,
					at: new Date().toISOString(),
					sender: me,
					session: view.session
				});
				if (sent.kind === 'note') formElement.reset();
				feedback[key] = { saved: savedKey };
				return;
			}
			const data = result.type === 'failure' ? result.data : undefined;
			const code: TogetherErrorCode | 'offline' = isTogetherErrorCode(data?.together) ? data.together : 'offline';
			if (code === 'stale' && data?.current) view.refresh(data.current);
			if (code === 'ended' && view.session.status === 'active') view.session = { ...view.session, status: 'ended' };
			feedback[key] = {
				error: code === 'invalid' && typeof data?.message === 'string' ? data.message : `together.errors.${code}`
			};
		};
	};
}
