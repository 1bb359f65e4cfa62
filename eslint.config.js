import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	globalIgnores([
		'build/',
		'.svelte-kit/',
		'node_modules/',
		'drizzle/',
		'test-results/',
		'playwright-report/',
		'bench/results/',
		'.data/',
		'coverage/',
		'dev-dist/'
	]),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		}
	},
	{
		// TypeScript checks undefined names itself, and better (types, ambient declarations).
		files: ['**/*.ts', '**/*.svelte'],
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				extraFileExtensions: ['.svelte'],
				svelteConfig
			}
		}
	},
	{
		rules: {
			// The app has no base path; plain hrefs keep links working without JavaScript.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true, ignoreGoto: false }],
			// "Today" is the Danish calendar date (copenhagenDate in src/lib/meetings/time.ts). The UTC date of
			// an instant is yesterday between midnight and 01:00 (02:00 in summer) in Copenhagen.
			'no-restricted-syntax': [
				'error',
				{
					selector:
						"CallExpression[callee.property.name=/^(slice|substring|substr)$/][arguments.0.value=0][callee.object.callee.property.name='toISOString']",
					message: 'The UTC date is not the Danish date: use copenhagenDate() from $lib/meetings/time.'
				},
				{
					selector: "CallExpression[callee.property.name='split'][callee.object.callee.property.name='toISOString']",
					message: 'The UTC date is not the Danish date: use copenhagenDate() from $lib/meetings/time.'
				}
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
			]
		}
	}
);
