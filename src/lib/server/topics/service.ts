import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { topics } from '../db/schema';
import type { Grant } from '../policy';
import { seesPrivateTopics } from '../policy/topics';
import { contactPersonOf } from '../policy/contact-person';
import { MEDIA_LIMITS, topicRetentionDays } from '../media/limits';
import { deleteMedia, mediaFor, saveMedia } from '../media/service';
import { setMediaDeleteAfter } from '../media/store';
import type { CheckedMedia } from '../media/types';
import { asField } from '../media/upload';
import { DomainError, FieldError } from '../../errors';
import { TOPIC_AUDIO_FIELD, TOPIC_PHOTOS_FIELD } from '../../topics/schemas';
import type { TopicView } from '../../topics/types';
import { TEXT_LIMITS } from '../../text-limits';
import {
	lockedMeetingOf,
	lockedTopicOf,
	openMeetingsOf,
	topicCount,
	topicCounts,
	topicsOf,
	type TopicRow
} from './repository';

/**
 * "Det vil jeg gerne tale om": the citizen brings a few words and/or photos (a letter, a bill) to
 * one of their meetings, the next by default, and may keep it between them and their contact
 * person. The professionals see the topics when preparing and during the meeting, mark them
 * "talked about", and tick which ones "what we agreed" answers. Photos are media (media/), deleted
 * some days after the meeting (MEDIA_TOPIC_RETENTION_DAYS).
 */

const DAY = 86_400_000;

/** Only the citizen adds, changes and deletes their topics. */
function requireSelf(grant: Grant<'topics'>) {
	if (grant.relation.kind !== 'self') throw new DomainError('not_found');
}

/** Only a professional marks a topic talked about or links it to what was agreed. */
function requireProfessional(grant: Grant<'topics'>) {
	if (grant.relation.kind !== 'professional') throw new DomainError('not_found');
}

const photoExpiry = (meeting: { startsAt: Date }) => new Date(meeting.startsAt.getTime() + topicRetentionDays() * DAY);

/** A meeting the citizen may still bring a topic to: theirs, not cancelled, not over. */
async function openMeeting(tx: Db, citizenId: string, meetingId: string, now: Date) {
	const meeting = await lockedMeetingOf(tx, citizenId, meetingId);
	// Someone else's meeting, or one that does not exist: the same as any unknown id.
	if (!meeting) throw new DomainError('not_found');
	if (meeting.status === 'cancelled' || meeting.endsAt.getTime() <= now.getTime())
		throw new FieldError('meetingId', 'topics.errors.meetingOver');
	return meeting;
}

async function withPhotos(db: Db, grant: Grant<'topics'>, rows: TopicRow[]): Promise<TopicView[]> {
	const photos = await mediaFor(
		db,
		grant,
		'topic',
		rows.map((r) => r.id)
	);
	return rows.map((t) => ({
		id: t.id,
		meetingId: t.meetingId,
		text: t.text,
		private: t.private,
		talkedAbout: t.talkedAboutAt !== null,
		answeredByAgreed: t.answeredByAgreed,
		photos: photos
			.filter((p) => p.subjectId === t.id && p.kind === 'image')
			.map((p) => ({ id: p.id, width: p.width, height: p.height })),
		audio:
			photos
				.filter((p) => p.subjectId === t.id && p.kind === 'audio')
				.map((p) => ({ id: p.id, durationMs: p.durationMs }))[0] ?? null
	}));
}

/** The topics of some of the citizen's meetings that this grant sees (a private one: the citizen and the contact person). */
export async function topicsFor(db: Db, grant: Grant<'topics'>, meetingIds: string[], now = new Date()) {
	const withPrivate = await seesPrivateTopics(db, grant, now);
	return withPhotos(db, grant, await topicsOf(db, grant.citizenId, meetingIds, withPrivate));
}

/** How many topics each meeting has (that this grant sees). */
export async function topicCountsFor(db: Db, grant: Grant<'topics'>, meetingIds: string[], now = new Date()) {
	return topicCounts(db, grant.citizenId, meetingIds, await seesPrivateTopics(db, grant, now));
}

