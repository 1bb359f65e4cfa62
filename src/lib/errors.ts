/** Domain errors with codes, shared by server and client so pages can explain them. */

export type DomainErrorCode = 'not_found' | 'stale' | 'conflict' | 'invalid';

export class DomainError extends Error {
	constructor(
		readonly code: DomainErrorCode,
		message: string = code
	) {
		super(message);
	}
}

/** Someone saved the same thing first; `current` is what is there now, to show instead. */
export class StaleWriteError<T = unknown> extends DomainError {
	constructor(readonly current: T) {
		super('stale', 'The item was changed by someone else');
	}
}
