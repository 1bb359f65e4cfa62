import type { StepIcon } from '../../routines/step-icons';
// The shape of the demo content. Each citizen's content is plain data (see citizens/),
// written to the database by write-citizen.ts. People are named by their demo subject.

import type { MeetingKind, ProfessionalRole, Programme, ProgrammeVariant, SubgoalStatus } from '../../domain';

export type OrgKey = 'hverdagsmod' | 'cbr' | 'psykiatri' | 'jobcenter' | 'kommune';

/** A DEMO_PEOPLE subject, e.g. 'demo-lone'. */
export type Subject = string;

type Mood = 1 | 2 | 3 | 4 | 5;
type Response = 'none' | 'coming' | 'cannot_come' | 'needs_help';

interface SubgoalSeed {
	/** A name other parts of the content use to point at this delmål. */
	ref?: string;
	title: string;
	titleEasy: string;
	status: SubgoalStatus;
	nextStep?: string;
	nextStepEasy?: string;
	dueInDays?: number;
	inFocus?: boolean;
	notes?: Array<{ by: Subject; daysAgo: number; text: string }>;
	/** For a delmål that is done: when it was marked done, and by whom (the citizen by default). */
	done?: { daysAgo: number; by?: Subject };
}

interface GoalSeed {
	title: string;
	titleEasy: string;
	ownWords: string;
	whyItMatters: string;
	status?: 'active' | 'reached' | 'paused' | 'dropped';
	/** Index into the citizen's planPeriods. */
	planPeriod?: number;
	subgoals: SubgoalSeed[];
	/** A delmål the citizen has proposed and no professional has answered yet. */
	suggestion?: { title: string; daysAgo: number };
}

interface CopingSeed {
	ref?: string;
	title: string;
	description: string;
	kind: 'earlier' | 'new';
	anchored: boolean;
	/** Index into the citizen's goals. */
	goal?: number;
}

interface DiarySeed {
	daysAgo: number;
	mood: Mood;
	text: string;
	sharedWith?: Subject[];
	coping?: string;
	subgoal?: string;
}

interface LogSeed {
	by: Subject;
	daysAgo: number;
	text: string;
	read: boolean;
	subgoal?: string;
	/** The citizen's answer to the entry. */
	comment?: { text: string; disagrees: boolean; daysAgo: number };
}

export interface MeetingSeed {
	kind: MeetingKind;
	title?: string;
	/** Date 'YYYY-MM-DD' and Danish wall-clock time 'HH:MM'. */
	on: string;
	at: string;
	minutes: number;
	location?: string;
	videoUrl?: string;
	phone?: string;
	prepareTopics?: string;
	prepareBring?: string;
	prepareQuestion?: string;
	agreed?: string;
	status: 'planned' | 'changed' | 'cancelled' | 'held';
	createdBy: Subject;
	/** The citizen's answer; by default 'coming' for past meetings and 'none' for coming ones. */
	citizen?: { response: Response; reason?: string };
	/** Everyone else invited. */
	others: Array<{ who: Subject; response: Response; reason?: string }>;
	/** Key of one of the citizen's series. */
	series?: string;
	/** Index into the citizen's planPeriods. */
	planPeriod?: number;
	/** "Det vil jeg gerne tale om": what the citizen brings to this (coming) meeting, in words. */
	topics?: string[];
}

interface PlanPeriodSeed {
	startsOn: string;
	endsOn: string | null;
	status: string;
	statusEasy: string;
}

export interface CitizenSeed {
	subject: Subject;
	phone?: string;
	settings?: { readingMode?: 'standard' | 'easy'; textSize?: '100' | '125' | '150' | '175' | '200'; language?: string };
	programme: Programme;
	variant: ProgrammeVariant;
	organisation: OrgKey;
	startsOn: string;
	team: Array<{ who: Subject; role: ProfessionalRole }>;
	planPeriods?: PlanPeriodSeed[];
	goals: GoalSeed[];
	coping: CopingSeed[];
	diary: DiarySeed[];
	log: LogSeed[];
	series?: Array<{ key: string; rrule: string; createdBy: Subject }>;
	meetings: MeetingSeed[];
	crisis: { warningSigns: string; whatHelps: string; contacts: Array<{ name: string; phone: string; note?: string }> };
	/** Min dag: routines made with the professional `createdBy`, `daysAgo`; `done(day, step)` says which steps were ticked. */
	routines?: RoutineSeed[];
}

interface RoutineSeed {
	name: string;
	createdBy: Subject;
	daysAgo: number;
	steps: Array<{ text: string; icon: StepIcon; time?: string }>;
	/** Whether step `step` was done `daysAgo` days ago (1 = yesterday); today is left for the demo. */
	done: (daysAgo: number, step: number) => boolean;
}
