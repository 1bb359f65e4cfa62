import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS, MEDIA_UPLOAD_BODY_BYTES, MediaConfigError, topicRetentionDays } from './limits';

describe('media limits', () => {
	it('MEDIA_TOPIC_RETENTION_DAYS: 30 unless set; a whole number from 1 to 3650, else a plain stop', () => {
		expect(topicRetentionDays({})).toBe(30);
		expect(topicRetentionDays({ MEDIA_TOPIC_RETENTION_DAYS: '45' })).toBe(45);
		for (const wrong of ['0', '-1', '2.5', 'tredive', '3651'])
			expect(() => topicRetentionDays({ MEDIA_TOPIC_RETENTION_DAYS: wrong })).toThrow(MediaConfigError);
	});

	it('an upload body holds the most photos of a topic and fits under the 10M the server starts with', () => {
		expect(MEDIA_UPLOAD_BODY_BYTES).toBeGreaterThan(MEDIA_LIMITS.imageMaxBytes * MEDIA_LIMITS.photosPerTopic);
		expect(MEDIA_UPLOAD_BODY_BYTES).toBeLessThanOrEqual(10 * 1024 * 1024);
	});
});
