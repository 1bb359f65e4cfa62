// Words of the domain shared by server and client (see docs/domain.md).
// Kept free of server imports so that pages and schema agree on the same lists.

export const ROLES = [
	'citizen',
	'relative',
	'mentor',
	'contact_person',
	'resource_consultant',
	'support_worker',
	'caseworker',
	'job_consultant',
	'admin'
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work with a citizen's course; they reach data only through an assignment. */
export const PROFESSIONAL_ROLES = [
	'mentor',
	'contact_person',
	'resource_consultant',
	'support_worker',
	'caseworker',
	'job_consultant'
] as const satisfies readonly Role[];
export type ProfessionalRole = (typeof PROFESSIONAL_ROLES)[number];

export const PROGRAMMES = [
	'mestringsforloeb',
	'jobrettet_rehabilitering',
	'mestringsvejledning',
	'ressourceforloeb',
	'paa_vej_til_arbejde'
] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** Jobrettet rehabilitering comes in two lengths; the others have one. */
export const PROGRAMME_VARIANTS = ['standard', '4_months', '9_months'] as const;
export type ProgrammeVariant = (typeof PROGRAMME_VARIANTS)[number];

export const COURSE_STATUSES = ['planned', 'active', 'follow_up', 'ended'] as const;
export const GOAL_STATUSES = ['active', 'reached', 'paused', 'dropped'] as const;
export const SUBGOAL_STATUSES = ['not_started', 'working_on_it', 'done', 'paused'] as const;
export type SubgoalStatus = (typeof SUBGOAL_STATUSES)[number];
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'discussing', 'withdrawn'] as const;

export const MEETING_KINDS = [
	'forsamtale',
	'startsamtale',
	'intro_og_plan',
	'individuel_samtale',
	'walk_and_talk',
	'gruppeforloeb',
	'netvaerksmoede',
	'trepartsmoede',
	'opstartsmoede_virksomhed',
	'opfoelgning',
	'video_bostoette',
	'afslutningssamtale'
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['planned', 'changed', 'cancelled', 'held'] as const;
export const MEETING_RESPONSES = ['none', 'coming', 'cannot_come', 'needs_help'] as const;

/** What a relative can be given access to, one switch each. */
export const DELEGATION_SCOPES = ['plan', 'meetings', 'diary_shared', 'log', 'join_video', 'min_dag'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];
export const DELEGATION_STATUSES = ['pending', 'active', 'paused', 'revoked'] as const;

/** Purposes a citizen can consent to. */
export const CONSENT_PURPOSES = [
	'share_health_info_caseworker_mentor',
	'relative_joins_network_meetings',
	'share_with_job_consultant'
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const MOODS = [1, 2, 3, 4, 5] as const;

/** NSIS assurance levels, lowest first. Citizen data needs at least 'substantial'. */
export const LOA_LEVELS = ['low', 'substantial', 'high'] as const;
export type Loa = (typeof LOA_LEVELS)[number];
