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
	return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();
