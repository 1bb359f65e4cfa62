import { describe, expect, it } from 'vitest';
import { parseForm } from '../validation';
import {
	answerSuggestionSchema,
	courseSchema,
	goalSchema,
	planPeriodSchema,
	subgoalSchema,
	subgoalStatusSchema
} from './schemas';

const goalId = '0b7c6a2e-2f59-4a43-9d39-0c2b2a8e4f11';

describe('plan form schemas', () => {
	it('accepts a plain goal and turns empty optional fields into null', () => {
		const parsed = parseForm(goalSchema, {
			title: '  Komme i praktik  ',
			titleEasy: '',
			whyItMatters: 'Jeg vil have noget at stå op til.'
		});
		expect(parsed).toEqual({
			ok: true,
			data: {
				title: 'Komme i praktik',
				titleEasy: null,
				ownWords: null,
				whyItMatters: 'Jeg vil have noget at stå op til.',
				status: 'active'
			}
		});
	});

	it('says what is wrong, one message per field', () => {
		expect(parseForm(goalSchema, { title: '   ' })).toEqual({ ok: false, errors: { title: 'validation.required' } });
		expect(parseForm(goalSchema, { title: 'x'.repeat(10_000) })).toEqual({
			ok: false,
			errors: { title: 'validation.tooLong' }
		});
		expect(parseForm(goalSchema, { title: '<script>alert(1)</script>' })).toEqual({
			ok: false,
			errors: { title: 'validation.noHtml' }
		});
		expect(parseForm(goalSchema, { title: 'Mål', status: 'finished' })).toEqual({
			ok: false,
			errors: { status: 'validation.choice' }
		});
		// A lone "<" in ordinary text is not HTML.
		expect(parseForm(goalSchema, { title: 'Færre end 3 < 5 ting ad gangen' }).ok).toBe(true);
	});

	it('refuses dates out of order and an unknown status on a delmål', () => {
		expect(parseForm(planPeriodSchema, { startsOn: '2026-03-01', endsOn: '2026-02-01' })).toEqual({
			ok: false,
			errors: { endsOn: 'validation.datesOrder' }
		});
		expect(parseForm(subgoalSchema, { goalId, title: 'Ringe', status: 'almost' })).toEqual({
			ok: false,
			errors: { status: 'validation.choice' }
		});
		expect(parseForm(subgoalSchema, { goalId, title: 'Ringe', dueOn: '31-02-2026' })).toEqual({
			ok: false,
			errors: { dueOn: 'validation.date' }
		});
		expect(parseForm(subgoalStatusSchema, { subgoalId: 'nope', status: 'done', version: '1' })).toEqual({
			ok: false,
			errors: { subgoalId: 'validation.unknown' }
		});
	});

	it('checks that the variant fits the programme', () => {
		expect(
			parseForm(courseSchema, { programme: 'jobrettet_rehabilitering', variant: '9_months', startsOn: '2026-01-12' }).ok
		).toBe(true);
		expect(
			parseForm(courseSchema, { programme: 'mestringsforloeb', variant: '9_months', startsOn: '2026-01-12' })
		).toEqual({
			ok: false,
			errors: { variant: 'validation.choice' }
		});
	});

	it('needs an answer when the professional wants to talk about a suggestion first', () => {
		const suggestionId = goalId;
		expect(parseForm(answerSuggestionSchema, { suggestionId, decision: 'discussing', answer: '' })).toEqual({
			ok: false,
			errors: { answer: 'validation.answerNeeded' }
		});
		expect(parseForm(answerSuggestionSchema, { suggestionId, decision: 'accepted' }).ok).toBe(true);
	});
});
