import { asc, eq, inArray } from 'drizzle-orm';
import type { Appointment, AppointmentParticipant } from '@medplum/fhirtypes';
import { meetingParticipants, meetings, meetingSeries, rescheduleOffers, rescheduleRequests } from '../db/schema';
import { exportSection, iso } from '../export/section';
import { fhirEntry, LOCAL, ref } from '../export/fhir-util';

const APPOINTMENT_STATUS = { planned: 'booked', changed: 'booked', cancelled: 'cancelled', held: 'fulfilled' } as const;
const PARTICIPATION = {
	none: 'needs-action',
	coming: 'accepted',
	cannot_come: 'declined',
	needs_help: 'tentative'
} as const;

/** The meetings with who takes part and their answers; in FHIR an Appointment per meeting. */
export const meetingsSection = exportSection({
	async load({ db, citizenId }) {
		const [meetingRows, seriesRows] = await Promise.all([
			db.select().from(meetings).where(eq(meetings.citizenId, citizenId)).orderBy(asc(meetings.startsAt)),
			db.select().from(meetingSeries).where(eq(meetingSeries.citizenId, citizenId))
		]);
		const meetingIds = meetingRows.map((m) => m.id);
		const participants = meetingIds.length
			? await db.select().from(meetingParticipants).where(inArray(meetingParticipants.meetingId, meetingIds))
			: [];
		return {
			mentions: participants.map((p) => p.personId),
			json: (nameOf) => ({
				meetings: meetingRows.map((m) => ({
					id: m.id,
					kind: m.kind,
					title: m.title,
					status: m.status,
					startsAt: m.startsAt.toISOString(),
					endsAt: m.endsAt.toISOString(),
					location: m.location,
					videoUrl: m.videoUrl,
					phone: m.phone,
					prepareTopics: m.prepareTopics,
					prepareBring: m.prepareBring,
					prepareQuestion: m.prepareQuestion,
					agreed: m.agreed,
					repeats: seriesRows.find((s) => s.id === m.seriesId)?.rrule ?? null,
					participants: participants
						.filter((p) => p.meetingId === m.id)
						.map((p) => ({
							name: nameOf(p.personId),
							isYou: p.personId === citizenId,
							response: p.response,
							responseReason: p.responseReason,
							respondedAt: iso(p.respondedAt)
						}))
				}))
			})
		};
	},
	fhir: ({ meetings }, { patientId, patientName }) =>
		meetings.map((meeting) => {
			const you = meeting.participants.find((p) => p.isYou);
			const participants: AppointmentParticipant[] = [
				{
					actor: ref(patientId, patientName),
					required: 'required',
					status: PARTICIPATION[you?.response ?? 'none']
				},
				...meeting.participants
					.filter((p) => !p.isYou)
					.map((p): AppointmentParticipant => ({
						actor: { display: p.name ?? '' },
						required: 'required',
						status: PARTICIPATION[p.response]
					}))
			];
			const minutes = Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000);
			return fhirEntry<Appointment>(meeting.id, {
				resourceType: 'Appointment',
				status: APPOINTMENT_STATUS[meeting.status],
				serviceType: [{ coding: [{ system: `${LOCAL}/meeting-kind`, code: meeting.kind }], text: meeting.kind }],
				description: meeting.title ?? meeting.kind,
				start: meeting.startsAt,
				end: meeting.endsAt,
				minutesDuration: minutes > 0 ? minutes : undefined,
				comment: meeting.agreed ?? undefined,
				patientInstruction:
					[meeting.prepareTopics, meeting.prepareBring, meeting.prepareQuestion].filter(Boolean).join('\n') ||
					undefined,
				participant: participants
			});
		})
});

/** "I need another time": the citizen's own reason, the times offered and how it ended. */
export const rescheduleSection = exportSection({
	async load({ db, citizenId }) {
		const rescheduleRows = await db
			.select()
			.from(rescheduleRequests)
			.where(eq(rescheduleRequests.citizenId, citizenId))
			.orderBy(asc(rescheduleRequests.createdAt));
		const rescheduleIds = rescheduleRows.map((r) => r.id);
		const offerRows = rescheduleIds.length
			? await db
					.select()
					.from(rescheduleOffers)
					.where(inArray(rescheduleOffers.requestId, rescheduleIds))
					.orderBy(asc(rescheduleOffers.startsAt))
			: [];
		return {
			mentions: rescheduleRows.map((r) => r.offeredBy),
			json: (nameOf) => ({
				rescheduleRequests: rescheduleRows.map((r) => ({
					id: r.id,
					meetingId: r.meetingId,
					reasonChoice: r.reasonChoice,
					reason: r.reason,
					status: r.status,
					offeredBy: nameOf(r.offeredBy),
					offeredAt: iso(r.offeredAt),
					offers: offerRows
						.filter((o) => o.requestId === r.id)
						.map((o) => ({
							startsAt: o.startsAt.toISOString(),
							endsAt: o.endsAt.toISOString(),
							chosen: o.id === r.chosenOfferId
						})),
					answer: r.answer,
					createdAt: r.createdAt.toISOString(),
					closedAt: iso(r.closedAt)
				}))
			})
		};
	}
});
