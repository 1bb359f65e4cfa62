/** What server and browser say to each other about "look at it together" (no server imports). */

export const TOGETHER_LIMITS = {
	/** Minutes an invitation stays open. */
	invitationMinutes: 10,
	/** Hours after which an active session that nobody ended counts as ended. */
	activeHours: 4
	// Events per person are limited by the database rate limiter (bucket "together", rules.ts).
} as const;

export type TogetherStatus = 'invited' | 'active' | 'ended' | 'declined' | 'expired';
export type TogetherRole = 'citizen' | 'professional' | 'relative';

/** One session as a participant sees it (in the stream's hello and with every event). */
export interface TogetherSessionInfo {
	id: string;
	status: TogetherStatus;
	citizenId: string;
	citizenName: string;
	professionalId: string;
	professionalName: string;
	relativeId: string | null;
	relativeName: string | null;
	startedBy: string;
	invitationExpiresAt: string;
	endedBy: string | null;
}

/**
 * `routine`: a routine of Min dag was made or changed; `topic`: a topic of the session's meeting was
 * marked talked about (or taken back). The other screens load it again.
 */
export type TogetherEventKind =
	| 'invited'
	| 'accepted'
	| 'declined'
	| 'ended'
	| 'expired'
	| 'relative_invited'
	| 'highlight'
	| 'note'
	| 'next_step'
	| 'routine'
	| 'topic';

export interface NotePayload {
	subgoalId: string;
	version: number;
	note: { id: string; text: string; author: string; at: string };
}
export interface NextStepPayload {
	subgoalId: string;
	nextStep: string | null;
	version: number;
}

/** One event as the stream sends it (`id:` is `seq`, for Last-Event-ID). */
export interface TogetherMessage {
	seq: number;
	sessionId: string;
	kind: TogetherEventKind;
	payload: Record<string, unknown>;
	at: string;
	sender: { id: string; name: string };
	session: TogetherSessionInfo;
}

/** Why a together request was refused; the page says it in plain words (together.errors.<code>). */
export const TOGETHER_ERRORS = {
	not_found: 404,
	forbidden: 403,
	not_in_plan: 403,
	not_active: 409,
	ended: 409,
	expired: 409,
	stale: 409,
	busy: 409,
	no_video_meeting: 409,
	no_professional: 409,
	invalid: 400,
	flood: 429
} as const;
export type TogetherErrorCode = keyof typeof TOGETHER_ERRORS;

export const isTogetherErrorCode = (code: unknown): code is TogetherErrorCode =>
	typeof code === 'string' && code in TOGETHER_ERRORS;
