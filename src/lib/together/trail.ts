import type { TogetherMessage } from './types';

/**
 * What a together session has left on the screen so far: where each person points now, and
 * which delmål someone else has changed ("Lone changed this"). Worked out the same way on the
 * server (for a page opened late) and in the browser (for each event as it comes).
 */

interface Pointer {
	target: 'goal' | 'subgoal';
	id: string;
	by: string;
	name: string;
}

interface Mark {
	by: string;
	name: string;
}

export interface Trail {
	/** By the person pointing. */
	pointers: Record<string, Pointer>;
	/** By delmål id: the last person other than me who changed it. */
	marks: Record<string, Mark>;
}

export const emptyTrail = (): Trail => ({ pointers: {}, marks: {} });

export function follow(trail: Trail, message: TogetherMessage, me: string): void {
	const { kind, payload, sender } = message;
	if (
		kind === 'highlight' &&
		(payload.target === 'goal' || payload.target === 'subgoal') &&
		typeof payload.id === 'string'
	)
		trail.pointers[sender.id] = { target: payload.target, id: payload.id, by: sender.id, name: sender.name };
	if ((kind === 'note' || kind === 'next_step') && sender.id !== me && typeof payload.subgoalId === 'string')
		trail.marks[payload.subgoalId] = { by: sender.id, name: sender.name };
}
