import pino from 'pino';

/**
 * Structured logging. Never log personal text, names, tokens or cookies: log ids, route ids,
 * status codes and durations. The redaction list is a second line of defence.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
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
});
