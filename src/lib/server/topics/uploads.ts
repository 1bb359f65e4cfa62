import { formDataOf } from '../forms/form-action';
import { MEDIA_LIMITS } from '../media/limits';
import { audioFrom, photosFrom } from '../media/upload';
import { TOPIC_AUDIO_FIELD, TOPIC_PHOTOS_FIELD } from '../../topics/schemas';

/**
 * The photos and the recording of a topic form (adding and changing post the same fields), each
 * checked from its bytes; a refusal is a message beside its field and nothing is stored.
 */
export async function topicFilesFrom(request: Request) {
	const form = await formDataOf(request);
	const photos = await photosFrom(form, TOPIC_PHOTOS_FIELD, MEDIA_LIMITS.photosPerTopic);
	const audio = await audioFrom(form, TOPIC_AUDIO_FIELD);
	return { photos, audio };
}
