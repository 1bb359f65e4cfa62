import * as v from 'valibot';
import { CONSENT_PURPOSES } from '../domain';
import { choice, optionalText, uuid, typed } from '../validation';

/**
 * Form schemas for supported consent: "I want to talk about it first", naming a supporter, and
 * renewing or letting a consent or a relative's access end. Messages are i18n keys (validation.*).
 */

export const SUPPORT_LIMITS = { name: 80, phone: 20 } as const;

/** What a talk is about: a consent purpose, a relative's delegation, or inviting a new relative. */
export const NEW_RELATIVE = 'new' as const;

export const talkSchema = v.variant(
	'kind',
	[
		v.object({ kind: v.literal('talk_about_consent'), subject: choice(CONSENT_PURPOSES) }),
		v.object({
			kind: v.literal('talk_about_delegation'),
			subject: v.union([v.literal(NEW_RELATIVE), uuid], 'validation.unknown')
		})
	],
	'validation.unknown'
);

const optionalPhone = v.pipe(
	v.optional(typed(), ''),
	v.trim(),
	v.check((s) => s === '' || /^\+?\d[\d -]{5,19}$/.test(s), 'validation.phone'),
	v.transform((s) => (s === '' ? null : s))
);

/**
 * A supporter: one of the citizen's relatives (by their access), or a bisidder by name and phone.
 * A name is needed when no relative is chosen.
 */
export const supporterSchema = v.pipe(
	v.object({
		relative: v.pipe(
			v.optional(typed(), ''),
			v.union([v.literal(''), uuid], 'validation.unknown'),
			v.transform((s) => (s === '' ? null : s))
		),
		name: optionalText(SUPPORT_LIMITS.name),
		phone: optionalPhone
	}),
	v.forward(
		v.check((input) => Boolean(input.relative || input.name), 'validation.required'),
		['name']
	)
);

export const supporterIdSchema = v.object({ supporterId: uuid });

/** Renew or let it end: a consent or a relative's access, by id. */
export const expirySchema = v.object({
	target: choice(['consent', 'relative'] as const),
	id: uuid
});
