import { wholeNumberSetting } from '../whole-number-setting';

/**
 * Every limit on photos and recordings, in one place: the upload hook (src/hooks/body-limit.ts),
 * the byte checks and the services read them from here, so the page never promises more than the
 * server takes.
 */
export const MEDIA_LIMITS = {
	/** One photo after the phone has made it smaller (longest side 1600 px, JPEG ~0.8: 200–600 KB). */
	imageMaxBytes: 3 * 1024 * 1024,
	/** Wider or taller than this is no phone photo (and would be heavy to show): refused. */
	imageMaxSide: 8000,
	/** What the phone shrinks a photo to before it sends it (the page's script). */
	imageShrinkSide: 1600,
	/** A recording of up to two minutes (Opus ~32 kbit/s: about 0.5 MB; AAC on Safari more). */
	audioMaxBytes: 4 * 1024 * 1024,
	audioMaxMs: 120_000,
	/** Photos on one topic. */
	photosPerTopic: 3,
	/** Recordings on one topic: a limit of its own, so a recording never takes a photo's place. */
	audioPerTopic: 1,
	/** Topics one citizen brings to one meeting. */
	topicsPerMeeting: 20,
	/** An ordinary form or JSON body: what adapter-node's BODY_SIZE_LIMIT was for every route. */
	ordinaryBodyBytes: 512 * 1024,
	/** Days after the meeting that a topic's photos are deleted, unless MEDIA_TOPIC_RETENTION_DAYS says otherwise. */
	topicRetentionDays: 30
} as const;

/**
 * The largest body of a request that carries media: the most photos of one topic, or one
 * recording, plus the form's text fields and multipart framing. The upload routes get this
 * (UPLOAD_ROUTES in src/hooks/body-limit.ts); every other route keeps ordinaryBodyBytes.
 */
export const MEDIA_UPLOAD_BODY_BYTES =
	Math.max(MEDIA_LIMITS.imageMaxBytes * MEDIA_LIMITS.photosPerTopic, MEDIA_LIMITS.audioMaxBytes) +
	MEDIA_LIMITS.ordinaryBodyBytes;

export class MediaConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MediaConfigError';
	}
}

/**
 * MEDIA_TOPIC_RETENTION_DAYS (1–3650): days after the meeting a topic's photos are kept. Checked at
 * start (lifecycle.ts: a wrong value stops the server with a plain message), then read once.
 */
let retentionDays: number | undefined;
export function topicRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
	if (env === process.env && retentionDays !== undefined) return retentionDays;
	const days =
		wholeNumberSetting('MEDIA_TOPIC_RETENTION_DAYS', env.MEDIA_TOPIC_RETENTION_DAYS, {
			max: 3650,
			meaning: 'days after the meeting that the photos of a topic are deleted',
			fail: (message) => new MediaConfigError(message)
		}) ?? MEDIA_LIMITS.topicRetentionDays;
	if (env === process.env) retentionDays = days;
	return days;
}
