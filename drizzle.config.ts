import { defineConfig } from 'drizzle-kit';

// One schema, one migration set: the same SQL runs on PGlite and on PostgreSQL.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	strict: true,
	verbose: true
});
