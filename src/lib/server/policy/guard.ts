import { error, isHttpError, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { getDb, type Db } from '../db';
import type { SessionUser } from '../auth/session';
import { readViewAsCookie } from '../relatives/view-as-cookie';
import { safeReturnTo } from '../return-to';
import {
	AccessDenied,
	authorize,
	authorizeOperations,
	isProfessionalRole,
	type Action,
	type AuthorizeOptions,
	type Grant,
	type Item,
	type Operation,
	type OperationsGrant,
	type Resource
} from './index';
import { isUuid } from '../../uuid';

/**
 * The route-facing side of the policy. Every load, action and endpoint starts with one of
 * these calls (a test reads every route file and fails if a handler does not). They turn a
 * policy refusal into a kind page: a login for nobody, 403 with a reason for anyone else.
 */

type Event = Pick<RequestEvent, 'locals' | 'url'> & { cookies?: Pick<Cookies, 'get'> };

function toLogin(url: URL): never {
	// Back to the page after login, not to a form action (`?/save`): a draft waits there (draft-keeper).
	const query = new URLSearchParams([...url.searchParams].filter(([name]) => !name.startsWith('/')));
	const search = query.size ? `?${query}` : '';
	// The same check as at the other end: an address the login would refuse is not carried along.
	const returnTo = safeReturnTo(url.pathname + search, url.origin);
	redirect(303, `/login?returnTo=${encodeURIComponent(returnTo)}`);
}

function refuse(denied: AccessDenied, url: URL): never {
	if (denied.status === 401) toLogin(url);
	error(403, { message: `errors.forbidden.${denied.reason}`, code: denied.reason });
}

/** A handler that anyone may call, logged in or not (login page, health check). */
function publicAccess(): { db: Db } {
	return { db: getDb() };
}

/** Any logged-in person; no citizen data is touched by the handler itself. */
function user(event: Event): { user: SessionUser; db: Db } {
	if (!event.locals.user) toLogin(event.url);
	return { user: event.locals.user, db: getDb() };
}

/** The same for JSON endpoints: 401, never a redirect to an HTML page. */
function apiUser(event: Event): { user: SessionUser; db: Db } {
	if (!event.locals.user) error(401, { message: 'errors.not_logged_in', code: 'not_logged_in' });
	return { user: event.locals.user, db: getDb() };
}

/** A professional working with their own caseload or a citizen's data by id. */
function staff(event: Event): { user: SessionUser; db: Db } {
	const { user: actor, db } = user(event);
	if (!actor.roles.some(isProfessionalRole))
		error(403, { message: 'errors.forbidden.not_allowed', code: 'not_allowed' });
	return { user: actor, db };
}

/**
 * Whose pages the person is looking at: their own as a citizen, or the citizen a relative
 * has chosen. Null when a relative has not chosen yet.
 */
function subjectCitizenId(event: Event): string | null {
	const actor = event.locals.user;
	if (!actor) return null;
	if (actor.roles.includes('citizen')) return actor.id;
	return event.locals.session?.actingForCitizenId ?? null;
}

/**
 * The delegation a citizen is looking through ("see what Jens sees"), or null. Only a citizen's
 * own session can have one; the policy checks the delegation is theirs on every request.
 */
function viewingAs(event: Event): string | null {
	const actor = event.locals.user;
	if (!actor?.roles.includes('citizen')) return null;
	return readViewAsCookie(event.cookies, event.locals.session?.id);
}

/** Reads or writes the data of the citizen whose pages these are, through the policy. */
async function citizenData(
	event: Event,
	resource: Resource,
	action: Action,
	resourceId?: string
): Promise<{ grant: Grant; db: Db }> {
	const { user: actor, db } = user(event);
	const citizenId = subjectCitizenId(event);
	if (!citizenId) {
		if (actor.roles.includes('relative')) redirect(303, '/relative');
		if (actor.roles.some(isProfessionalRole)) redirect(303, '/staff');
		error(403, { message: 'errors.forbidden.no_relation', code: 'no_relation' });
	}
	const viewAs = viewingAs(event) ?? undefined;
	return { grant: await decide(db, actor, citizenId, resource, action, event.url, { resourceId, viewAs }), db };
}

/**
 * The citizen's own data only (editing one's own diary page, one's own display choices). Anyone else,
 * also the citizen looking as a relative, is refused before the policy is asked: a relative who
 * opens such a page has read nothing, and their visit must not stand in the citizen's log as a read.
 */
async function ownData(event: Event, resource: Resource, action: Action): Promise<{ grant: Grant; db: Db }> {
	const { user: actor } = user(event);
	const subject = subjectCitizenId(event);
	// No subject yet (a relative who has not chosen, a professional): citizenData sends them on.
	if (subject && (subject !== actor.id || viewingAs(event)))
		error(403, { message: 'errors.forbidden.not_allowed', code: 'not_allowed' });
	return citizenData(event, resource, action);
}

/**
 * Like citizenData, for a page section that is simply left out when the person may not see it
 * (a relative without the meetings scope sees the home page without the next meeting).
 */
async function citizenDataIfAllowed(event: Event, resource: Resource): Promise<{ grant: Grant; db: Db } | null> {
	try {
		return await citizenData(event, resource, 'read');
	} catch (cause) {
		if (isHttpError(cause) && cause.status === 403) return null;
		throw cause;
	}
}

/**
 * A professional reads or writes a named citizen's data (staff area); the id comes from the URL.
 * `what` names what the page reads where the kind alone does not: one meeting (`resourceId`), a
 * detail, or one item the policy checks and logs as read or as a refused attempt (`item`).
 */
async function citizenById(
	event: Event,
	citizenId: string | undefined,
	resource: Resource,
	action: Action,
	what: Pick<AuthorizeOptions, 'resourceId' | 'detail'> & { item?: Item } = {}
): Promise<{ grant: Grant; db: Db }> {
	const { user: actor, db } = staff(event);
	if (!citizenId || !isUuid(citizenId)) error(404, { message: 'errors.not_found', code: 'not_found' });
	if (what.item && !isUuid(what.item.id)) error(404, { message: 'errors.not_found', code: 'not_found' });
	return { grant: await decide(db, actor, citizenId, resource, action, event.url, what), db };
}

/** Running the service (the failed-jobs page): administrators only, through the policy. */
function operations(event: Event, operation: Operation, action: Action): { grant: OperationsGrant; db: Db } {
	try {
		return { grant: authorizeOperations(event.locals.user, operation, action), db: getDb() };
	} catch (cause) {
		if (cause instanceof AccessDenied) refuse(cause, event.url);
		throw cause;
	}
}

/**
 * Anyone logged in, about a citizen named by a record the handler has looked up and checked the
 * person belongs to (a together session): the policy decides from the person's relation.
 */
async function citizenFor(
	event: Event,
	citizenId: string,
	resource: Resource,
	action: Action,
	resourceId?: string
): Promise<{ grant: Grant; db: Db }> {
	const { user: actor, db } = user(event);
	return { grant: await decide(db, actor, citizenId, resource, action, event.url, { resourceId }), db };
}

/**
 * Anyone logged in asks for a named citizen's data by id (a supporter reading the consent
 * questions they help with); the policy decides and logs, as for everyone else.
 */
async function namedCitizen(
	event: Event,
	citizenId: string | undefined,
	resource: Resource,
	action: Action
): Promise<{ grant: Grant; db: Db }> {
	const { user: actor, db } = user(event);
	if (!citizenId || !isUuid(citizenId)) error(404, { message: 'errors.not_found', code: 'not_found' });
	return { grant: await decide(db, actor, citizenId, resource, action, event.url), db };
}

async function decide(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	resource: Resource,
	action: Action,
	url: URL,
	options: AuthorizeOptions = {}
) {
	try {
		return await authorize(db, actor, citizenId, resource, action, options);
	} catch (cause) {
		if (cause instanceof AccessDenied) refuse(cause, url);
		throw cause;
	}
}

export const guard = {
	public: publicAccess,
	user,
	apiUser,
	staff,
	citizenData,
	ownData,
	citizenDataIfAllowed,
	citizenById,
	operations,
	citizenFor,
	namedCitizen,
	subjectCitizenId,
	viewingAs
};
