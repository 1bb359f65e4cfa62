import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { accessLog, media } from '../db/schema';
import { AccessDenied, authorize } from '../policy';
import { mediaAccess } from '../policy/media';
import type { SessionUser } from '../auth/session';
import type { JobContext } from '../jobs/context';
import { mediaRetention } from '../jobs/cleanup';
import { demoUser } from '../../../../tests/support/demo-user';
import { checkImage } from './image-check';
import { mediaSection } from './export';
import { deleteMedia, mediaFor, saveMedia } from './service';
import { mediaWithBytes } from './store';
import { MediaRefused } from './types';

/**
 * The media foundation against a migrated database (PGlite, and PostgreSQL in scripts/test-pg.sh:
 * the two drivers give bytea back differently): stored bytes come back byte for byte as a plain
 * Uint8Array, the count limit holds, the retention job deletes only what is due, the export
 * carries the bytes, and a kind of row without a policy case is served to nobody.
 */

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const jpeg = new Uint8Array(readFileSync('tests/support/media/letter.jpg'));
const DAY = 86_400_000;

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-lone']) users[s] = await demoUser(database.db, s);
});
afterAll(async () => database?.close());

const saraWrites = () => authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'meetings', 'write');

describe('media', () => {
	it('keeps the bytes exactly, and gives them back as a plain Uint8Array with the checked type', async () => {
		const grant = await saraWrites();
		const subject = { type: 'diary_entry' as const, id: crypto.randomUUID() };
		const { id } = await saveMedia(database.db, grant, subject, checkImage(jpeg));
		const row = await mediaWithBytes(database.db, grant.citizenId, id);
		expect(row?.bytes.constructor).toBe(Uint8Array);
		expect(Buffer.from(row!.bytes).equals(Buffer.from(jpeg))).toBe(true);
		expect(row).toMatchObject({ contentType: 'image/jpeg', byteSize: jpeg.length, width: 480, height: 360 });
		const listed = await mediaFor(database.db, grant, 'diary_entry', [subject.id]);
		expect(listed.map((m) => m.id)).toEqual([id]);
		expect(listed[0]).not.toHaveProperty('bytes');
		expect(await deleteMedia(database.db, grant, subject)).toBe(1);
	});

	it('refuses one more than the row may have', async () => {
		const grant = await saraWrites();
		const subject = { type: 'diary_entry' as const, id: crypto.randomUUID() };
		await saveMedia(database.db, grant, subject, checkImage(jpeg), { max: 1 });
		await expect(saveMedia(database.db, grant, subject, checkImage(jpeg), { max: 1 })).rejects.toEqual(
			new MediaRefused('too_many_files')
		);
		expect(await deleteMedia(database.db, grant, subject)).toBe(1);
	});

	it('serves a kind of row without a case in the policy to nobody, and says nothing of it', async () => {
		const grant = await saraWrites();
		const { id } = await saveMedia(
			database.db,
			grant,
			{ type: 'routine_step', id: crypto.randomUUID() },
			checkImage(jpeg)
		);
		await expect(mediaAccess(database.db, users['demo-sara'], id)).rejects.toBeInstanceOf(AccessDenied);
		await expect(mediaAccess(database.db, users['demo-lone'], id)).rejects.toBeInstanceOf(AccessDenied);
		await expect(mediaAccess(database.db, users['demo-lone'], crypto.randomUUID())).rejects.toBeInstanceOf(
			AccessDenied
		);
		await database.db.delete(media).where(eq(media.id, id));
	});

	it('is in the export with its bytes', async () => {
		const grant = await saraWrites();
		const subject = { type: 'diary_entry' as const, id: crypto.randomUUID() };
		const { id } = await saveMedia(database.db, grant, subject, checkImage(jpeg));
		const part = (await mediaSection.load({ db: database.db, citizenId: grant.citizenId, now: new Date() })).json(
			() => 'Sara'
		);
		const item = part.media.find((m) => m.id === id);
		expect(item).toMatchObject({ contentType: 'image/jpeg', belongsTo: subject, createdBy: 'Sara' });
		expect(Buffer.from(item!.base64, 'base64').equals(Buffer.from(jpeg))).toBe(true);
		await deleteMedia(database.db, grant, subject);
	});

	it('the retention job deletes what is due, and only that; twice deletes nothing more', async () => {
		const grant = await saraWrites();
		const now = new Date();
		const due = await saveMedia(database.db, grant, { type: 'topic', id: crypto.randomUUID() }, checkImage(jpeg), {
			deleteAfter: new Date(now.getTime() - DAY)
		});
		const later = await saveMedia(database.db, grant, { type: 'topic', id: crypto.randomUUID() }, checkImage(jpeg), {
			deleteAfter: new Date(now.getTime() + DAY)
		});
		const ctx = { db: database.db, now: () => now } as JobContext;
		expect(await mediaRetention(ctx)).toEqual({ deleted: 1 });
		expect(await mediaRetention(ctx)).toEqual({ deleted: 0 });
		expect(await mediaWithBytes(database.db, grant.citizenId, due.id)).toBeNull();
		expect(await mediaWithBytes(database.db, grant.citizenId, later.id)).not.toBeNull();
		await database.db.delete(media).where(eq(media.id, later.id));
		// The citizen's own writes leave no access-log row.
		const rows = await database.db.select().from(accessLog).where(eq(accessLog.actorId, users['demo-sara'].id));
		expect(rows).toEqual([]);
	});
});
