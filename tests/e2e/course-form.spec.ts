import { addDays } from '../../src/lib/programmes';
import { expect, test } from './fixtures';

/**
 * The course form: an end date worked out from the programme's template follows a new start
 * date; an end typed on purpose stays. Nothing is saved here (the demo course stays as it is).
 */
test('the template’s end date follows the start date; a typed one stays', async ({ page, loginAs, axe }) => {
	await loginAs(page, 'demo-peter');
	const ali = await page.getByRole('link', { name: 'Ali Hassan' }).getAttribute('href');
	await page.goto(`${ali}/course`);
	const start = page.getByLabel('Startdato');
	const end = page.getByLabel('Slutdato', { exact: false });
	const expected = page.getByText(/^Efter skabelonen slutter forløbet /);

	// Ali's end is the template's own: the field is empty, and the preview says when it ends.
	await expect(end).toHaveValue('');
	const startsOn = await start.inputValue();
	const before = await expected.textContent();

	// A start four weeks later: the end moves with it, also through "Vis faser" (without JavaScript).
	const later = addDays(startsOn, 28);
	await start.fill(later);
	await expect(expected).not.toHaveText(before!);
	const moved = await expected.textContent();
	await page.getByRole('button', { name: 'Vis faser' }).click();
	await expect(start).toHaveValue(later);
	await expect(end).toHaveValue('');
	await expect(expected).toHaveText(moved!);
	await axe();

	// An end typed on purpose is kept when the start changes again.
	await end.fill('2027-12-24');
	await start.fill(startsOn);
	await expect(end).toHaveValue('2027-12-24');
	await page.getByRole('button', { name: 'Vis faser' }).click();
	await expect(end).toHaveValue('2027-12-24');
});
