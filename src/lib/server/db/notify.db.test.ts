import { afterAll, beforeAll, expect, test } from 'vitest';
import type { OpenDatabase } from './index';
import { createTestDb } from './test-helpers';

let database: OpenDatabase;
beforeAll(async () => {
	database = await createTestDb();
});
afterAll(async () => database.close());

const waitFor = async (check: () => boolean) => {
	for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

test('a NOTIFY reaches a listener on the same database, and stops after unlisten', async () => {
	const received: string[] = [];
	const unlisten = await database.listen('mf_test_channel', (payload) => received.push(payload));
	await database.notify('mf_test_channel', '{"hello":1}');
	await waitFor(() => received.length > 0);
	expect(received).toEqual(['{"hello":1}']);

	await unlisten();
	await database.notify('mf_test_channel', 'after');
	await new Promise((r) => setTimeout(r, 200));
	expect(received).toEqual(['{"hello":1}']);
});
