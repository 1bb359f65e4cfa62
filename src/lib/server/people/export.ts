import { asc, eq } from 'drizzle-orm';
import type { Patient } from '@medplum/fhirtypes';
import { careAssignments, people, personRoles, personSettings } from '../db/schema';
import { DomainError } from '../../errors';
import { exportSection } from '../export/section';
import { fhirEntry, present } from '../export/fhir-util';

/** The citizen: name, contact, roles and settings (whether there is a calendar feed, not its key). */
export const personSection = exportSection({
	async load({ db, citizenId }) {
		const [[person], roles, [settings]] = await Promise.all([
			db.select().from(people).where(eq(people.id, citizenId)),
			db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, citizenId)),
			db.select().from(personSettings).where(eq(personSettings.personId, citizenId))
		]);
		if (!person) throw new DomainError('not_found');
		return {
			mentions: [],
			json: () => ({
				person: {
					id: person.id,
					displayName: person.displayName,
					givenName: person.givenName,
					phone: person.phone,
					email: person.email,
					roles: [...new Set(roles.map((r) => r.role))],
					createdAt: person.createdAt.toISOString(),
					settings: settings
						? {
								language: settings.language,
								readingMode: settings.readingMode,
								textSize: settings.textSize,
								highContrast: settings.highContrast,
								reducedMotion: settings.reducedMotion,
								wideSpacing: settings.wideSpacing,
								reminderMinutes: settings.reminderMinutes,
								hasCalendarFeed: Boolean(settings.calendarTokenHash)
							}
						: null
				}
			})
		};
	},
	fhir: ({ person }) => [
		fhirEntry<Patient>(person.id, {
			resourceType: 'Patient',
			active: true,
			name: [{ text: person.displayName, given: [person.givenName] }],
			telecom: present([
				person.phone ? { system: 'phone', value: person.phone } : null,
				person.email ? { system: 'email', value: person.email } : null
			]),
			communication: person.settings
				? [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: person.settings.language }] } }]
				: []
		})
	]
});

/** The professionals around the citizen, by name and role. */
export const careTeamSection = exportSection({
	async load({ db, citizenId }) {
		const team = await db
			.select()
			.from(careAssignments)
			.where(eq(careAssignments.citizenId, citizenId))
			.orderBy(asc(careAssignments.startsOn));
		return {
			mentions: team.map((t) => t.professionalId),
			json: (nameOf) => ({
				careTeam: team.map((t) => ({
					name: nameOf(t.professionalId),
					role: t.role,
					startsOn: t.startsOn,
					endsOn: t.endsOn
				}))
			})
		};
	}
});
