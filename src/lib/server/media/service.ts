import type { Db } from '../db';
import type { MediaSubjectType } from '../db/schema';
import type { Action, Grant, Resource } from '../policy';
import type { MediaGrant } from '../policy/media';
import { DomainError } from '../../errors';
import { MEDIA_LIMITS } from './limits';
import { countMediaOf, deleteMediaOf, insertMedia, mediaOf, mediaWithBytes } from './store';
import { MediaRefused, type CheckedMedia } from './types';

/**
 * Photos and recordings for a feature's rows (a topic, a diary entry …). A feature's service calls
 * these inside its own transaction, with the grant the policy gave it for that row's kind of data;
 * only checked bytes (types.ts: image-check.ts, audio-check.ts) are ever stored. Serving goes
 * through the policy's own decision (policy/media.ts) and `mediaToServe`.
 */

export interface MediaSubject {
	type: MediaSubjectType;
	id: string;
}

/**
 * Stores one checked photo or recording for a row. `max`: how many of its kind (photos, or
 * recordings) that row may have; the caller
 * holds a lock on the row (SELECT … FOR UPDATE) so two uploads at once cannot pass it together.
 */
export async function saveMedia(
	tx: Db,
	grant: Grant<Resource, 'write'>,
	subject: MediaSubject,
	checked: CheckedMedia,
	options: { max?: number; deleteAfter?: Date | null } = {}
): Promise<{ id: string }> {
	// The checks already said so; said again here, where it is stored, so no path around them stores more.
	const limit = checked.kind === 'image' ? MEDIA_LIMITS.imageMaxBytes : MEDIA_LIMITS.audioMaxBytes;
	if (checked.bytes.byteLength === 0) throw new MediaRefused('empty');
	if (checked.bytes.byteLength > limit) throw new MediaRefused('too_large');
	if (checked.kind === 'audio' && (checked.durationMs ?? Infinity) > MEDIA_LIMITS.audioMaxMs)
		throw new MediaRefused('too_long');
	if (options.max !== undefined && (await countMediaOf(tx, subject.type, subject.id, checked.kind)) >= options.max)
		throw new MediaRefused('too_many_files');
	return insertMedia(tx, {
		citizenId: grant.citizenId,
		kind: checked.kind,
		contentType: checked.contentType,
		bytes: checked.bytes,
		byteSize: checked.bytes.byteLength,
		durationMs: checked.durationMs,
		width: checked.width,
		height: checked.height,
		subjectType: subject.type,
		subjectId: subject.id,
		createdBy: grant.actor.id,
		deleteAfter: options.deleteAfter ?? null
	});
}

/** The media of some rows the grant already lets the person see (no bytes: a page shows them by address). */
export function mediaFor<A extends Action>(db: Db, grant: Grant<Resource, A>, type: MediaSubjectType, ids: string[]) {
	return mediaOf(db, grant.citizenId, type, ids);
}

/** Deletes the media of a row (all, or the ones named), in the caller's transaction. */
export function deleteMedia(
	tx: Db,
	grant: Grant<Resource, 'write'>,
	subject: MediaSubject,
	mediaIds?: string[]
): Promise<number> {
	return deleteMediaOf(tx, grant.citizenId, subject.type, [subject.id], mediaIds);
}

/** The bytes to serve, once the policy said yes to this media (`mediaAccess`); a 404 otherwise. */
export async function mediaToServe(db: Db, access: MediaGrant) {
	const row = await mediaWithBytes(db, access.grant.citizenId, access.mediaId);
	if (!row) throw new DomainError('not_found');
	return {
		id: row.id,
		contentType: row.contentType,
		bytes: row.bytes,
		kind: row.kind,
		subjectType: row.subjectType
	};
}
