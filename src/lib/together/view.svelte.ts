import type { PlanOverview, Subgoal } from '$lib/server/plan/service';
import { emptyTrail, follow, type Trail } from './trail';
import type { NextStepPayload, NotePayload, TogetherMessage, TogetherSessionInfo } from './types';

/**
 * The together page's live state: the citizen's plan as both screens show it, the session, and
 * the trail (who points where, what someone else changed). Events from the stream and the
 * answers to this screen's own sends go through apply(), once each (by seq).
 */
export class TogetherView {
	plan = $state() as PlanOverview;
	session = $state() as TogetherSessionInfo;
	trail = $state<Trail>(emptyTrail());
	lastSeq = 0;
	readonly me: string;
	/** Sequence numbers applied already (not shown, so a plain record). */
	readonly #applied: Record<number, true> = {};

	constructor(init: { plan: PlanOverview; session: TogetherSessionInfo; trail: Trail; lastSeq: number; me: string }) {
		this.plan = structuredClone(init.plan);
		this.session = init.session;
		this.trail = init.trail;
		this.lastSeq = init.lastSeq;
		this.me = init.me;
	}

	subgoal(id: string): Subgoal | undefined {
		for (const goal of this.plan.goals) for (const s of goal.subgoals) if (s.id === id) return s;
		return undefined;
	}

	titleOf(target: 'goal' | 'subgoal', id: string, easy: boolean): string {
		const pick = (t: string, e: string | null) => (easy && e ? e : t);
		for (const goal of this.plan.goals) {
			if (target === 'goal' && goal.id === id) return pick(goal.title, goal.titleEasy);
			for (const s of goal.subgoals) if (target === 'subgoal' && s.id === id) return pick(s.title, s.titleEasy);
		}
		return '';
	}

	/** Applies one event; false when it was seen before or belongs to another session. */
	apply(message: TogetherMessage): boolean {
		if (message.sessionId !== this.session.id || this.#applied[message.seq]) return false;
		this.#applied[message.seq] = true;
		this.lastSeq = Math.max(this.lastSeq, message.seq);
		this.session = message.session;
		follow(this.trail, message, this.me);
		if (message.kind === 'note') this.#note(message.payload as unknown as NotePayload);
		if (message.kind === 'next_step') this.#nextStep(message, message.payload as unknown as NextStepPayload);
		return true;
	}

	#note(payload: NotePayload) {
		const subgoal = this.subgoal(payload.subgoalId);
		if (!subgoal || subgoal.notes.some((n) => n.id === payload.note.id)) return;
		// A note written in "Se det sammen" is text only: no recording.
		subgoal.notes.unshift({ ...payload.note, audioId: null, audioMs: null });
	}

	#nextStep(message: TogetherMessage, payload: NextStepPayload) {
		const subgoal = this.subgoal(payload.subgoalId);
		if (!subgoal || subgoal.version > payload.version) return;
		subgoal.nextStep = payload.nextStep;
		subgoal.nextStepEasy = null;
		subgoal.version = payload.version;
		subgoal.changedBy = message.sender.name;
		subgoal.updatedAt = message.at;
	}

	/** After a refusal as stale: what the delmål holds now, so the next try starts from it. */
	refresh(current: { subgoalId: string; version: number; nextStep: string | null }) {
		const subgoal = this.subgoal(current.subgoalId);
		if (!subgoal || subgoal.version > current.version) return;
		subgoal.version = current.version;
		if (subgoal.nextStep !== current.nextStep) {
			subgoal.nextStep = current.nextStep;
			subgoal.nextStepEasy = null;
		}
	}
}
