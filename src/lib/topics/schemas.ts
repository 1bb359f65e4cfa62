import * as v from 'valibot';
import { TEXT_LIMITS } from '../text-limits';
import { checkbox, optionalText, uuid } from '../validation';

/**
 * The forms of "Det vil jeg gerne tale om". Text and the private choice are checked here; the
 * photos (files) by the server's byte check (server/media/image-check.ts), and "words or a photo"
 * by the service, which sees both.
 */

/** The citizen's topic: which meeting, a few words (or none, when there is a photo), private or not. */
export const topicSchema = v.object({
	meetingId: uuid,
	text: optionalText(TEXT_LIMITS.topic),
	private: checkbox
});

/** Editing one: as adding, plus the photos to take away (ticked). */
export const topicEditSchema = v.object({
	...topicSchema.entries,
	removePhotos: v.pipe(v.array(uuid), v.maxLength(20, 'validation.unknown'))
});

/** The professional: talked about (1) or not yet (0). */
export const talkedSchema = v.object({
	topicId: uuid,
	talked: v.picklist(['0', '1'], 'validation.choice')
});

/** The professional: which topics "what we agreed" answers (ticked). */
export const answersSchema = v.object({
	answers: v.pipe(v.array(uuid), v.maxLength(100, 'validation.unknown'))
});

/** The form fields for photos (files) and for repeated ticks. */
export const TOPIC_PHOTOS_FIELD = 'photos';
/** The voice recording's file field (the recorder fills it: voice-recorder.svelte). */
export const TOPIC_AUDIO_FIELD = 'audio';
export const TOPIC_LISTS = ['removePhotos'] as const;
export const ANSWER_LISTS = ['answers'] as const;
