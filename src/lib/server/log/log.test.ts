import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index';

describe('logging', () => {
	it('redacts cookies, tokens and free text even when a caller passes them by mistake', () => {
		const lines: string[] = [];
		const sink = new Writable({
			write(chunk, _encoding, done) {
				lines.push(chunk.toString());
				done();
			}
		});
		const log = createLogger(sink);
		log.level = 'info';
		log.info({
			req: { cookie: '__Host-mf-session=abc.def' },
			entry: { text: 'Jeg havde en svær dag' },
			auth: { token: 'secret-token' },
			route: '/plan'
		});
		const line = lines.join('');
		expect(line).toContain('/plan');
		expect(line).not.toContain('abc.def');
		expect(line).not.toContain('svær dag');
		expect(line).not.toContain('secret-token');
		expect(line).toContain('[redacted]');
	});
});
