import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { JobsConfig } from './config';
import type { QueueName } from './queues';

/** What a job handler gets: the database, the clock, a way to send more jobs, and the settings. */
export interface JobContext {
	db: Db;
	now: () => Date;
	/**
	 * Sends a job whose id is made from `key`: sending the same key again (a sweep that sees the
	 * same reminder on its next pass, two servers at once) adds nothing. Null when it was there.
	 */
	send: (queue: QueueName, data: object, key: string) => Promise<string | null>;
	config: JobsConfig;
}

/**
 * Why a job failed, as a code the admin page words plainly. `retry` false sends the job to the
 * dead letters at once (trying again cannot help).
 */
export const FAILURE_REASONS = ['invalid_payload', 'push_failed', 'busy', 'database', 'unexpected', 'gave_up'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export class JobError extends Error {
	constructor(
		readonly reason: FailureReason,
		readonly retry = true
	) {
		super(reason);
		this.name = 'JobError';
	}
}

/** A job id (a UUID) made from the queue and a key, so a second send of the same key is a no-op. */
export function jobIdFor(queue: string, key: string): string {
	const hex = createHash('sha256').update(`${queue}\n${key}`).digest('hex');
	// Shaped as a version-8 (custom) UUID.
	return [
		hex.slice(0, 8),
		hex.slice(8, 12),
		'8' + hex.slice(13, 16),
		((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20),
		hex.slice(20, 32)
	].join('-');
}
