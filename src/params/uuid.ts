import type { ParamMatcher } from '@sveltejs/kit';
import { UUID_RE } from '$lib/uuid';

/**
 * `[xxxId=uuid]`: a route with an id matches only a well-formed id, so a malformed one (too long,
 * control characters, `..%2f`) is a plain 404 before any load, action or query runs.
 */
export const match = ((param: string): param is string => UUID_RE.test(param)) satisfies ParamMatcher;
