/** Domain errors with codes, shared by server and client so pages can explain them. */

export type DomainErrorCode = 'not_found' | 'stale' | 'conflict' | 'invalid';

export class DomainError extends Error {
	/** For `invalid`: the field the message (an i18n key) belongs beside; none means the whole form. */
	readonly field?: string;
	constructor(
		readonly code: DomainErrorCode,
		message: string = code
	) {
		super(message);
	}
}

/** Input the service refuses: the message (an i18n key) for one field ('form' for the whole form). */
export class FieldError extends DomainError {
	constructor(
		override readonly field: string,
		messageKey: string
	) {
		super('invalid', messageKey);
	}
}

/** Someone saved the same thing first; `current` is what is there now, to show instead. */
export class StaleWriteError<T = unknown> extends DomainError {
	constructor(readonly current: T) {
		super('stale', 'The item was changed by someone else');
	}
}
