import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DomainError, FieldError, StaleWriteError } from '../../errors';
import { text, uuid } from '../../validation';
import { formAction, formDataOf, noFields } from './form-action';

/** A form post as the browser sends it; a field given as a list is sent once per item. */
function post(fields: Record<string, string | string[]>) {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields))
		for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
	return { request: new Request('http://app.test/', { method: 'POST', body: form }) };
}

const id = '6f1c7e1e-8a8e-4c53-9a51-0d4f5a1f2b3c';
const schema = v.object({ itemId: uuid, text: text(20) });

describe('formAction', () => {
	it('answers a saved form with its name and item, and nothing of the service unless asked', async () => {
		const result = await formAction(post({ itemId: id, text: ' Hej\u0000 ' }), {
			action: 'note',
			schema,
			target: 'itemId',
			run: async (data) => ({ secret: 'row', text: data.text })
		});
		expect(result).toEqual({ action: 'note', target: id, done: true });
		const answered = await formAction(post({ itemId: id, text: 'Hej' }), {
			action: 'note',
			schema,
			run: async (data) => data.text,
			answer: (saved) => ({ saved })
		});
		expect(answered).toEqual({ action: 'note', target: null, done: true, saved: 'Hej' });
	});

	it('gives field messages with the typed values (cleaned) and saves nothing', async () => {
		let ran = false;
		const result = await formAction(post({ itemId: 'nope', text: 'a\u0000'.repeat(30) }), {
			action: 'note',
			schema,
			target: 'itemId',
			run: async () => void (ran = true)
		});
		expect(ran).toBe(false);
		expect(result).toMatchObject({
			status: 400,
			data: {
				action: 'note',
				target: 'nope',
				values: { itemId: 'nope', text: 'a'.repeat(30) },
				errors: { itemId: 'validation.unknown', text: 'validation.tooLong' },
				stale: false,
				current: null
			}
		});
	});

	it('reads repeated fields as one list, shown again joined', async () => {
		const listSchema = v.object({ scopes: v.pipe(v.array(v.picklist(['a', 'b'], 'validation.choice'))) });
		const seen: string[][] = [];
		await formAction(post({ scopes: ['a', 'b'] }), {
			action: 'scopes',
			schema: listSchema,
			lists: ['scopes'],
			run: async (data) => void seen.push(data.scopes)
		});
		expect(seen).toEqual([['a', 'b']]);
		const refused = await formAction(post({ scopes: ['a', 'x'] }), {
			action: 'scopes',
			schema: listSchema,
			lists: ['scopes'],
			run: async () => undefined
		});
		expect(refused).toMatchObject({
			status: 400,
			data: { values: { scopes: 'a,x' }, errors: { scopes: 'validation.choice' } }
		});
	});

	it('lays the values the URL decides over the posted ones', async () => {
		const result = await formAction(post({ itemId: 'posted', text: 'Hej', version: '3' }), {
			action: 'save',
			schema,
			fixed: { itemId: id, version: undefined },
			run: async (data) => data,
			answer: (data) => ({ data })
		});
		expect(result).toMatchObject({ done: true, data: { itemId: id, text: 'Hej' } });
	});

	it('a stale save is a 409 with what is there now; a conflict and a refused field too', async () => {
		const stale = await formAction(post({ itemId: id, text: 'Hej' }), {
			action: 'save',
			schema,
			current: (row: { version: number; secret: string }) => ({ version: row.version }),
			run: async () => {
				throw new StaleWriteError({ version: 4, secret: 'x' });
			}
		});
		expect(stale).toMatchObject({ status: 409, data: { stale: true, current: { version: 4 }, errors: {} } });
		const worded = await formAction(post({ itemId: id, text: 'Hej' }), {
			action: 'save',
			schema,
			messages: { stale: 'validation.stale', conflict: 'validation.meetingClosed' },
			run: async () => {
				throw new DomainError('conflict');
			}
		});
		expect(worded).toMatchObject({ status: 409, data: { stale: false, errors: { form: 'validation.meetingClosed' } } });
		const field = await formAction(post({ itemId: id, text: 'Hej' }), {
			action: 'save',
			schema,
			run: async () => {
				throw new FieldError('text', 'validation.unknown');
			}
		});
		expect(field).toMatchObject({ status: 400, data: { errors: { text: 'validation.unknown' } } });
	});

	it('"not found" is the plain 404 page; so is a bad id in a form that only names an item', async () => {
		const missing = formAction(post({ itemId: id, text: 'Hej' }), {
			action: 'save',
			schema,
			run: async () => {
				throw new DomainError('not_found');
			}
		});
		await expect(missing).rejects.toMatchObject({ status: 404, body: { message: 'errors.not_found' } });
		const badId = formAction(post({ itemId: 'nope' }), {
			action: 'remove',
			schema: v.object({ itemId: uuid }),
			badInput: 'notFound',
			run: async () => undefined
		});
		await expect(badId).rejects.toMatchObject({ status: 404 });
		const badChoice = formAction(post({ itemId: 'nope' }), {
			action: 'remove',
			schema: v.object({ itemId: uuid }),
			badInput: 'badRequest',
			run: async () => undefined
		});
		await expect(badChoice).rejects.toMatchObject({ status: 400 });
	});

	it('passes a redirect, an error that is no domain error and a fail() of the service on', async () => {
		const event = post({});
		await expect(
			formAction(event, { action: 'go', schema: noFields, run: async () => redirect(303, '/there') })
		).rejects.toMatchObject({ status: 303, location: '/there' });
		await expect(
			formAction(post({}), {
				action: 'boom',
				schema: noFields,
				run: async () => {
					throw new Error('bug');
				}
			})
		).rejects.toThrow('bug');
		const own = await formAction(post({}), {
			action: 'together',
			schema: noFields,
			run: async () => fail(429, { together: 'flood' })
		});
		expect(own).toMatchObject({ status: 429, data: { together: 'flood' } });
	});

	it('reads a body once: a route may look at the form before the guard, formAction after', async () => {
		const event = post({ itemId: id, text: 'Hej' });
		expect((await formDataOf(event.request)).get('itemId')).toBe(id);
		const result = await formAction(event, { action: 'note', schema, run: async () => undefined });
		expect(result).toMatchObject({ done: true });
	});
});
