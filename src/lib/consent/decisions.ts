/**
 * The kinds of decision a citizen (or an invited relative) makes about who may see what.
 * Every decision is kept in consent_decisions, so the citizen can always see the history.
 * Free of server imports: the schema, the services and the pages share this list.
 */
export const CONSENT_DECISION_KINDS = [
	'consent_given',
	'consent_withdrawn',
	'relative_invited',
	'relative_accepted',
	'relative_confirmed',
	'relative_paused',
	'relative_resumed',
	'relative_revoked',
	'relative_renewed',
	'relative_scopes_changed',
	/** Supported consent (issue 11): renewing a consent, letting one or a relative's access end, supporters. */
	'consent_renewed',
	'consent_let_expire',
	'relative_let_expire',
	'supporter_named',
	'supporter_removed'
] as const;
export type ConsentDecisionKind = (typeof CONSENT_DECISION_KINDS)[number];

/** The decisions of supported consent (renew, let it end, supporters); their wording is in support.history. */
export const SUPPORT_DECISION_KINDS = [
	'consent_renewed',
	'consent_let_expire',
	'relative_let_expire',
	'supporter_named',
	'supporter_removed'
] as const satisfies readonly ConsentDecisionKind[];
