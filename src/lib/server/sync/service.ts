import * as v from 'valibot';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { AccessDenied } from '../policy';
import { replayGrant } from '../policy/decisions';
import { DomainError, FieldError } from '../../errors';
import { diaryEntrySchema } from '../../diary/schemas';
import { subgoalNoteSchema, subgoalVoiceNoteSchema } from '../../plan/schemas';
import { audioRefusalMessage, checkedAudio } from '../media/audio-check';
import { MediaRefused, type CheckedMedia } from '../media/types';
import { uuid } from '../../validation';
import { writeEntry } from '../diary/service';
import { addSubgoalNote } from '../plan/citizen-actions';
import { logger } from '../log';
import { tickSchema } from '../../routines/schemas';
import { tickStep } from '../routines/service';

/**
 * Replays what a device wrote while offline. Each item carries the id the device made, so a
 * replay (twice, or after a dropped answer) stores nothing new. Every item is decided on its own
 * through the policy; one bad item does not stop the others.
 */

const MAX_ITEMS = 50;

/** What the outbox sends: a diary page, a note under a delmål, a step of Min dag done. */
export const SYNC_KINDS: readonly string[] = ['diary', 'note', 'tick'];

/**
 * The envelope: a list of at most MAX_ITEMS items, each with the id the device made. Anything
 * else about an item (its kind, its payload) is checked per item, so one odd item is refused on
 * its own and never turns the whole batch into a 400.
 */
const itemSchema = v.object({ id: uuid, kind: v.string(), payload: v.unknown() });
export const syncRequestSchema = v.object({ items: v.pipe(v.array(itemSchema), v.maxLength(MAX_ITEMS)) });

const payloadSchema = v.record(v.string(), v.union([v.string(), v.number(), v.null()]));

/**
 * stored / duplicate ("already stored"): the device may forget it. invalid, conflict, forbidden:
 * refused, with `reason` (an i18n key) to show beside it; the device keeps it for the person to fix
 * or delete. error: our fault, not the item's; the device keeps it waiting and tries again later.
 */
type SyncStatus = 'stored' | 'duplicate' | 'invalid' | 'conflict' | 'forbidden' | 'error';
export interface SyncResult {
	id: string;
	status: SyncStatus;
	/** Why it was refused (an i18n key), for every status but stored and duplicate. */
	reason?: string;
	errors?: Record<string, string>;
}

function asStrings(payload: Record<string, string | number | null>, id: string) {
	const out: Record<string, string> = { id };
	for (const [key, value] of Object.entries(payload)) if (value !== null && key !== 'id') out[key] = String(value);
	return out;
}

function fieldErrors(issues: v.BaseIssue<unknown>[]) {
	const errors: Record<string, string> = {};
	for (const issue of issues) errors[v.getDotPath(issue) ?? 'form'] ??= issue.message;
	return errors;
}

/** A voice recording sent with one item (multipart): its bytes and the type the browser claimed. */
export interface SyncAudio {
	itemId: string;
	bytes: Uint8Array;
	claimedType: string;
}

export async function replay(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	items: v.InferOutput<typeof itemSchema>[],
	audio?: SyncAudio
): Promise<SyncResult[]> {
	const results: SyncResult[] = [];
	for (const item of items)
		results.push(await replayOne(db, actor, citizenId, item, audio?.itemId === item.id ? audio : undefined));
	return results;
}

function refused(id: string, issues: v.BaseIssue<unknown>[]): SyncResult {
	const errors = fieldErrors(issues);
	return { id, status: 'invalid', reason: Object.values(errors)[0] ?? 'validation.unknown', errors };
}

/** One item, decided on its own: whatever happens to it is its answer, never the batch's. */
async function replayOne(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	item: v.InferOutput<typeof itemSchema>,
	sentAudio?: SyncAudio
): Promise<SyncResult> {
	const payload = v.safeParse(payloadSchema, item.payload);
	if (!payload.success || !SYNC_KINDS.includes(item.kind))
		return { id: item.id, status: 'invalid', reason: 'validation.unknown' };
	try {
		// A recording that is not one (or too long) refuses the whole item: nothing half-stored.
		const audio: CheckedMedia | undefined = sentAudio && checkedAudio(sentAudio.bytes, sentAudio.claimedType);
		if (item.kind === 'tick') {
			// "Færdig" on a step of Min dag, pressed offline: the day and time it was pressed go along.
			const parsed = v.safeParse(tickSchema, asStrings(payload.output, item.id));
			if (!parsed.success) return refused(item.id, parsed.issues);
			const grant = await replayGrant(db, actor, citizenId, 'routines');
			const { created } = await tickStep(db, grant, parsed.output);
			return { id: item.id, status: created ? 'stored' : 'duplicate' };
		}
		if (item.kind === 'diary') {
			const parsed = v.safeParse(diaryEntrySchema, asStrings(payload.output, item.id));
			if (!parsed.success) return refused(item.id, parsed.issues);
			const grant = await replayGrant(db, actor, citizenId, 'diary');
			const { created } = await writeEntry(db, grant, parsed.output, audio);
			return { id: item.id, status: created ? 'stored' : 'duplicate' };
		}
		// With a recording the spoken words are the note: its text may be left out.
		const schema = v.required(audio ? subgoalVoiceNoteSchema : subgoalNoteSchema, ['id']);
		const parsed = v.safeParse(schema, asStrings(payload.output, item.id));
		if (!parsed.success) return refused(item.id, parsed.issues);
		const grant = await replayGrant(db, actor, citizenId, 'plan');
		const { created } = await addSubgoalNote(db, grant, parsed.output, audio);
		return { id: item.id, status: created ? 'stored' : 'duplicate' };
	} catch (cause) {
		if (cause instanceof MediaRefused)
			return { id: item.id, status: 'invalid', reason: audioRefusalMessage(cause.reason) };
		if (cause instanceof AccessDenied)
			return { id: item.id, status: 'forbidden', reason: `errors.forbidden.${cause.reason}` };
		if (cause instanceof DomainError && cause.code === 'conflict')
			return { id: item.id, status: 'conflict', reason: 'validation.conflict' };
		// A step removed since (or never this citizen's): refused plainly, nothing stored.
		if (cause instanceof DomainError && cause.code === 'not_found')
			return { id: item.id, status: 'invalid', reason: 'routines.stepGone' };
		if (cause instanceof FieldError) return { id: item.id, status: 'invalid', reason: cause.message };
		if (cause instanceof DomainError) return { id: item.id, status: 'invalid', reason: 'validation.unknown' };
		// Our fault (the database, a bug), not the item's: the others still go through, and this one
		// stays waiting on the phone to be tried again.
		// Only the error's name and code are logged: its message may quote what the citizen wrote.
		const code = (cause as { code?: string } | null)?.code;
		logger.error({ err: (cause as Error | null)?.name, code, kind: item.kind }, 'sync item not stored');
		return { id: item.id, status: 'error', reason: 'errors.unexpected' };
	}
}
