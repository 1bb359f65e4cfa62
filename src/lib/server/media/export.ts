import { exportSection, iso } from '../export/section';
import { allMediaOf } from './store';

/**
 * The citizen's photos and recordings, each with its bytes (base64) and the type the server found
 * in them, and the row it belongs to (a topic's id is in `topics`). A photo deleted by the
 * retention job is no longer here: the app no longer holds it.
 */
export const mediaSection = exportSection({
	async load({ db, citizenId }) {
		const rows = await allMediaOf(db, citizenId);
		return {
			mentions: rows.map((m) => m.createdBy),
			json: (nameOf) => ({
				media: rows.map((m) => ({
					id: m.id,
					kind: m.kind,
					contentType: m.contentType,
					byteSize: m.byteSize,
					width: m.width,
					height: m.height,
					durationMs: m.durationMs,
					belongsTo: { type: m.subjectType, id: m.subjectId },
					createdAt: m.createdAt.toISOString(),
					createdBy: nameOf(m.createdBy),
					deleteAfter: iso(m.deleteAfter),
					base64: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength).toString('base64')
				}))
			})
		};
	}
});
