import * as v from 'valibot';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { AccessDenied, authorize } from '../policy';
import { DomainError } from '../../errors';
import { diaryEntrySchema } from '../../diary/schemas';
import { subgoalNoteSchema } from '../../plan/schemas';
import { uuid } from '../../validation';
import { writeEntry } from '../diary/service';
import { addSubgoalNote } from '../plan/citizen-actions';

/**
 * Replays what a device wrote while offline. Each item carries the id the device made, so a
 * replay (twice, or after a dropped answer) stores nothing new. Every item is decided on its own
 * through the policy; one bad item does not stop the others.
 */

export const MAX_ITEMS = 50;

const itemSchema = v.object({
	id: uuid,
	kind: v.picklist(['diary', 'note'] as const),
	payload: v.record(v.string(), v.union([v.string(), v.number(), v.null()]))
});
export const syncRequestSchema = v.object({ items: v.pipe(v.array(itemSchema), v.maxLength(MAX_ITEMS)) });

export type SyncStatus = 'stored' | 'duplicate' | 'invalid' | 'conflict' | 'forbidden';
export interface SyncResult {
	id: string;
	status: SyncStatus;
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

export async function replay(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	items: v.InferOutput<typeof itemSchema>[]
): Promise<SyncResult[]> {
	const results: SyncResult[] = [];
	for (const item of items) {
		try {
			if (item.kind === 'diary') {
				const parsed = v.safeParse(diaryEntrySchema, asStrings(item.payload, item.id));
				if (!parsed.success) {
					results.push({ id: item.id, status: 'invalid', errors: fieldErrors(parsed.issues) });
					continue;
				}
				const grant = await authorize(db, actor, citizenId, 'diary', 'write');
				const { created } = await writeEntry(db, grant, parsed.output);
				results.push({ id: item.id, status: created ? 'stored' : 'duplicate' });
			} else {
				const parsed = v.safeParse(v.required(subgoalNoteSchema, ['id']), asStrings(item.payload, item.id));
				if (!parsed.success) {
					results.push({ id: item.id, status: 'invalid', errors: fieldErrors(parsed.issues) });
					continue;
				}
				const grant = await authorize(db, actor, citizenId, 'plan', 'write');
				const { created } = await addSubgoalNote(db, grant, parsed.output);
				results.push({ id: item.id, status: created ? 'stored' : 'duplicate' });
			}
		} catch (cause) {
			if (cause instanceof AccessDenied) results.push({ id: item.id, status: 'forbidden' });
			else if (cause instanceof DomainError && cause.code === 'conflict')
				results.push({ id: item.id, status: 'conflict' });
			else if (cause instanceof DomainError)
				results.push({ id: item.id, status: 'invalid', errors: { form: 'validation.unknown' } });
			else throw cause;
		}
	}
	return results;
}
