import { describe, expect, it } from 'vitest';
import { expectedEnd } from '$lib/programmes';
import { courseSnapshot, courseValues } from './snapshots.server';

const course = (endsOn: string | null) =>
	({
		id: '00000000-0000-4000-8000-000000000001',
		citizenId: '00000000-0000-4000-8000-000000000002',
		organisationId: '00000000-0000-4000-8000-000000000003',
		programme: 'jobrettet_rehabilitering',
		variant: '9_months',
		status: 'active',
		startsOn: '2026-09-01',
		endsOn,
		version: 3,
		createdAt: new Date(),
		updatedAt: new Date()
	}) as Parameters<typeof courseValues>[0];

describe('the course form', () => {
	it('leaves the template’s own end empty, so it follows a new start date', () => {
		const fromTemplate = expectedEnd('jobrettet_rehabilitering', '9_months', '2026-09-01');
		expect(fromTemplate).toBe('2027-06-01');
		expect(courseValues(course(fromTemplate)).endsOn).toBe('');
		// What someone else saved is shown as it is.
		expect(courseSnapshot(course(fromTemplate)).endsOn).toBe('2027-06-01');
	});

	it('keeps an end date typed on purpose, and no end as no end', () => {
		expect(courseValues(course('2027-03-15')).endsOn).toBe('2027-03-15');
		expect(courseValues(course(null)).endsOn).toBe('');
	});
});
