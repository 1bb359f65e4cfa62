import { expect, type Page } from '@playwright/test';
import type postgres from 'postgres';

/** Writes a diary entry on /dagbog (it goes to the phone's outbox first) and waits until it is listed. */
export async function writeEntry(page: Page, text: string, mood = 'God'): Promise<void> {
	await page.locator('fieldset.mood-picker').getByText(mood, { exact: true }).click();
	await page.getByLabel('Hvad skete der?').fill(text);
	await page.getByRole('button', { name: 'Gem', exact: true }).click();
	await expect(page.locator('li.waiting, li.entry').filter({ hasText: text }).first()).toBeVisible();
}

export interface OutboxRow {
	id: string;
	kind: string;
	createdAt: string;
	payload: { text?: string | null };
}

/** What waits in the phone's outbox (IndexedDB `mf-outbox`), in the order it is sent. */
export async function outboxItems(page: Page): Promise<OutboxRow[]> {
	const items = await page.evaluate(
		() =>
			new Promise<OutboxRow[]>((resolve, reject) => {
				const open = indexedDB.open('mf-outbox', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('items', { keyPath: 'id' });
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('items').objectStore('items').getAll();
					all.onsuccess = () => {
						open.result.close();
						resolve(all.result as OutboxRow[]);
					};
					all.onerror = () => reject(all.error);
				};
			})
	);
	return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The diary entries in the database whose text starts with `tag`: text → how many rows. */
export async function storedEntries(
	sql: postgres.Sql,
	tag: string
): Promise<Map<string, { count: number; ids: string[] }>> {
	const rows = await sql<{ id: string; text: string }[]>`
		SELECT id, text FROM diary_entries WHERE text LIKE ${tag + '%'} AND deleted_at IS NULL`;
	const out = new Map<string, { count: number; ids: string[] }>();
	for (const row of rows) {
		const entry = out.get(row.text) ?? { count: 0, ids: [] };
		entry.count++;
		entry.ids.push(row.id);
		out.set(row.text, entry);
	}
	return out;
}

/** The person id of a demo person, by the subject they log in with. */
export async function personIdOf(sql: postgres.Sql, subject: string): Promise<string> {
	const [row] = await sql<{ person_id: string }[]>`SELECT person_id FROM login_identities WHERE subject = ${subject}`;
	if (!row) throw new Error(`no login identity ${subject}`);
	return row.person_id;
}
