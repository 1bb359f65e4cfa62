import { describe, expectTypeOf, it } from 'vitest';
import type { Grant, OperationsGrant, RelationFor } from '../../src/lib/server/policy';
import type { guard } from '../../src/lib/server/policy/guard';
import type { suggestSubgoal } from '../../src/lib/server/plan/citizen-actions';
import type { planOverview } from '../../src/lib/server/plan/service';
import type { replyToMeeting, meetingDetail } from '../../src/lib/server/meetings/service';
import type { giveConsent } from '../../src/lib/server/consent/service';
import type { addVideoHost } from '../../src/lib/server/organisations/video-hosts';
import type { retryFailedJob } from '../../src/lib/server/jobs/failed';

/**
 * The services no longer re-check at run time which grant they were given: the types do it.
 * These assertions are checked by the compiler (svelte-check / tsc over tests/), where a wrong
 * grant is an error; at run time they do nothing. `@ts-expect-error` fails the check if the
 * wrong grant were ever accepted again.
 */

declare const g: typeof guard;
declare const event: Parameters<typeof guard.citizen>[0];

describe('a service says in its signature which grant it needs', () => {
	it('refuses a read grant for a write, and another resource', () => {
		expectTypeOf<Grant<'plan', 'write'>>().toExtend<Parameters<typeof suggestSubgoal>[1]>();
		expectTypeOf<Grant<'plan', 'read'>>().not.toExtend<Parameters<typeof suggestSubgoal>[1]>();
		expectTypeOf<Grant<'meetings', 'write'>>().not.toExtend<Parameters<typeof suggestSubgoal>[1]>();
		expectTypeOf<Grant>().not.toExtend<Parameters<typeof suggestSubgoal>[1]>();
		expectTypeOf<Grant<'meetings', 'read'>>().not.toExtend<Parameters<typeof replyToMeeting>[1]>();
		expectTypeOf<OperationsGrant<'video_hosts', 'read'>>().not.toExtend<Parameters<typeof addVideoHost>[1]>();
		expectTypeOf<OperationsGrant<'jobs', 'read'>>().not.toExtend<Parameters<typeof retryFailedJob>[0]>();
		expectTypeOf<OperationsGrant<'video_hosts', 'write'>>().not.toExtend<Parameters<typeof retryFailedJob>[0]>();
	});

	it('lets a write grant read (a page opened with the grant it posts with)', () => {
		expectTypeOf<Grant<'plan', 'write'>>().toExtend<Parameters<typeof planOverview>[1]>();
		expectTypeOf<Grant<'meetings', 'write'>>().toExtend<Parameters<typeof meetingDetail>[1]>();
		expectTypeOf<Grant<'plan', 'read'>>().not.toExtend<Parameters<typeof meetingDetail>[1]>();
	});

	it('knows from the policy tables who can hold a grant', () => {
		// Only the citizen holds a consents grant, or writes their diary; relatives only read.
		expectTypeOf<RelationFor<'consents', 'write'>>().toEqualTypeOf<{ kind: 'self' }>();
		expectTypeOf<RelationFor<'diary', 'write'>>().toEqualTypeOf<{ kind: 'self' }>();
		expectTypeOf<RelationFor<'meetings', 'write'>['kind']>().toEqualTypeOf<'self' | 'professional'>();
		expectTypeOf<RelationFor<'meetings', 'read'>['kind']>().toEqualTypeOf<'self' | 'professional' | 'relative'>();
		expectTypeOf<RelationFor<'consent_questions', 'read'>['kind']>().toEqualTypeOf<'self' | 'supporter'>();
		expectTypeOf<Grant<'plan', 'write'>>().not.toExtend<Parameters<typeof giveConsent>[1]>();
	});

	it('the guard gives the grant that was asked for', () => {
		// Never called: only the types of the answers are looked at.
		const _asked = () => g.citizen(event, 'meetings', 'write', { resourceId: 'x' });
		expectTypeOf<Awaited<ReturnType<typeof _asked>>['grant']>().toEqualTypeOf<Grant<'meetings', 'write'>>();
		const _section = () => g.citizen(event, 'plan', 'read', { ifAllowed: true });
		expectTypeOf<Awaited<ReturnType<typeof _section>>>().toEqualTypeOf<{
			grant: Grant<'plan', 'read'>;
			db: Awaited<ReturnType<typeof _asked>>['db'];
		} | null>();
		const _own = () => g.ownData(event, 'diary', 'read');
		expectTypeOf<Awaited<ReturnType<typeof _own>>['grant']>().toEqualTypeOf<Grant<'diary', 'read'>>();
	});
});
