import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { cleanStrings, cleanText, formFields, parseForm } from './validation';
import { crisisContactSchema, crisisPlanSchema } from './crisis/schemas';
import { diaryEditSchema, diaryEntrySchema } from './diary/schemas';
import { logCommentSchema, logEntrySchema } from './logbook/schemas';
import { replySchema } from './meetings/schemas';
import { goalSchema, subgoalNoteSchema } from './plan/schemas';
import { inviteSchema, recordRequestSchema } from './consent/schemas';
import { supporterSchema } from './support/schemas';
import { togetherEventSchema } from './together/schemas';

const id = '0b7c6a2e-2f59-4a43-9d39-0c2b2a8e4f11';

describe('cleanText: what a person never means to type is removed before any rule looks', () => {
	const table: Array<[string, string, string]> = [
		['NUL', 'Godt\u0000 i dag', 'Godt i dag'],
		['NUL alone', '\u0000', ''],
		['bell, backspace, escape', 'a\u0007b\u0008c\u001bd', 'abcd'],
		['vertical tab and form feed', 'a\u000bb\u000cc', 'abc'],
		['DEL', 'a\u007fb', 'ab'],
		['C1 controls (NEL, CSI)', 'a\u0085b\u009bc', 'abc'],
		['tab stays', 'a\tb', 'a\tb'],
		['newline stays', 'a\nb', 'a\nb'],
		['CR LF becomes LF', 'a\r\nb\r\nc', 'a\nb\nc'],
		['a lone CR becomes LF', 'a\rb', 'a\nb'],
		['right-to-left override', 'Mødet er \u202eigen ton\u202c', 'Mødet er igen ton'],
		['all embeddings and overrides', '\u202aa\u202bb\u202cc\u202dd\u202ee', 'abcde'],
		['isolates', '\u2066a\u2067b\u2068c\u2069', 'abc'],
		['Arabic text stays', 'أشعر بتحسن اليوم', 'أشعر بتحسن اليوم'],
		['Ukrainian text stays', 'Сьогодні добре', 'Сьогодні добре'],
		['emoji stay (also joined ones)', 'Glad 😀 👩‍👧', 'Glad 😀 👩‍👧'],
		['right-to-left marks stay (Arabic needs them)', 'a\u200fb\u200ec', 'a\u200fb\u200ec'],
		['non-breaking space stays', 'a\u00a0b', 'a\u00a0b'],
		['Danish letters stay', 'Æble, ø og å', 'Æble, ø og å']
	];
	it.each(table)('%s', (_name, input, output) => {
		expect(cleanText(input)).toBe(output);
	});

	it('cleans every string in a JSON body, deep', () => {
		expect(cleanStrings({ items: [{ text: 'a\u0000b', mood: 3, n: null, deep: ['\u202ex'] }] })).toEqual({
			items: [{ text: 'ab', mood: 3, n: null, deep: ['x'] }]
		});
	});

	it('a form is read cleaned', () => {
		const form = new FormData();
		form.set('text', 'Hej\u0000\r\nmed dig');
		expect(formFields(form).values).toEqual({ text: 'Hej\nmed dig' });
	});
});

describe('every text schema cleans before it checks', () => {
	const dirty = '\u202eGodt\u0000 i\u0007 dag\r\n';
	const cases: Array<[string, v.GenericSchema, Record<string, unknown>, string]> = [
		['diary entry', diaryEntrySchema, { id, mood: '3', text: dirty }, 'text'],
		['diary edit', diaryEditSchema, { id, mood: '3', text: dirty, version: '1' }, 'text'],
		['plan note', subgoalNoteSchema, { subgoalId: id, text: dirty }, 'text'],
		['logbook comment', logCommentSchema, { entryId: id, text: dirty }, 'text'],
		['logbook entry', logEntrySchema, { text: dirty }, 'text'],
		['crisis plan', crisisPlanSchema, { warningSigns: dirty, version: '1' }, 'warningSigns'],
		['crisis contact', crisisContactSchema, { name: dirty, phone: '12345678' }, 'name'],
		['goal', goalSchema, { title: dirty }, 'title'],
		['meeting reply', replySchema, { response: 'cannot_come', reason: dirty }, 'reason'],
		['relative invitation', inviteSchema, { label: dirty, scopes: ['plan'] }, 'label'],
		['record request', recordRequestSchema, { message: dirty }, 'message'],
		['supporter', supporterSchema, { name: dirty }, 'name'],
		['together note', togetherEventSchema, { kind: 'note', subgoalId: id, id, text: dirty, version: 1 }, 'text']
	];
	it.each(cases)('%s', (_name, schema, input, field) => {
		const parsed = parseForm(schema, input as Record<string, string>);
		expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
		if (parsed.ok) expect((parsed.data as Record<string, unknown>)[field]).toBe('Godt i dag');
	});

	it('only control characters is the same as nothing: "required", not a blank note', () => {
		expect(parseForm(subgoalNoteSchema, { subgoalId: id, text: '\u0000\u202e\u0007' })).toEqual({
			ok: false,
			errors: { text: 'validation.required' }
		});
	});

	it('20,000 characters gets "too long"; emoji count as the browser counts them', () => {
		expect(parseForm(diaryEntrySchema, { id, mood: '3', text: 'å'.repeat(20_000) })).toEqual({
			ok: false,
			errors: { text: 'validation.tooLong' }
		});
		// maxlength counts UTF-16 units, and so does the schema: 2,000 emoji are 4,000 units.
		expect(parseForm(diaryEntrySchema, { id, mood: '3', text: '😀'.repeat(2000) }).ok).toBe(true);
		expect(parseForm(diaryEntrySchema, { id, mood: '3', text: '😀'.repeat(2001) }).ok).toBe(false);
	});

	it('a text at the limit with CR LF newlines (as a browser sends it) fits, as maxlength said', () => {
		const atLimit = `${'a'.repeat(1999)}\r\n${'b'.repeat(2000)}`; // 4,000 with LF, 4,001 with CR LF
		expect(parseForm(diaryEntrySchema, { id, mood: '3', text: atLimit }).ok).toBe(true);
	});
});
