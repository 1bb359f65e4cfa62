import { DELEGATION_SCOPES, type ConsentPurpose, type DelegationScope, type ProfessionalRole } from '../domain';

/**
 * The consents the programmes ask for, each with the text the citizen reads (a key in
 * locales/<lng>/consent.json, with an easy-read variant) and the version of that text.
 * Changing a text means a new version: the citizen's earlier consent keeps the exact text
 * they saw (consents.text_shown), and a test pins each version's Danish text.
 */
export interface ConsentDefinition {
	purpose: ConsentPurpose;
	textKey: `consent.${ConsentPurpose}`;
	version: number;
	/** The role that tells (null: nobody in particular, e.g. a relative joining meetings). */
	from: ProfessionalRole | null;
	/** The role, or a relative, who may receive the information or take part. */
	to: ProfessionalRole | 'relative';
}

export const CONSENT_CATALOGUE: readonly ConsentDefinition[] = [
	{
		purpose: 'share_health_info_caseworker_mentor',
		textKey: 'consent.share_health_info_caseworker_mentor',
		version: 1,
		from: 'caseworker',
		to: 'mentor'
	},
	{
		purpose: 'share_with_job_consultant',
		textKey: 'consent.share_with_job_consultant',
		version: 1,
		from: 'caseworker',
		to: 'job_consultant'
	},
	{
		purpose: 'relative_joins_network_meetings',
		textKey: 'consent.relative_joins_network_meetings',
		version: 1,
		from: null,
		to: 'relative'
	}
];

export function consentDefinition(purpose: string): ConsentDefinition | undefined {
	return CONSENT_CATALOGUE.find((d) => d.purpose === purpose);
}

/** The key of the text actually shown: the easy-read variant in easy-read mode. */
export function shownTextKey(definition: ConsentDefinition, reading: 'standard' | 'easy'): string {
	return reading === 'easy' ? `${definition.textKey}_easy` : definition.textKey;
}

/** How long a relative's access lasts, in months; 12 unless the citizen chooses otherwise. */
export const DELEGATION_MONTHS = [3, 6, 12, 24] as const;
export const DEFAULT_DELEGATION_MONTHS = 12;
/** A consent with an end date is renewed by this many months from the day it is renewed. */
export const CONSENT_RENEW_MONTHS = 12;
/** A consent or a relative's access that ends within this many days is shown with "renew" and "let it end". */
export const EXPIRY_NOTICE_DAYS = 30;
/** An invitation code works for this many days. */
export const INVITATION_DAYS = 7;

/** The scopes in the order the pages show them. */
export const SCOPES: readonly DelegationScope[] = DELEGATION_SCOPES;
