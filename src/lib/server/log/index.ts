import pino, { type DestinationStream } from 'pino';

/**
 * Structured logging. Never log personal text, names, tokens or cookies: log ids, route ids,
 * status codes and durations. The redaction list is a second line of defence.
 */
export function createLogger(destination?: DestinationStream) {
	const options = {
		level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
		base: { app: 'mit-forloeb' },
		redact: {
			paths: [
				'*.cookie',
				'*.authorization',
				'*.token',
				'*.text',
				'*.code',
				'*.headers',
				'req.headers',
				'cookie',
				'authorization'
			],
			censor: '[redacted]'
		}
	};
	// Standard output written asynchronously: lines that come while a write is under way go out together
	// with the next one, instead of one system call per request (2 % of a small page's time). pino
	// writes what is left when the process exits.
	return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

export const logger = createLogger();