/** The citizen's page: the meetings a topic can go to (the next first), and the topics already on them. */
export async function topicPage(db: Db, grant: Grant<'topics'>, now = new Date()) {
	requireSelf(grant);
	const [meetings, contact] = await Promise.all([
		openMeetingsOf(db, grant.citizenId, now),
		contactPersonOf(db, grant.citizenId, now)
	]);
	const list = await topicsFor(
		db,
		grant,
		meetings.map((m) => m.id),
		now
	);
	// "The next meeting" by default: the first one not yet begun (one going on now can still be chosen).
	const next = meetings.find((m) => m.startsAt.getTime() > now.getTime()) ?? meetings[0];
	return {
		meetings: meetings.map((m) => ({ ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
		nextMeetingId: next?.id ?? null,
		/** Who sees a private topic besides the citizen (their given name), or null when nobody is assigned. */
		contactName: contact?.givenName ?? null,
		topics: list,
		limits: { photos: MEDIA_LIMITS.photosPerTopic, text: TEXT_LIMITS.topic, shrinkSide: MEDIA_LIMITS.imageShrinkSide }
	};
}

/** One of the citizen's own topics, to change: only while its meeting is still to come. */
export async function topicToEdit(db: Db, grant: Grant<'topics'>, topicId: string, now = new Date()) {
	requireSelf(grant);
	const page = await topicPage(db, grant, now);
	const topic = page.topics.find((t) => t.id === topicId);
	if (!topic) throw new DomainError('not_found');
	return { ...page, topic };
}

export interface TopicInput {
	meetingId: string;
	text: string | null;
	private: boolean;
}

/**
 * Adds a topic to one of the citizen's open meetings, with its photos and a voice recording, in
 * one transaction: a refused photo or recording, a full meeting or a closed one stores nothing.
 * Words, a photo or a recording are needed.
 */
export async function addTopic(
	db: Db,
	grant: Grant<'topics', 'write'>,
	input: TopicInput,
	photos: CheckedMedia[],
	now = new Date(),
	audio?: CheckedMedia
) {
	requireSelf(grant);
	if (!input.text && photos.length === 0 && !audio) throw new FieldError('text', 'topics.errors.empty');
	return db.transaction(async (tx) => {
		const meeting = await openMeeting(tx, grant.citizenId, input.meetingId, now);
		if ((await topicCount(tx, meeting.id)) >= MEDIA_LIMITS.topicsPerMeeting)
			throw new FieldError('meetingId', 'topics.errors.tooManyTopics');
		const [topic] = await tx
			.insert(topics)
			.values({
				citizenId: grant.citizenId,
				meetingId: meeting.id,
				text: input.text,
				private: input.private,
				createdBy: grant.actor.id
			})
			.returning();
		for (const photo of photos)
			await asField(TOPIC_PHOTOS_FIELD, () =>
				saveMedia(tx, grant, { type: 'topic', id: topic.id }, photo, {
					max: MEDIA_LIMITS.photosPerTopic,
					deleteAfter: photoExpiry(meeting)
				})
			);
		// It goes when the photos go (the same deleteAfter).
		if (audio)
			await asField(TOPIC_AUDIO_FIELD, () =>
				saveMedia(tx, grant, { type: 'topic', id: topic.id }, audio, {
					max: MEDIA_LIMITS.audioPerTopic,
					deleteAfter: photoExpiry(meeting)
				})
			);
		return topic;
	});
}

/**
 * Changes one of the citizen's topics while its meeting is still to come: the words, private or
 * not, the meeting (another open one of theirs), photos and the recording taken away (by id, in
 * `removePhotos`) and added. A recording is one per topic: a new one needs the old one taken away.
 * Words, a photo or a recording must remain.
 */
export async function editTopic(
	db: Db,
	grant: Grant<'topics', 'write'>,
	topicId: string,
	input: TopicInput & { removePhotos: string[] },
	photos: CheckedMedia[],
	now = new Date(),
	audio?: CheckedMedia
) {
	requireSelf(grant);
	return db.transaction(async (tx) => {
		const before = await lockedTopicOf(tx, grant.citizenId, topicId);
		if (!before) throw new DomainError('not_found');
		await openMeeting(tx, grant.citizenId, before.meetingId, now);
		const meeting =
			input.meetingId === before.meetingId
				? await lockedMeetingOf(tx, grant.citizenId, before.meetingId)
				: await openMeeting(tx, grant.citizenId, input.meetingId, now);
		if (!meeting) throw new DomainError('not_found');
		if (meeting.id !== before.meetingId && (await topicCount(tx, meeting.id)) >= MEDIA_LIMITS.topicsPerMeeting)
			throw new FieldError('meetingId', 'topics.errors.tooManyTopics');
		const subject = { type: 'topic' as const, id: topicId };
		await deleteMedia(tx, grant, subject, input.removePhotos);
		for (const photo of photos)
			await asField(TOPIC_PHOTOS_FIELD, () =>
				saveMedia(tx, grant, subject, photo, { max: MEDIA_LIMITS.photosPerTopic, deleteAfter: photoExpiry(meeting) })
			);
		const left = await mediaFor(tx, grant, 'topic', [topicId]);
		if (audio) {
			// Said as what it is (one recording already), before the store's own limit would say "too many".
			if (left.some((m) => m.kind === 'audio')) throw new FieldError(TOPIC_AUDIO_FIELD, 'topics.errors.oneRecording');
			await asField(TOPIC_AUDIO_FIELD, () =>
				saveMedia(tx, grant, subject, audio, { max: MEDIA_LIMITS.audioPerTopic, deleteAfter: photoExpiry(meeting) })
			);
		}
		if (!input.text && left.length === 0 && !audio) throw new FieldError('text', 'topics.errors.empty');
		if (meeting.id !== before.meetingId) await setMediaDeleteAfter(tx, 'topic', [topicId], photoExpiry(meeting));
		const [updated] = await tx
			.update(topics)
			.set({ meetingId: meeting.id, text: input.text, private: input.private })
			.where(eq(topics.id, topicId))
			.returning();
		return updated;
	});
}

/** Deletes one of the citizen's topics with its photos, at any time: it is theirs. */
export async function deleteTopic(db: Db, grant: Grant<'topics', 'write'>, topicId: string) {
	requireSelf(grant);
	return db.transaction(async (tx) => {
		const before = await lockedTopicOf(tx, grant.citizenId, topicId);
		if (!before) throw new DomainError('not_found');
		await deleteMedia(tx, grant, { type: 'topic', id: topicId });
		await tx.delete(topics).where(eq(topics.id, topicId));
		return { meetingId: before.meetingId };
	});
}

/** A topic of this meeting that the professional sees, or a 404 (someone else's, private, unknown). */
async function visibleTopic(db: Db, grant: Grant<'topics'>, meetingId: string, topicId: string, now: Date) {
	const [row] = await topicsOf(db, grant.citizenId, [meetingId], await seesPrivateTopics(db, grant, now)).then((rows) =>
		rows.filter((r) => r.id === topicId)
	);
	if (!row) throw new DomainError('not_found');
	return row;
}

/** The professional marks a topic talked about, or takes that back. */
export async function markTalkedAbout(
	db: Db,
	grant: Grant<'topics', 'write'>,
	meetingId: string,
	input: { topicId: string; talked: boolean },
	now = new Date()
) {
	requireProfessional(grant);
	await visibleTopic(db, grant, meetingId, input.topicId, now);
	const [updated] = await db
		.update(topics)
		.set(
			input.talked
				? { talkedAboutAt: now, talkedAboutBy: grant.actor.id }
				: { talkedAboutAt: null, talkedAboutBy: null }
		)
		.where(eq(topics.id, input.topicId))
		.returning();
	return updated;
}

/**
 * "What we agreed" answers these topics of the meeting (the ticked ones); the others it does not.
 * Only topics the professional sees are touched: a private topic of someone else's contact person
 * keeps its mark. An id that is not one of them is a 404, and nothing is changed.
 */
export async function setAgreedAnswers(
	db: Db,
	grant: Grant<'topics', 'write'>,
	meetingId: string,
	answers: string[],
	now = new Date()
) {
	requireProfessional(grant);
	const seen = await topicsOf(db, grant.citizenId, [meetingId], await seesPrivateTopics(db, grant, now));
	const ids = seen.map((t) => t.id);
	if (answers.some((id) => !ids.includes(id))) throw new DomainError('not_found');
	if (ids.length === 0) return;
	await db.transaction(async (tx) => {
		await tx
			.update(topics)
			.set({ answeredByAgreed: false })
			.where(and(inArray(topics.id, ids), eq(topics.citizenId, grant.citizenId)));
		if (answers.length)
			await tx
				.update(topics)
				.set({ answeredByAgreed: true })
				.where(and(inArray(topics.id, answers), eq(topics.citizenId, grant.citizenId)));
	});
}
