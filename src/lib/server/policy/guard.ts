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
	type Operation,
	type OperationsGrant,
	type Resource
} from './index';
import { isUuid } from '../../uuid';
import { mediaAccess, type MediaGrant } from './media';

/**
 * The route-facing side of the policy. Every load, action and endpoint starts with one of
 * these calls (a test reads every route file and fails if a handler does not). They turn a
 * policy refusal into a kind page: a login for nobody, 403 with a reason for anyone else.
 */

type Event = Pick<RequestEvent, 'locals' | 'url'> & { cookies?: Pick<Cookies, 'get'> };

/** A JSON endpoint (under /api/) is refused with 401, never sent to an HTML login page. */
const isApi = (url: URL) => url.pathname.startsWith('/api/');

function toLogin(url: URL): never {
	if (isApi(url)) error(401, { message: 'errors.not_logged_in', code: 'not_logged_in' });
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

/**
 * Any logged-in person; no citizen data is touched by the handler itself. Nobody logged in is sent
 * to the login page, or, on a JSON endpoint (under /api/), answered 401.
 */
function user(event: Event): { user: SessionUser; db: Db } {
	if (!event.locals.user) toLogin(event.url);
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
function subjectOf(event: Event): string | null {
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

type CitizenAccess<R extends Resource, A extends Action> = { grant: Grant<R, A>; db: Db };

interface CitizenOptions<R extends Resource = Resource, A extends Action = Action> extends Pick<
	AuthorizeOptions<R, A>,
	'resourceId' | 'detail' | 'item'
> {
	/**
	 * The citizen named by the address or by a record the handler has looked up (a together
	 * session): not a UUID, or missing, is a 404. Without it: whose pages these are (the citizen's
	 * own, or the one a relative has chosen; a citizen "seeing what Jens sees" gets Jens's grant).
	 */
	citizenId?: string;
	/** The staff area: only professionals, refused before the policy is asked. */
	staff?: boolean;
	/** A page section left out when the person may not see it: null instead of the 403 page. */
	ifAllowed?: boolean;
}

/**
 * Reads or writes a citizen's data, through the policy (which logs). The grant's type is what was
 * asked for (`citizen(event, 'meetings', 'write')` gives a `Grant<'meetings', 'write'>`), so a
 * service that needs a meetings write takes nothing else.
 */
async function citizen<R extends Resource, A extends Action>(
	event: Event,
	resource: R,
	action: A,
	options?: CitizenOptions<R, A> & { ifAllowed?: false }
): Promise<CitizenAccess<R, A>>;
async function citizen<R extends Resource, A extends Action>(
	event: Event,
	resource: R,
	action: A,
	options: CitizenOptions<R, A> & { ifAllowed: true }
): Promise<CitizenAccess<R, A> | null>;
async function citizen<R extends Resource, A extends Action>(
	event: Event,
	resource: R,
	action: A,
	options: CitizenOptions<R, A> = {}
): Promise<CitizenAccess<R, A> | null> {
	const { citizenId: named, staff: staffOnly, ifAllowed, ...what } = options;
	try {
		const { user: actor, db } = staffOnly ? staff(event) : user(event);
		if ('citizenId' in options) {
			if (!named || !isUuid(named) || (what.item && !isUuid(what.item.id)))
				error(404, { message: 'errors.not_found', code: 'not_found' });
			return { grant: await decide(db, actor, named, resource, action, event.url, what), db };
		}
		const citizenId = subjectOf(event);
		if (!citizenId) {
			if (actor.roles.includes('relative')) redirect(303, '/som-paaroerende');
			if (actor.roles.some(isProfessionalRole)) redirect(303, '/staff');
			error(403, { message: 'errors.forbidden.no_relation', code: 'no_relation' });
		}
		const viewAs = viewingAs(event) ?? undefined;
		return { grant: await decide(db, actor, citizenId, resource, action, event.url, { ...what, viewAs }), db };
	} catch (cause) {
		if (ifAllowed && isHttpError(cause) && cause.status === 403) return null;
		throw cause;
	}
}

/**
 * The citizen's own data only (editing one's own diary page, one's own display choices). Anyone else,
 * also the citizen looking as a relative, is refused before the policy is asked: a relative who
 * opens such a page has read nothing, and their visit must not stand in the citizen's log as a read.
 */
async function ownData<R extends Resource, A extends Action>(
	event: Event,
	resource: R,
	action: A
): Promise<CitizenAccess<R, A>> {
	const { user: actor } = user(event);
	const subject = subjectOf(event);
	// No subject yet (a relative who has not chosen, a professional): citizen() sends them on.
	if (subject && (subject !== actor.id || viewingAs(event)))
		error(403, { message: 'errors.forbidden.not_allowed', code: 'not_allowed' });
	return citizen(event, resource, action);
}

/**
 * A photo or recording by its id: the policy decides by the row it belongs to (policy/media.ts),
 * and logs the read. Unknown, or not this person's to see: the same 404, so a guessed or old
 * address tells nobody that it exists. Nobody logged in is sent to the login page.
 */
async function media(event: Event, mediaId: string): Promise<MediaGrant & { db: Db }> {
	const { user: actor, db } = user(event);
	if (!isUuid(mediaId)) error(404, { message: 'errors.not_found', code: 'not_found' });
	try {
		return { ...(await mediaAccess(db, actor, mediaId)), db };
	} catch (cause) {
		if (cause instanceof AccessDenied) error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}

/** Running the service (the failed-jobs page): administrators only, through the policy. */
function operations<O extends Operation, A extends Action>(
	event: Event,
	operation: O,
	action: A
): { grant: OperationsGrant<O, A>; db: Db } {
	try {
		return { grant: authorizeOperations(event.locals.user, operation, action), db: getDb() };
	} catch (cause) {
		if (cause instanceof AccessDenied) refuse(cause, event.url);
		throw cause;
	}
}

async function decide<R extends Resource, A extends Action>(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	resource: R,
	action: A,
	url: URL,
	options: AuthorizeOptions<R, A> = {}
) {
	try {
		return await authorize(db, actor, citizenId, resource, action, options);
	} catch (cause) {
		if (cause instanceof AccessDenied) refuse(cause, url);
		throw cause;
	}
}

/**
 * The ways in, one per kind of handler: `public`, `user` (any logged-in person; on /api/ a 401),
 * `staff` (professionals), `citizen` (a citizen's data: whose pages these are, or one named by
 * `citizenId`), `ownData` (only one's own), `media` (a photo or recording, by the row it belongs
 * to) and `operations` (running the service). Two readers
 * that decide nothing sit with `citizen`: whose pages these are, and whom a citizen views as.
 */
export const guard = {
	public: publicAccess,
	user,
	staff,
	citizen: Object.assign(citizen, { subject: subjectOf, viewingAs }),
	ownData,
	media,
	operations
};
