import { and, desc, eq, gt, isNull, lte, or, gte, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import {
	accessLog,
	careAssignments,
	consentSupporters,
	consents,
	people,
	personRoles,
	relativeDelegations,
	type AccessDetail
} from '../db/schema';
import type { SessionUser } from '../auth/session';
import { loaAtLeast } from '../auth/oidc';
import {
	PROFESSIONAL_ROLES,
	type ConsentPurpose,
	type DelegationScope,
	type ProfessionalRole,
	type Role
} from '../../domain';
import { copenhagenDate } from '../../meetings/time';
import { isUuid } from '../../uuid';

/**
 * The one place that decides who may read or change a citizen's data.
 * Every load and action that touches a citizen's data calls authorize(); it reads
 * assignments, delegations and consents live, so a revocation holds on the very next request,
 * and it writes the access-log row for every read by someone other than the citizen.
 */

/** The kinds of a citizen's data, as the citizen would name them in "who has seen my data". */
export const RESOURCES = [
	'plan',
	'meetings',
	'diary',
	'log',
	'crisis_plan',
	'people',
	'consents',
	'access_log',
	'health_info',
	/** Joining a video meeting (virtuel bostøtte); a relative needs the join_video scope. */
	'video',
	/** The citizen's relatives and their access: the citizen's own business, never shown to others. */
	'relatives',
	/** Everything the app holds about the citizen, as a download (aktindsigt). */
	'export',
	/** Requests for formal aktindsigt; the caseworker answers them. */
	'record_requests',
	/** "Look at it together": sharing the plan page live during video support; relatives need join_video. */
	'together',
	/** "I want to talk about it first": tasks for the citizen's contact person about a consent or a relative. */
	'support_tasks',
	/** The consent questions the citizen is asked (the texts, never the answers): a named supporter may read them. */
	'consent_questions',
	/**
	 * "Det vil jeg gerne tale om": what the citizen brings to a meeting, with its photos. Their
	 * professionals see it (a private one only the contact person: policy/topics.ts); relatives never.
	 */
	'topics',
	/** "Min dag": routines, their steps and what was done; a relative needs the min_dag scope. */
	'routines'
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Action = 'read' | 'write';

type ProfessionalRelation = { kind: 'professional'; role: ProfessionalRole };
type RelativeRelation = { kind: 'relative'; delegationId: string; scopes: DelegationScope[] };
/** A supporter (bisidder or relative) the citizen named to help with consent questions. */
type SupporterRelation = { kind: 'supporter'; supporterId: string };
export type Relation = { kind: 'self' } | ProfessionalRelation | RelativeRelation | SupporterRelation;

/**
 * The relations that can hold a grant for this resource and action, read from the same tables
 * relationTo() decides by: only the citizen writes their diary or reads their consents, a relative
 * only reads, a supporter only reads the consent questions. A service taking a `Grant<'consents'>`
 * therefore knows, without asking again, that the citizen is the one acting.
 */
export type RelationFor<R extends Resource, A extends Action> =
	| { kind: 'self' }
	| (R extends Resource ? (A extends (typeof PROFESSIONAL_RIGHTS)[R][number] ? ProfessionalRelation : never) : never)
	| (R extends keyof typeof RELATIVE_SCOPE_FOR ? (A extends 'read' ? RelativeRelation : never) : never)
	| (R extends 'consent_questions' ? (A extends 'read' ? SupporterRelation : never) : never);

/**
 * The policy's yes: who acts on whose data, which kind, read or write. The type says what the
 * grant is for (`Grant<'meetings', 'write'>`), so a service states what it needs in its signature
 * and the compiler refuses a read grant for a write, or a plan grant for a meeting. `Grant` alone
 * is any grant. Only authorize() makes one.
 */
export interface Grant<R extends Resource = Resource, A extends Action = Action> {
	citizenId: string;
	actor: SessionUser;
	relation: RelationFor<R, A>;
	resource: R;
	action: A;
	/**
	 * Set when the citizen looks at their own pages as one of their relatives sees them ("see what
	 * Jens sees"): the actor is then that relative, the relation theirs, and nothing is logged.
	 */
	preview?: { citizen: SessionUser; delegationId: string };
}

export type DenialReason =
	| 'not_logged_in'
	| 'assurance_too_low'
	| 'no_relation'
	| 'not_allowed'
	| 'scope_missing'
	| 'delegation_pending'
	| 'delegation_paused'
	| 'delegation_expired'
	| 'delegation_revoked'
	| 'consent_missing'
	/** One item the relation does not cover: a diary page the citizen has not shared with this person. */
	| 'not_shared';

/** A refusal with a reason the page can explain kindly. 401 when nobody is logged in, else 403. */
export class AccessDenied extends Error {
	readonly status: 401 | 403;
	constructor(readonly reason: DenialReason) {
		super(reason);
		this.status = reason === 'not_logged_in' ? 401 : 403;
	}
}

/** What each professional may do with each kind of data, once assigned to the citizen. */
const PROFESSIONAL_RIGHTS = {
	plan: ['read', 'write'],
	meetings: ['read', 'write'],
	// A professional sees only diary entries the citizen has shared with them; the diary repository filters.
	diary: ['read'],
	log: ['read', 'write'],
	crisis_plan: ['read', 'write'],
	people: ['read'],
	consents: [],
	access_log: [],
	health_info: ['read', 'write'],
	video: ['read'],
	relatives: [],
	export: [],
	record_requests: ['read', 'write'],
	together: ['read', 'write'],
	support_tasks: ['read', 'write'],
	consent_questions: [],
	// Write: marking a topic "talked about" and linking "what we agreed" to it; only the citizen adds one.
	topics: ['read', 'write'],
	// The coping guide or mentor makes routines with the citizen (also in "Se det sammen").
	routines: ['read', 'write']
} as const satisfies Record<Resource, readonly Action[]>;

/** Data only some professional roles may touch, even when assigned: the caseworker holds the case. */
const ONLY_ROLES: Partial<Record<Resource, readonly ProfessionalRole[]>> = {
	record_requests: ['caseworker']
};

/** Which delegation scope lets a relative read which kind of data. Relatives never write. */
const RELATIVE_SCOPE_FOR = {
	plan: 'plan',
	people: 'plan',
	meetings: 'meetings',
	diary: 'diary_shared',
	log: 'log',
	video: 'join_video',
	together: 'join_video',
	routines: 'min_dag'
} as const satisfies Partial<Record<Resource, DelegationScope>>;

/** Information that needs a consent before professionals exchange it (ressourceforløb handbook). */
const CONSENT_FOR: Partial<Record<Resource, ConsentPurpose>> = {
	health_info: 'share_health_info_caseworker_mentor'
};

const isProfessionalRole = (role: Role): role is ProfessionalRole =>
	(PROFESSIONAL_ROLES as readonly Role[]).includes(role);

async function activeAssignment(db: Db, professionalId: string, citizenId: string, now: Date) {
	const [row] = await db
		.select({ role: careAssignments.role })
		.from(careAssignments)
		.where(
			and(
				eq(careAssignments.professionalId, professionalId),
				eq(careAssignments.citizenId, citizenId),
				lte(careAssignments.startsOn, copenhagenDate(now)),
				or(isNull(careAssignments.endsOn), gte(careAssignments.endsOn, copenhagenDate(now)))
			)
		)
		.limit(1);
	return row;
}

/**
 * How delegations between one relative and one citizen are ranked, best first: the one in force,
 * then one that still may be (paused, or waiting for the citizen's yes), then the rest (stopped or
 * run out), newest first within each. A citizen can stop a relative and invite them again, so the
 * same pair often has several rows; every place that wants "the" delegation takes the first.
 */
export function currentDelegationFirst(now: Date) {
	const d = relativeDelegations;
	return [
		sql`case
			when ${d.status} = 'active' and ${d.confirmedAt} is not null and ${d.revokedAt} is null
				and ${d.expiresAt} > ${now.toISOString()}::timestamptz then 0
			when ${d.status} <> 'revoked' and ${d.revokedAt} is null and ${d.expiresAt} > ${now.toISOString()}::timestamptz then 1
			else 2 end`,
		desc(d.createdAt)
	] as const;
}

/** The delegation the policy uses for this relative and citizen: the one in force if there is one. */
async function delegationFor(db: Db, relativeId: string, citizenId: string, now: Date) {
	const [row] = await db
		.select()
		.from(relativeDelegations)
		.where(and(eq(relativeDelegations.relativeId, relativeId), eq(relativeDelegations.citizenId, citizenId)))
		.orderBy(...currentDelegationFirst(now))
		.limit(1);
	// Not in force: still the most telling one, so the refusal can say why (stopped, paused, ...).
	return row;
}

export function delegationState(
	d: Pick<typeof relativeDelegations.$inferSelect, 'status' | 'confirmedAt' | 'expiresAt' | 'revokedAt'>,
	now: Date
): 'active' | 'pending' | 'paused' | 'expired' | 'revoked' {
	if (d.status === 'revoked' || d.revokedAt) return 'revoked';
	if (d.expiresAt <= now) return 'expired';
	if (d.status === 'paused') return 'paused';
	if (d.status === 'pending' || !d.confirmedAt) return 'pending';
	return 'active';
}

async function hasConsent(
	db: Db,
	citizenId: string,
	purpose: ConsentPurpose,
	partyId: string,
	now: Date
): Promise<boolean> {
	const [row] = await db
		.select({ id: consents.id })
		.from(consents)
		.where(
			and(
				eq(consents.citizenId, citizenId),
				eq(consents.purpose, purpose),
				isNull(consents.revokedAt),
				or(isNull(consents.expiresAt), gt(consents.expiresAt, now)),
				or(eq(consents.fromPartyId, partyId), eq(consents.toPartyId, partyId))
			)
		)
		.limit(1);
	return Boolean(row);
}

/** Works out how the actor relates to the citizen, or refuses. Does not log. */
export async function relationTo(
	db: Db,
	actor: SessionUser | null,
	citizenId: string,
	resource: Resource,
	action: Action,
	now = new Date()
): Promise<Relation> {
	if (!actor) throw new AccessDenied('not_logged_in');
	if (!loaAtLeast(actor.loa, 'substantial')) throw new AccessDenied('assurance_too_low');

	if (actor.id === citizenId && actor.roles.includes('citizen')) return { kind: 'self' };

	const professionalRole = actor.roles.find(isProfessionalRole);
	if (professionalRole) {
		const assignment = await activeAssignment(db, actor.id, citizenId, now);
		if (assignment) {
			if (!(PROFESSIONAL_RIGHTS[resource] as readonly Action[]).includes(action)) throw new AccessDenied('not_allowed');
			const onlyRoles = ONLY_ROLES[resource];
			if (onlyRoles && !onlyRoles.includes(assignment.role)) throw new AccessDenied('not_allowed');
			const purpose = CONSENT_FOR[resource];
			if (purpose && !(await hasConsent(db, citizenId, purpose, actor.id, now)))
				throw new AccessDenied('consent_missing');
			return { kind: 'professional', role: assignment.role };
		}
	}

	if (resource === 'consent_questions' && action === 'read') {
		const supporter = await namedSupporter(db, actor.id, citizenId);
		if (supporter) return { kind: 'supporter', supporterId: supporter.id };
	}

	if (actor.roles.includes('relative')) {
		const delegation = await delegationFor(db, actor.id, citizenId, now);
		if (delegation) return relativeRelation(delegation, resource, action, now);
	}

	throw new AccessDenied('no_relation');
}

/** What a relative's delegation allows: reading the features of its scopes while it is in force. */
function relativeRelation(
	delegation: typeof relativeDelegations.$inferSelect,
	resource: Resource,
	action: Action,
	now: Date
): Relation {
	const state = delegationState(delegation, now);
	if (state !== 'active') throw new AccessDenied(`delegation_${state}`);
	const scope = (RELATIVE_SCOPE_FOR as Partial<Record<Resource, DelegationScope>>)[resource];
	if (action !== 'read' || !scope) throw new AccessDenied('not_allowed');
	if (!delegation.scopes.includes(scope)) throw new AccessDenied('scope_missing');
	return { kind: 'relative', delegationId: delegation.id, scopes: delegation.scopes };
}

/**
 * Whether a person with these roles may accept a relative's invitation; the reason if not. A
 * citizen's login shows only their own pages. A professional's (or administrator's) account is
 * the organisation's: the citizen invites a private person, and a professional who also held a
 * relative's delegation could read a citizen's pages outside any assignment and its log rules.
 */
export function mayBecomeRelative(roles: readonly Role[]): 'citizen' | 'professional' | null {
	if (roles.includes('citizen')) return 'citizen';
	if (roles.some((r) => isProfessionalRole(r) || r === 'admin')) return 'professional';
	return null;
}

/** The supporter the citizen has named and not removed, if this person is one. */
async function namedSupporter(db: Db, personId: string, citizenId: string) {
	const [row] = await db
		.select({ id: consentSupporters.id })
		.from(consentSupporters)
		.where(
			and(
				eq(consentSupporters.supporterId, personId),
				eq(consentSupporters.citizenId, citizenId),
				isNull(consentSupporters.revokedAt)
			)
		)
		.limit(1);
	return row;
}

/**
 * "See what my relative sees": one of the citizen's own delegations and the relative behind it.
 * Null unless the actor is that citizen. The relative's current delegation is the one the policy
 * uses for them (as for their own requests), so the view is exactly theirs.
 */
export async function previewOf(db: Db, actor: SessionUser | null, delegationId: string, now = new Date()) {
	if (!actor || !actor.roles.includes('citizen') || !isUuid(delegationId)) return null;
	const [chosen] = await db
		.select({ delegation: relativeDelegations, name: people.displayName, givenName: people.givenName })
		.from(relativeDelegations)
		.leftJoin(people, eq(people.id, relativeDelegations.relativeId))
		.where(and(eq(relativeDelegations.id, delegationId), eq(relativeDelegations.citizenId, actor.id)))
		.limit(1);
	if (!chosen) return null;
	const current = chosen.delegation.relativeId
		? ((await delegationFor(db, chosen.delegation.relativeId, actor.id, now)) ?? chosen.delegation)
		: chosen.delegation;
	return {
		delegationId: chosen.delegation.id,
		label: chosen.delegation.label,
		relativeName: chosen.name,
		relativeGivenName: chosen.givenName,
		delegation: current
	};
}

/**
 * The relation a relative would have, for the citizen looking "as" them: the same decision as for
 * the relative's own request, and never more (relatives never write).
 */
async function previewGrant<R extends Resource, A extends Action>(
	db: Db,
	actor: SessionUser | null,
	citizenId: string,
	delegationId: string,
	resource: R,
	action: A,
	now: Date
): Promise<Grant<R, A>> {
	if (!actor) throw new AccessDenied('not_logged_in');
	if (!loaAtLeast(actor.loa, 'substantial')) throw new AccessDenied('assurance_too_low');
	if (actor.id !== citizenId) throw new AccessDenied('not_allowed');
	const preview = await previewOf(db, actor, delegationId, now);
	if (!preview) throw new AccessDenied('no_relation');
	const relation = relativeRelation(preview.delegation, resource, action, now);
	const relativeId = preview.delegation.relativeId;
	// An active delegation always has a relative who accepted it; anything else was refused above.
	if (!relativeId) throw new AccessDenied('delegation_pending');
	const viewer: SessionUser = {
		id: relativeId,
		displayName: preview.relativeName ?? preview.label,
		givenName: preview.relativeGivenName ?? preview.label,
		roles: ['relative'],
		loa: actor.loa
	};
	// relativeRelation() refused anything but a relative's read of a resource in their scopes.
	const relativeOnly = relation as RelationFor<R, A>;
	return {
		citizenId,
		actor: viewer,
		relation: relativeOnly,
		resource,
		action,
		preview: { citizen: actor, delegationId }
	};
}

function actorRoleFor(actor: SessionUser, relation: Relation): Role {
	if (relation.kind === 'professional') return relation.role;
	if (relation.kind === 'relative') return 'relative';
	if (relation.kind === 'supporter') return actor.roles.find((r) => r !== 'citizen') ?? 'relative';
	return 'citizen';
}

/**
 * One item of a resource whose relation alone does not settle it (a diary page: a professional sees
 * only those the citizen shared with them). `visible` answers for this grant; the policy then logs
 * the read of that item, or the refused attempt, and refuses.
 */
interface Item<R extends Resource = Resource, A extends Action = Action> {
	id: string;
	visible: (grant: Grant<R, A>, db: Db) => Promise<boolean>;
}

export interface AuthorizeOptions<R extends Resource = Resource, A extends Action = Action> {
	resourceId?: string;
	now?: Date;
	viewAs?: string;
	detail?: AccessDetail;
	item?: Item<R, A>;
}

/**
 * Decides and records: returns a Grant, or throws AccessDenied.
 * Anyone other than the citizen leaves a row in the access log, in the same call (with `detail`
 * saying what was done where the resource kind alone does not). The citizen's own reads and
 * writes leave none: the log answers "who other than me has seen or changed my information".
 * With an `item`, the row names it, and an item the person may not see is logged as a refused
 * attempt (never as a read) before the refusal.
 */
export async function authorize<R extends Resource, A extends Action>(
	db: Db,
	actor: SessionUser | null,
	citizenId: string,
	resource: R,
	action: A,
	options: AuthorizeOptions<R, A> = {}
): Promise<Grant<R, A>> {
	const now = options.now ?? new Date();
	const { item } = options;
	// The citizen looking at their pages as a relative sees them: no access-log row (it is their own data).
	if (options.viewAs) {
		const preview = await previewGrant(db, actor, citizenId, options.viewAs, resource, action, now);
		if (item && !(await item.visible(preview, db))) throw new AccessDenied('not_shared');
		return preview;
	}
	const relation = await relationTo(db, actor, citizenId, resource, action, now);
	// relationTo() decides by the tables RelationFor<R, A> is read from: the relation fits the type.
	const grant: Grant<R, A> = { citizenId, actor: actor!, relation: relation as RelationFor<R, A>, resource, action };
	const refused = item && relation.kind !== 'self' ? !(await item.visible(grant, db)) : false;
	if (relation.kind !== 'self') {
		await db.insert(accessLog).values({
			citizenId,
			actorId: grant.actor.id,
			actorRole: actorRoleFor(grant.actor, relation),
			action,
			resource,
			resourceId: item?.id ?? options.resourceId ?? null,
			detail: options.detail ?? null,
			delegationId: relation.kind === 'relative' ? relation.delegationId : null,
			outcome: refused ? 'refused' : 'done',
			at: now
		});
	}
	if (refused) throw new AccessDenied('not_shared');
	return grant;
}

/**
 * Which of the citizen's meetings a meetings grant shows. The citizen and the professionals see
 * every meeting. A relative sees those the citizen has not hidden from relatives, and any meeting
 * they are invited to themselves: returned as the relative's id, for the meeting reads to filter
 * by (`hiddenFromRelatives = false or the relative takes part`); null means every meeting.
 */
export function meetingsLimitedTo(grant: Grant<'meetings' | 'video' | 'together'>): string | null {
	return grant.relation.kind === 'relative' ? grant.actor.id : null;
}

/** Whether a relative has a delegation in force from the citizen with the given scope (no logging). */
export async function relativeHasScope(
	db: Db,
	relativeId: string,
	citizenId: string,
	scope: DelegationScope,
	now = new Date()
): Promise<boolean> {
	const delegation = await delegationFor(db, relativeId, citizenId, now);
	return Boolean(delegation && delegationState(delegation, now) === 'active' && delegation.scopes.includes(scope));
}

/** Whether the actor may read a resource, without logging: used to decide what to show in menus. */
export async function canRead(
	db: Db,
	actor: SessionUser | null,
	citizenId: string,
	resource: Resource,
	now = new Date()
) {
	try {
		await relationTo(db, actor, citizenId, resource, 'read', now);
		return true;
	} catch (error) {
		if (error instanceof AccessDenied) return false;
		throw error;
	}
}

/** The citizens a professional is assigned to now (their caseload). Staff see no one else. */
export async function caseloadOf(db: Db, professional: SessionUser, now = new Date()): Promise<string[]> {
	requireProfessional(professional);
	const rows = await caseloadQuery(db, professional.id, copenhagenDate(now));
	return rows.map((r) => r.citizenId);
}

/** Only a professional has a caseload: anyone else is refused. */
export function requireProfessional(person: SessionUser): void {
	if (!person.roles.some(isProfessionalRole)) throw new AccessDenied('not_allowed');
}

/**
 * caseloadOf as a read, for a subquery of the caseload page's one statement: the id and the day
 * may be placeholders. The caller checks requireProfessional first, as caseloadOf does.
 */
export function caseloadQuery(db: Db, professionalId: string | SQLWrapper, today: string | SQLWrapper) {
	return db
		.selectDistinct({ citizenId: careAssignments.citizenId })
		.from(careAssignments)
		.where(
			and(
				eq(careAssignments.professionalId, professionalId),
				lte(careAssignments.startsOn, today),
				or(isNull(careAssignments.endsOn), gte(careAssignments.endsOn, today))
			)
		);
}

/** The citizens who have named this person as a supporter for their consent questions. */
export async function supportedCitizensOf(db: Db, actor: SessionUser): Promise<string[]> {
	const rows = await db
		.selectDistinct({ citizenId: consentSupporters.citizenId })
		.from(consentSupporters)
		.where(and(eq(consentSupporters.supporterId, actor.id), isNull(consentSupporters.revokedAt)));
	return rows.map((r) => r.citizenId);
}

export { isProfessionalRole };

/**
 * Running the service (not any citizen's data): the failed-jobs page and the organisation's video
 * hosts. Only administrators, logged
 * in at Substantial or higher. Returns a grant the operations services require, or throws.
 */
export type Operation =
	| 'jobs'
	/** The video hosts the administrator's own organisation trusts (the allow-list for join buttons). */
	| 'video_hosts';

/** Like Grant, typed by what it is for: `OperationsGrant<'jobs', 'write'>` retries a job. */
export interface OperationsGrant<O extends Operation = Operation, A extends Action = Action> {
	actor: SessionUser;
	operation: O;
	action: A;
}

export function authorizeOperations<O extends Operation, A extends Action>(
	actor: SessionUser | null,
	operation: O,
	action: A
): OperationsGrant<O, A> {
	if (!actor) throw new AccessDenied('not_logged_in');
	if (!loaAtLeast(actor.loa, 'substantial')) throw new AccessDenied('assurance_too_low');
	if (!actor.roles.includes('admin')) throw new AccessDenied('not_allowed');
	return { actor, operation, action };
}

/**
 * The organisations whose settings an operations grant may change: those the administrator holds
 * the admin role for. An administrator of one organisation never changes another's.
 */
export async function organisationsAdministered(db: Db, grant: OperationsGrant): Promise<string[]> {
	const rows = await db
		.select({ organisationId: personRoles.organisationId })
		.from(personRoles)
		.where(and(eq(personRoles.personId, grant.actor.id), eq(personRoles.role, 'admin')));
	return rows.map((r) => r.organisationId).filter((id): id is string => id !== null);
}
