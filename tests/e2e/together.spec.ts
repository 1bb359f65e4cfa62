import type { Browser, BrowserContextOptions, Locator, Page } from '@playwright/test';
import {
	checkA11y,
	E2E_ORIGIN,
	expect,
	loginAs,
	setReading,
	setRelativeScope,
	startFromVideoMeeting,
	stubSpeech,
	test
} from './fixtures';

/**
 * "Look at it together" (Se det sammen), as two people on two devices: Sara on a phone beside
 * a video call, her mentor Lone on a tablet. Lone starts it from their video meeting, Sara
 * accepts in one tap from whatever page she has open; what Lone points at lights up on Sara's
 * screen, what Sara writes appears on Lone's; Sara stops it, and Lone's next event is refused.
 */

const common: BrowserContextOptions = {
	baseURL: E2E_ORIGIN,
	locale: 'da-DK',
	timezoneId: 'Europe/Copenhagen',
	serviceWorkers: 'block'
};
const PHONE: BrowserContextOptions = {
	...common,
	viewport: { width: 360, height: 740 },
	screen: { width: 360, height: 740 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};
const TABLET: BrowserContextOptions = { ...common, viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1 };

async function person(
	browser: Browser,
	subject: string,
	options: BrowserContextOptions,
	voices: Array<{ lang: string; name: string }> = []
): Promise<Page> {
	const context = await browser.newContext(options);
	// A stand-in speech engine (what is spoken is kept in window.__spoken); no voices unless given.
	if (voices.length) await stubSpeech(context, voices);
	const page = await context.newPage();
	await loginAs(page, subject);
	return page;
}

/** The delmål's item on a together page, by its id (the same on every screen). */
const item = (page: Page, subgoalId: string) => page.locator(`li#subgoal-${subgoalId}`);

/**
 * Sara and Lone have at most one session open, and starting again goes back into it: a test that
 * stops half-way would leave one running and send the next test into it. So after each test Sara
 * asks for it (the same one, or a new one) and ends it.
 */
test.afterEach(async ({ browser }) => {
	const sara = await person(browser, 'demo-sara', PHONE);
	try {
		const form = { headers: { origin: E2E_ORIGIN, accept: 'text/html' }, maxRedirects: 0, form: {} };
		const open = await sara.request.post('/plan?/together', form);
		const sessionPath = open.headers().location;
		if (open.status() === 303 && /^\/sammen\//.test(sessionPath ?? '')) {
			await sara.request.post(`${sessionPath}?/end`, form);
		}
	} finally {
		await sara.context().close();
	}
});

/**
 * A saved text as the page shows it. Before the page is hydrated, a form's text area still holds
 * its first value as text too; what counts is the text shown, not the field.
 */
const shown = (scope: Locator, text: string) =>
	scope.getByText(text, { exact: true }).and(scope.page().locator(':not(textarea)'));

test('Lone and Sara look at Sara’s plan together, and Sara ends it', async ({ browser }) => {
	// Two people, three logins and axe on each step: longer than one page's test.
	test.setTimeout(180_000);
	// Sara's phone has a Danish voice: she has what is pointed at read aloud.
	const sara = await person(browser, 'demo-sara', PHONE, [{ lang: 'da-DK', name: 'Dansk' }]);
	const lone = await person(browser, 'demo-lone', TABLET);
	// Sara reads in easy-read mode (her own setting); she has her home page open.
	await sara.goto('/');
	await setReading(sara, 'easy');

	// Lone starts it from their video meeting.
	const sessionPath = await startFromVideoMeeting(lone);
	await expect(lone.getByText('Venter på, at Sara siger ja.')).toBeVisible();
	await checkA11y(lone);

	// Sara gets the invitation on the page she has open, and says yes with one tap.
	const banner = sara.getByRole('complementary').filter({ hasText: 'Lone vil se din plan med dig.' });
	await expect(banner).toBeVisible();
	await checkA11y(sara);
	await banner.getByRole('button', { name: 'Ja, se sammen' }).click();
	await expect(sara).toHaveURL(sessionPath);
	await expect(sara.getByText('Du og Lone ser din plan nu.')).toBeVisible();
	await expect(lone.getByText('Du ser planen sammen med Sara.')).toBeVisible();

	// The compact layout fits the phone beside the video call: nothing scrolls sideways.
	expect(await sara.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const readAloud = sara.getByRole('button', { name: 'Læs op, når der peges' });
	await expect(readAloud).toContainText('Fra');
	await readAloud.click();
	await expect(readAloud).toHaveAttribute('aria-pressed', 'true');
	await expect(readAloud).toContainText('Til');

	// Lone points at a delmål: it lights up on Sara's phone, and is read aloud to her.
	const alarm = lone.locator('ul.subgoals > li').filter({ hasText: 'Sætte en alarm før hver aftale' });
	const subgoalId = (await alarm.getAttribute('id'))!.replace('subgoal-', '');
	const pointedAt = Date.now();
	await alarm.getByRole('button', { name: /^Peg på det her/ }).click();
	await expect(item(sara, subgoalId).getByText('Lone peger her')).toBeVisible();
	// A figure, not a limit (timed assertions are flaky on a shared machine): the issue asks for
	// "within a second"; the note on it quotes what this prints.
	console.log(`together: Lone's pointing was on Sara's phone ${Date.now() - pointedAt} ms after the tap`);
	await expect
		.poll(() =>
			sara.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken)
		)
		.toContainEqual({ text: expect.stringMatching(/^Lone peger på: /), lang: 'da-DK' });
	await expect(item(lone, subgoalId).getByText('Du peger her')).toBeVisible();
	// Sara's phone brings it into view, below the bar with the stop button.
	await expect(item(sara, subgoalId).getByText('Lone peger her')).toBeInViewport();
	await checkA11y(sara);
	await sara.screenshot({ path: 'test-results/together-360-easy.png' });
	await item(sara, subgoalId).screenshot({ path: 'test-results/together-360-easy-pointed.png' });

	// Sara writes a note: it appears on Lone's screen, marked with Sara's name.
	const saraItem = item(sara, subgoalId);
	await saraItem.getByText('Skriv en note sammen').click();
	await saraItem.getByLabel('Noten').fill('Jeg vil prøve en ny lyd på alarmen.');
	await saraItem.getByRole('button', { name: 'Gem noten' }).click();
	await expect(saraItem.getByText('Noten er gemt. I kan begge se den.')).toBeVisible();
	await expect(item(lone, subgoalId).getByText('Jeg vil prøve en ny lyd på alarmen.')).toBeVisible();
	await expect(item(lone, subgoalId).getByText('Sara har ændret dette')).toBeVisible();

	// Lone writes a new next step: Sara sees it, with a mark that Lone changed it.
	const seenVersion = await saraItem.locator('input[name="version"]').first().inputValue();
	const loneItem = item(lone, subgoalId);
	await loneItem.getByText('Skriv et nyt næste skridt').click();
	await loneItem.getByLabel('Næste skridt').fill('Vælg en lyd, du kan lide.');
	await loneItem.getByRole('button', { name: 'Gem næste skridt' }).click();
	await expect(shown(saraItem, 'Vælg en lyd, du kan lide.')).toBeVisible();
	await expect(saraItem.getByText('Lone har ændret det her')).toBeVisible();
	await checkA11y(lone);

	// A next step sent from a page that had not seen Lone's change (an old tab, the form without
	// JavaScript) is refused in plain words, and changes nothing on either screen.
	const stale = await sara.request.post(`${sessionPath}?/event`, {
		form: { kind: 'next_step', subgoalId, version: seenVersion, nextStep: 'Gammel tekst fra en gammel fane' },
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(stale.status()).toBe(409);
	expect(await stale.text()).toContain('En anden har lige ændret det. Se det nye. Prøv igen.');
	await sara.reload();
	await expect(shown(item(sara, subgoalId), 'Vælg en lyd, du kan lide.')).toBeVisible();
	for (const page of [sara, lone]) await expect(page.getByText('Gammel tekst fra en gammel fane')).toHaveCount(0);

	// The same page in standard reading, at 360 px (the page is made again; marks stay), and back.
	await setReading(sara, 'standard');
	await expect(item(sara, subgoalId).getByText('Lone har ændret dette')).toBeVisible();
	await expect(item(sara, subgoalId).getByText('Lone peger her')).toBeInViewport();
	await checkA11y(sara);
	expect(await sara.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await sara.screenshot({ path: 'test-results/together-360-standard.png' });
	await setReading(sara, 'easy');

	// Sara stops it with one tap; Lone's screen says so, and her next event is refused.
	await sara.getByRole('button', { name: 'Stop se det sammen' }).click();
	await expect(sara.getByText('I ser ikke planen sammen mere.')).toBeVisible();
	await expect(lone.getByText('Sara stoppede. Intet bliver ændret mere.')).toBeVisible();
	await checkA11y(sara);
	const refused = await lone.request.post(`/api/together/${sessionPath.split('/').pop()}/events`, {
		data: { kind: 'highlight', target: 'subgoal', id: subgoalId },
		headers: { origin: E2E_ORIGIN }
	});
	expect(refused.status()).toBe(409);
	expect(await refused.json()).toMatchObject({ code: 'ended' });

	// Afterwards Sara can see it on "Hvem har set mine oplysninger": the time she and Lone looked
	// together, and each thing Lone did (what Sara did herself is not in that list).
	await sara.goto('/adgangslog');
	const sessions = sara.getByRole('region', { name: 'Når I har set planen sammen' });
	await expect(sessions.getByRole('listitem').first()).toHaveText(
		/^Du og Lone så planen sammen .+ kl\. \d{2}\.\d{2}–\d{2}\.\d{2}\.$/
	);
	const rows = sara.locator('ol.access-log > li').filter({ hasText: 'Lone Berg' });
	await expect(rows.filter({ hasText: 'Bad om at se din plan sammen med dig.' }).first()).toBeVisible();
	await expect(rows.filter({ hasText: 'Skrev et nyt næste skridt under Se det sammen.' }).first()).toBeVisible();
	await expect(sara.getByText('Stoppede Se det sammen.')).toHaveCount(0);
	await checkA11y(sara);
	await sessions.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await sara.screenshot({ path: 'test-results/together-access-log-360-easy.png' });

	// Nobody outside the session sees it: not even Sara's caseworker.
	const peter = await person(browser, 'demo-peter', TABLET);
	expect((await peter.request.get(sessionPath, { maxRedirects: 0 })).status()).toBe(404);
	await peter.context().close();
	await sara.context().close();
	await lone.context().close();
});

test('Sara starts it from her plan during the support time; Lone says no thank you', async ({ browser }) => {
	const sara = await person(browser, 'demo-sara', PHONE);
	const lone = await person(browser, 'demo-lone', TABLET);
	await lone.goto('/staff');
	await sara.goto('/plan');
	await sara.getByRole('button', { name: 'Se det sammen' }).click();
	await expect(sara.getByText('Vi venter på Lone.')).toBeVisible();

	const banner = lone.getByRole('complementary').filter({ hasText: 'Sara vil gerne se sin plan sammen med dig.' });
	await expect(banner).toBeVisible();
	await checkA11y(lone);
	await banner.getByRole('button', { name: 'Nej tak' }).click();
	await expect(banner).toBeHidden();
	await expect(sara.getByText('Lone sagde nej.')).toBeVisible();
	await checkA11y(sara);
	await sara.context().close();
	await lone.context().close();
});

test.describe('with a relative in video meetings', () => {
	// Sara gives Jens video meetings for this test: a server on a fresh copy, nothing to put back.
	test.use({ freshServer: true });

	test('Sara asks her father Jens in: he looks on and may point, but cannot write or stop it', async ({ browser }) => {
		test.setTimeout(180_000);
		const sara = await person(browser, 'demo-sara', PHONE);
		const lone = await person(browser, 'demo-lone', TABLET);
		const jens = await person(browser, 'demo-jens', PHONE);
		await jens.getByRole('button', { name: 'Se Saras sider' }).click();

		// Only a relative Sara lets into video meetings can be asked in: she gives Jens that (on this
		// test's own copy of the database, so no other test sees it).
		await setRelativeScope(sara, 'Jens', /Videomøder/, true);
		try {
			await sara.goto('/');
			const sessionPath = await startFromVideoMeeting(lone);
			await sara.getByRole('complementary').getByRole('button', { name: 'Ja, se sammen' }).click();
			await expect(sara).toHaveURL(sessionPath);

			// Sara asks Jens in; the invitation reaches the page he has open.
			await sara.getByText('Få en pårørende med').click();
			await sara.getByRole('button', { name: 'Få Jens med' }).click();
			const banner = jens
				.getByRole('complementary')
				.filter({ hasText: 'Sara vil gerne have dig med til at se planen.' });
			await expect(banner).toBeVisible();
			await checkA11y(jens);
			await banner.getByRole('link', { name: 'Se med' }).click();
			await expect(jens).toHaveURL(sessionPath);
			await expect(lone.getByText('Jens ser også med.')).toBeVisible();

			// What Lone points at lights up for Jens too. He may point as well ("look, that one"),
			// but has nothing to write with and cannot stop it: that is for Sara and Lone.
			const alarm = lone.locator('ul.subgoals > li').filter({ hasText: 'Sætte en alarm før hver aftale' });
			const subgoalId = (await alarm.getAttribute('id'))!.replace('subgoal-', '');
			await alarm.getByRole('button', { name: /^Peg på det her/ }).click();
			await expect(item(jens, subgoalId).getByText('Lone peger her')).toBeVisible();
			await expect(jens.getByText('Skriv en note sammen')).toHaveCount(0);
			await expect(jens.getByText('Skriv et nyt næste skridt')).toHaveCount(0);
			await expect(jens.getByRole('button', { name: 'Stop se det sammen' })).toHaveCount(0);
			await item(jens, subgoalId)
				.getByRole('button', { name: /^Peg på det her/ })
				.click();
			await expect(item(sara, subgoalId).getByText('Jens peger her')).toBeVisible();
			await checkA11y(jens);
			await jens.screenshot({ path: 'test-results/together-relative-360.png' });
			// A note sent by hand is refused, and nothing reaches Sara's plan.
			const version = Number(await item(sara, subgoalId).locator('input[name="version"]').first().inputValue());
			const refused = await jens.request.post(`/api/together/${sessionPath.split('/').pop()}/events`, {
				data: { kind: 'note', subgoalId, version, text: 'Jens skriver med', id: crypto.randomUUID() },
				headers: { origin: E2E_ORIGIN }
			});
			expect(refused.status()).toBe(403);
			await expect(sara.getByText('Jens skriver med')).toHaveCount(0);

			// Sara stops it: Jens's page says so.
			await sara.getByRole('button', { name: 'Stop se det sammen' }).click();
			await expect(jens.getByText('Sara stoppede. Intet bliver ændret mere.')).toBeVisible();
		} finally {
			for (const page of [sara, lone, jens]) await page.context().close();
		}
	});
});
