import type { Role } from '../../domain';

/**
 * The fictitious demo people. The development identity provider offers exactly these,
 * and the seed links each `subject` to a person, so the demo logs in through the same
 * OpenID Connect flow as production. Names and numbers are invented.
 */
export interface DemoPerson {
	/** Stable OIDC `sub` at the development identity provider. */
	subject: string;
	displayName: string;
	givenName: string;
	role: Role;
	/** One line shown on the development login page, in Danish. */
	description: string;
	/**
	 * The identity provider knows this person, but the app does not: the seed makes no person or
	 * login for them. Used to try the relative's invitation with a real login.
	 */
	unlinked?: boolean;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
	{
		subject: 'demo-sara',
		displayName: 'Sara Nielsen',
		givenName: 'Sara',
		role: 'citizen',
		description: 'Borger i et mestringsforløb'
	},
	{
		subject: 'demo-ali',
		displayName: 'Ali Hassan',
		givenName: 'Ali',
		role: 'citizen',
		description: 'Borger i jobrettet rehabilitering (9 måneder)'
	},
	{
		subject: 'demo-mette',
		displayName: 'Mette Kristensen',
		givenName: 'Mette',
		role: 'citizen',
		description: 'Borger med mestringsvejledning (§85)'
	},
	{
		subject: 'demo-jonas',
		displayName: 'Jonas Madsen',
		givenName: 'Jonas',
		role: 'citizen',
		description: 'Borger i ressourceforløb med mentor'
	},
	{
		subject: 'demo-fatima',
		displayName: 'Fatima Yilmaz',
		givenName: 'Fatima',
		role: 'citizen',
		description: 'Borger i På vej til arbejde'
	},
	{
		subject: 'demo-jens',
		displayName: 'Jens Nielsen',
		givenName: 'Jens',
		role: 'relative',
		description: 'Pårørende: Saras far, har adgang til plan og møder'
	},
	{
		subject: 'demo-lone',
		displayName: 'Lone Berg',
		givenName: 'Lone',
		role: 'mentor',
		description: 'Mentor for Jonas og Sara'
	},
	{
		subject: 'demo-peter',
		displayName: 'Peter Holm',
		givenName: 'Peter',
		role: 'caseworker',
		description: 'Koordinerende sagsbehandler i jobcentret'
	},
	{
		subject: 'demo-anne',
		displayName: 'Anne Lund',
		givenName: 'Anne',
		role: 'contact_person',
		description: 'Kontaktperson på CBR for Ali'
	},
	{
		subject: 'demo-karim',
		displayName: 'Karim Said',
		givenName: 'Karim',
		role: 'job_consultant',
		description: 'Jobkonsulent for Ali og Fatima'
	},
	{
		subject: 'demo-birgitte',
		displayName: 'Birgitte Sørensen',
		givenName: 'Birgitte',
		role: 'support_worker',
		description: 'Mestringsvejleder for Mette (også video)'
	},
	{
		subject: 'demo-henrik',
		displayName: 'Henrik Dahl',
		givenName: 'Henrik',
		role: 'resource_consultant',
		description: 'Ressourcekonsulent for Fatima'
	},
	{
		subject: 'demo-nina',
		displayName: 'Nina Friis',
		givenName: 'Nina',
		role: 'mentor',
		description: 'Mentor uden borgere tildelt (til adgangstest)'
	},
	{
		subject: 'demo-karen',
		displayName: 'Karen Madsen',
		givenName: 'Karen',
		role: 'relative',
		description: 'Pårørende uden adgang endnu (til invitationen)',
		unlinked: true
	},
	{
		subject: 'demo-admin',
		displayName: 'Admin Andersen',
		givenName: 'Admin',
		role: 'admin',
		description: 'Administrator i kommunen'
	}
];

/** The demo people the seed creates, with a login each (everyone but the unlinked ones). */
export const SEEDED_DEMO_PEOPLE: readonly DemoPerson[] = DEMO_PEOPLE.filter((person) => !person.unlinked);

/** The issuer the seed links demo subjects to when no OIDC_ISSUER is configured. */
export const DEFAULT_DEV_ISSUER = 'http://127.0.0.1:5174';
