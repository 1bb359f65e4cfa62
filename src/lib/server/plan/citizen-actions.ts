import { and, eq } from 'drizzle-orm';
import type { InferOutput } from 'valibot';
import type { Db } from '../db';
import { subgoalNotes, subgoals, subgoalSuggestions } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError, StaleWriteError } from '../../errors';
import type {
	subgoalNoteSchema,
	subgoalStatusSchema,
	subgoalVoiceNoteSchema,
	suggestionSchema
} from '../../plan/schemas';
import { recordChange, requireOwner } from './changes';
import { goalWithOwner, subgoalWithOwner } from './repository';
import { saveMedia } from '../media/service';
import type { CheckedMedia } from '../media/types';

/**
 * What the citizen does with their own plan: move a delmål on, write a note in their own words,
 * suggest a new delmål. Professionals may do the first two as well (through the same grant).
 */

export async function setSubgoalStatus(
	db: Db,
	grant: Grant<'plan', 'write'>,
	input: InferOutput<typeof subgoalStatusSchema>
) {
	return db.transaction(async (tx) => {
		const found = await subgoalWithOwner(tx, input.subgoalId);
		requireOwner(found, grant);
		const [updated] = await tx
			.update(subgoals)
			.set({ status: input.status, version: found.subgoal.version + 1, updatedBy: grant.actor.id })
			.where(and(eq(subgoals.id, input.subgoalId), eq(subgoals.version, input.version)))
			.returning();
		if (!updated) throw new StaleWriteError(found.subgoal);
		await recordChange(tx, grant, 'subgoal', updated.id, { status: found.subgoal.status }, { status: updated.status });
		return updated;
	});
}

/**
 * A new next step for a delmål (written together in "look at it together"). The easy-read
 * variant was written for the old step, so it is cleared: the new words show in both modes.
 */
export async function setSubgoalNextStep(
	db: Db,
	grant: Grant<'plan', 'write'>,
	input: { subgoalId: string; nextStep: string | null; version: number }
) {
	return db.transaction(async (tx) => {
		const found = await subgoalWithOwner(tx, input.subgoalId);
		requireOwner(found, grant);
		const [updated] = await tx
			.update(subgoals)
			.set({
				nextStep: input.nextStep,
				nextStepEasy: null,
				version: found.subgoal.version + 1,
				updatedBy: grant.actor.id
			})
			.where(and(eq(subgoals.id, input.subgoalId), eq(subgoals.version, input.version)))
			.returning();
		if (!updated) throw new StaleWriteError(found.subgoal);
		await recordChange(
			tx,
			grant,
			'subgoal',
			updated.id,
			{ nextStep: found.subgoal.nextStep, nextStepEasy: found.subgoal.nextStepEasy },
			{ nextStep: updated.nextStep }
		);
		return updated;
	});
}

/** Idempotent on the client-made id: the same note sent twice (offline replay) is stored once. */
/**
 * A note on a delmål, once per id; with its voice recording (checked: audio-check.ts) in the same
 * transaction, so the note is never stored without it. A spoken note may have no text.
 */
export async function addSubgoalNote(
	db: Db,
	grant: Grant<'plan', 'write'>,
	input: InferOutput<typeof subgoalNoteSchema> | InferOutput<typeof subgoalVoiceNoteSchema>,
	audio?: CheckedMedia
) {
	if (!audio) return insertNote(db, grant, { ...input, text: input.text ?? '' });
	return db.transaction(async (tx) => {
		const written = await insertNote(tx, grant, { ...input, text: input.text ?? '' });
		if (written.created) await saveMedia(tx, grant, { type: 'subgoal_note', id: written.note.id }, audio, { max: 1 });
		return written;
	});
}

async function insertNote(db: Db, grant: Grant<'plan', 'write'>, input: InferOutput<typeof subgoalNoteSchema>) {
	const found = await subgoalWithOwner(db, input.subgoalId);
	requireOwner(found, grant);
	const id = input.id ?? crypto.randomUUID();
	const [inserted] = await db
		.insert(subgoalNotes)
		.values({ id, subgoalId: input.subgoalId, authorId: grant.actor.id, text: input.text })
		.onConflictDoNothing()
		.returning();
	if (inserted) return { note: inserted, created: true };
	const [existing] = await db.select().from(subgoalNotes).where(eq(subgoalNotes.id, id));
	const same =
		existing &&
		existing.subgoalId === input.subgoalId &&
		existing.text === input.text &&
		existing.authorId === grant.actor.id;
	if (!same) throw new DomainError('conflict', 'That id was used for another note');
	return { note: existing, created: false };
}

export async function suggestSubgoal(
	db: Db,
	grant: Grant<'plan', 'write'>,
	input: InferOutput<typeof suggestionSchema>
) {
	const goal = await goalWithOwner(db, input.goalId);
	requireOwner(goal, grant);
	const [suggestion] = await db
		.insert(subgoalSuggestions)
		.values({ goalId: input.goalId, suggestedBy: grant.actor.id, title: input.title })
		.returning();
	return suggestion;
}
