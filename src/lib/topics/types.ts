/** One topic as a page shows it (the citizen's and the professional's alike): no bytes, photos by id. */
export interface TopicView {
	id: string;
	meetingId: string;
	text: string | null;
	private: boolean;
	talkedAbout: boolean;
	answeredByAgreed: boolean;
	photos: Array<{ id: string; width: number | null; height: number | null }>;
	/** A voice recording brought with it (at most one), played from /media/<id>. */
	audio: { id: string; durationMs: number | null } | null;
}
