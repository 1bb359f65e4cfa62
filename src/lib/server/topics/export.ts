import { exportSection, iso } from '../export/section';
import { allTopicsOf } from './repository';

/** "Det vil jeg gerne tale om": what the citizen brought to which meeting; its photos are in `media`. */
export const topicsSection = exportSection({
	async load({ db, citizenId }) {
		const rows = await allTopicsOf(db, citizenId);
		return {
			mentions: rows.map((t) => t.talkedAboutBy),
			json: (nameOf) => ({
				topics: rows.map((t) => ({
					id: t.id,
					meetingId: t.meetingId,
					text: t.text,
					private: t.private,
					createdAt: t.createdAt.toISOString(),
					talkedAboutAt: iso(t.talkedAboutAt),
					talkedAboutBy: nameOf(t.talkedAboutBy),
					answeredByAgreed: t.answeredByAgreed
				}))
			})
		};
	}
});
