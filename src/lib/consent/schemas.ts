import * as v from 'valibot';
import { CONSENT_PURPOSES, DELEGATION_SCOPES } from '../domain';
import { choice, text, uuid, version, typed } from '../validation';
import { DELEGATION_MONTHS } from './catalogue';

/** Form schemas for consents and relatives' access, used by the server actions. */

const LIMITS = { label: 60, message: 1000, code: 20 } as const;

export const giveConsentSchema = v.object({
	purpose: choice(CONSENT_PURPOSES),
	fromPartyId: v.optional(v.union([v.literal(''), uuid]), ''),
	toPartyId: uuid,
	textVersion: version
});

export const consentIdSchema = v.object({ consentId: uuid });

const months = v.pipe(
	v.optional(v.string(), '12'),
	v.picklist(
		DELEGATION_MONTHS.map((m) => String(m)),
		'validation.choice'
	),
	v.transform(Number)
);

/** Checkboxes named `scopes` arrive as several values; the action gathers them into a list. */
const scopes = v.pipe(
	v.array(choice(DELEGATION_SCOPES), 'validation.scopesNeeded'),
	v.minLength(1, 'validation.scopesNeeded'),
	v.transform((list) => [...new Set(list)])
);

export const inviteSchema = v.object({ label: text(LIMITS.label), scopes, months });

export const delegationIdSchema = v.object({ delegationId: uuid });
export const scopesSchema = v.object({ delegationId: uuid, scopes });
export const renewSchema = v.object({ delegationId: uuid, months });

/** A code as the relative types it: letters and digits, spaces and dashes allowed. */
export const invitationCodeSchema = v.object({
	code: v.pipe(
		typed(),
		v.trim(),
		v.nonEmpty('validation.required'),
		v.maxLength(LIMITS.code, 'validation.invitationCode'),
		v.regex(/^[A-Za-z0-9 -]+$/, 'validation.invitationCode')
	)
});

export const recordRequestSchema = v.object({
	message: v.pipe(
		v.optional(typed(), ''),
		v.trim(),
		v.maxLength(LIMITS.message, 'validation.tooLong'),
		v.check((s) => !/<\/?[a-z!][^>]*>/i.test(s), 'validation.noHtml'),
		v.transform((s) => (s === '' ? null : s))
	)
});

export const recordRequestStatusSchema = v.object({
	requestId: uuid,
	status: choice(['in_progress', 'answered'] as const)
});
