/** One topic as a page shows it (the citizen's and the professional's alike): no bytes, photos by id. */
export interface TopicView {
	id: string;
	meetingId: string;
	text: string | null;
	private: boolean;
	talkedAbout: boolean;
	answeredByAgreed: boolean;
	photos: Array<{ id: string; width: number | null; height: number | null }>;
}
