import { describe, expect, it } from 'vitest';
import { JobsConfigError, jobsConfig } from './config';

describe('job settings', () => {
	it('defaults: workers on, access log kept 730 days', () => {
		expect(jobsConfig({})).toEqual({
			workers: true,
			poolSize: 3,
			pollSeconds: 2,
			reminderSweepSeconds: null,
			accessLogRetentionDays: 730
		});
	});

	it('JOBS=0 sends jobs without working them', () => {
		expect(jobsConfig({ JOBS: '0' }).workers).toBe(false);
		expect(() => jobsConfig({ JOBS: 'yes' })).toThrow(JobsConfigError);
	});

	it('refuses to keep the access log for less than two years', () => {
		expect(jobsConfig({ ACCESS_LOG_RETENTION_DAYS: '1095' }).accessLogRetentionDays).toBe(1095);
		for (const bad of ['729', '30', '0', '-1', 'forever', '800.5'])
			expect(() => jobsConfig({ ACCESS_LOG_RETENTION_DAYS: bad }), bad).toThrow(/ACCESS_LOG_RETENTION_DAYS/);
	});

	it('checks the pool size and the polling interval', () => {
		expect(jobsConfig({ JOBS_POOL_SIZE: '5', JOBS_POLL_SECONDS: '0.5' })).toMatchObject({
			poolSize: 5,
			pollSeconds: 0.5
		});
		expect(() => jobsConfig({ JOBS_POOL_SIZE: '0' })).toThrow(/JOBS_POOL_SIZE/);
		expect(() => jobsConfig({ JOBS_POLL_SECONDS: '0.1' })).toThrow(/JOBS_POLL_SECONDS/);
	});

	it('an extra reminder sweep every few seconds, for tests; whole seconds under a minute only', () => {
		expect(jobsConfig({ JOBS_REMINDER_SWEEP_SECONDS: '2' }).reminderSweepSeconds).toBe(2);
		expect(jobsConfig({ JOBS_REMINDER_SWEEP_SECONDS: ' ' }).reminderSweepSeconds).toBeNull();
		for (const bad of ['0', '60', '1.5', 'often'])
			expect(() => jobsConfig({ JOBS_REMINDER_SWEEP_SECONDS: bad }), bad).toThrow(/JOBS_REMINDER_SWEEP_SECONDS/);
	});
});
