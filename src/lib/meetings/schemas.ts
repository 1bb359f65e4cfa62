import * as v from 'valibot';
import { MEETING_KINDS } from '../domain';
import { checkbox, choice, optionalIsoDate, optionalText, version, typed } from '../validation';
import { isLocalDate, isLocalTime } from './time';
import { isHttpsUrl } from './video-link';
import { isUuid } from '../uuid';

/** Form schemas for meetings, used by the server actions (and the browser, for instant hints). */

const MEETING_LIMITS = { title: 200, place: 300, phone: 40, prepare: 1000, agreed: 2000, reason: 500 } as const;

/** Weekdays as rrule writes them, Monday first. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];

/** At most this many meetings in one series, and a series ends within a year. */
export const SERIES_MAX_COUNT = 52;
const SERIES_MAX_DAYS = 366;

const REPLIES = ['coming', 'cannot_come', 'needs_help'] as const;

const localDate = v.pipe(typed(), v.trim(), v.nonEmpty('validation.required'), v.check(isLocalDate, 'validation.date'));

const localTime = v.pipe(typed(), v.trim(), v.nonEmpty('validation.required'), v.check(isLocalTime, 'validation.time'));

const optionalHttpsUrl = v.pipe(
	v.optional(typed(), ''),
	v.trim(),
	v.maxLength(500, 'validation.tooLong'),
	v.check((s) => s === '' || isHttpsUrl(s), 'validation.httpsLink'),
	v.transform((s) => (s === '' ? null : s))
);

const optionalPhone = v.pipe(
	v.optional(typed(), ''),
	v.trim(),
	v.check((s) => s === '' || /^\+?[\d][\d -]{1,30}$/.test(s), 'validation.phone'),
	v.transform((s) => (s === '' ? null : s))
);

/** A list: several checkboxes with one name, or one comma-separated value. */
function list<T extends string>(item: (s: string) => s is T, message: string) {
	return v.pipe(
		v.optional(v.union([typed(), v.array(typed())]), ''),
		v.transform((sent) =>
			(Array.isArray(sent) ? sent.join(',') : sent)
				.split(',')
				.map((x) => x.trim())
				.filter(Boolean)
		),
		v.check((items) => items.every(item), message),
		v.transform((items) => [...new Set(items)] as T[])
	);
}

const isWeekday = (s: string): s is WeekdayCode => (WEEKDAYS as readonly string[]).includes(s);

const optionalCount = v.pipe(
	v.optional(typed(), ''),
	v.trim(),
	v.check((s) => s === '' || /^\d{1,3}$/.test(s), 'validation.seriesCount'),
	v.transform((s) => (s === '' ? null : Number(s))),
	v.check((n) => n === null || (n >= 2 && n <= SERIES_MAX_COUNT), 'validation.seriesCount')
);

const daysBetween = (from: string, to: string) =>
	(Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** The fields of one meeting, shared by "new" and "change". */
const meetingFields = {
	kind: choice(MEETING_KINDS),
	title: optionalText(MEETING_LIMITS.title),
	date: localDate,
	startTime: localTime,
	endTime: localTime,
	location: optionalText(MEETING_LIMITS.place),
	videoUrl: optionalHttpsUrl,
	phone: optionalPhone,
	prepareTopics: optionalText(MEETING_LIMITS.prepare),
	prepareBring: optionalText(MEETING_LIMITS.prepare),
	prepareQuestion: optionalText(MEETING_LIMITS.prepare),
	participants: list(isUuid, 'validation.unknownParticipant')
};

/** A new meeting, once or as a weekly series that must end (after a number of times or on a date). */
export const newMeetingSchema = v.pipe(
	v.object({
		...meetingFields,
		repeat: v.optional(choice(['once', 'weekly'] as const), 'once'),
		weekdays: list(isWeekday, 'validation.choice'),
		count: optionalCount,
		until: optionalIsoDate
	}),
	v.forward(
		v.partialCheck([['startTime'], ['endTime']], (m) => m.endTime > m.startTime, 'validation.endBeforeStart'),
		['endTime']
	),
	v.forward(
		v.partialCheck(
			[['repeat'], ['count'], ['until']],
			(m) => m.repeat === 'once' || m.count !== null || m.until !== null,
			'validation.seriesEnd'
		),
		['count']
	),
	v.forward(
		v.partialCheck(
			[['repeat'], ['count'], ['until']],
			(m) => m.repeat === 'once' || m.count === null || m.until === null,
			'validation.seriesOneEnd'
		),
		['count']
	),
	v.forward(
		v.partialCheck(
			[['repeat'], ['date'], ['until']],
			(m) => m.repeat === 'once' || m.until === null || m.until > m.date,
			'validation.untilAfterStart'
		),
		['until']
	),
	v.forward(
		v.partialCheck(
			[['repeat'], ['date'], ['until']],
			(m) => m.repeat === 'once' || m.until === null || daysBetween(m.date, m.until) <= SERIES_MAX_DAYS,
			'validation.seriesTooLong'
		),
		['until']
	)
);
export type NewMeetingInput = v.InferOutput<typeof newMeetingSchema>;

/** A change to one meeting; it names the version it started from. */
export const changeMeetingSchema = v.pipe(
	v.object({ ...meetingFields, version }),
	v.forward(
		v.partialCheck([['startTime'], ['endTime']], (m) => m.endTime > m.startTime, 'validation.endBeforeStart'),
		['endTime']
	)
);
export type ChangeMeetingInput = v.InferOutput<typeof changeMeetingSchema>;

export const cancelMeetingSchema = v.object({ version, laterInSeries: checkbox });
export const agreedSchema = v.object({
	agreed: optionalText(MEETING_LIMITS.agreed),
	/** A network meeting's status in the plan, in easy words (optional). */
	agreedEasy: optionalText(MEETING_LIMITS.agreed),
	/** Which plan period the professional saw (a token from the page); only for network meetings. */
	period: v.pipe(
		v.optional(typed(), ''),
		v.maxLength(120, 'validation.unknown'),
		v.transform((s) => (s === '' ? null : s))
	),
	version
});

/** The citizen's reply. A reason only goes with "cannot come" and "need help". */
export const replySchema = v.object({
	response: choice(REPLIES),
	reason: optionalText(MEETING_LIMITS.reason)
});
export type ReplyInput = v.InferOutput<typeof replySchema>;

export const reminderSchema = v.object({ dayBefore: checkbox, hourBefore: checkbox });

/** The citizen's choice of reminders as minutes before a meeting (person_settings.reminderMinutes). */
export const REMINDER_CHOICES = { dayBefore: 1440, hourBefore: 60 } as const;
