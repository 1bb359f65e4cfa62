import type { Browser, Page } from '@playwright/test';
import { checkFhirBundle } from '../support/fhir-bundle';
import { exportSchemaErrors } from '../support/export-schema';
import { checkA11y, expect, hydrated, setReading, test } from './fixtures';

/**
 * Consent and relatives' access, end to end through the real login: a citizen invites a relative
 * who has never used the app (Karen, known only to the identity provider), Karen logs in from the
 * link, the citizen confirms, Karen sees only the chosen scope with the "you are looking at" banner,
 * the citizen's access log shows her reads, the citizen revokes and Karen's next click is refused.
 * Withdrawing a consent changes what the mentor sees on the next request. The exports validate.
 */

async function newPage(browser: Browser, baseURL: string | undefined) {
	const context = await browser.newContext({ baseURL });
	return context.newPage();
}

/** Karen logs in through the identity provider from the invitation page. */
async function loginFromInvitation(page: Page, origin: string) {
	await page.getByRole('link', { name: 'Log ind med MitID' }).click();
	await page.waitForURL((url) => url.origin !== origin);
	await page.getByRole('radio', { name: /Betydelig/i }).check();
	await page.getByRole('button', { name: 'Karen Madsen' }).click();
	await page.waitForURL((url) => url.origin === origin && url.pathname === '/invitation');
}

test.describe('relatives, consent, access log and exports', () => {
	test('invite → the relative logs in → confirm → only the chosen scope → revoke refuses the next click', async ({
		page,
		browser,
		baseURL,
		loginAs
	}) => {
		const origin = new URL(baseURL!).origin;

		// Ali sees who can see what, and invites his sister to see his plan only.
		await loginAs(page, 'demo-ali');
		await page.goto('/samtykke');
		await expect(page.getByRole('heading', { level: 1, name: 'Hvem kan se hvad' })).toBeVisible();
		await checkA11y(page);
		await page.getByRole('link', { name: 'Inviter og ret pårørende' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Dine pårørende' })).toBeVisible();
		await checkA11y(page);
		await page.getByRole('link', { name: 'Inviter en pårørende' }).click();
		await checkA11y(page);

		// Nothing chosen: said plainly beside the fields, nothing made.
		await page.getByRole('button', { name: 'Lav invitationen' }).click();
		await expect(page.getByText('Skriv noget her.')).toBeVisible();
		await expect(page.getByText('Vælg mindst én ting, de må se.')).toBeVisible();
		await page.getByLabel('Hvad kalder du personen?').fill('Min søster');
		await page.getByRole('checkbox', { name: /^Plan/ }).check();
		await expect(page.getByLabel('Hvor længe?')).toHaveValue('12');
		await page.getByRole('button', { name: 'Lav invitationen' }).click();
		await expect(page.getByRole('heading', { name: 'Her er koden' })).toBeVisible();
		await checkA11y(page);
		const code = (await page.getByTestId('invitation-code').textContent())!.trim();
		const link = (await page.getByTestId('invitation-link').textContent())!.trim();
		expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		expect(link).toBe(`${origin}/invitation/${code}`);
		// The code is shown once: the page does not show it again.
		await page.goto('/paaroerende');
		await expect(page.getByText(code)).toHaveCount(0);
		await expect(page.locator('li.relative').filter({ hasText: 'Min søster' }).getByText('Inviteret')).toBeVisible();

		// Karen: a wrong code first, then the link.
		const karen = await newPage(browser, baseURL);
		await karen.goto('/invitation');
		await checkA11y(karen);
		await karen.getByLabel('Kode').fill('AAAAA-BBBBB');
		await karen.getByRole('button', { name: 'Fortsæt' }).click();
		await expect(karen.getByText(/Koden virker ikke/)).toBeVisible();
		await karen.goto(link);
		await expect(karen).toHaveURL(`${origin}/invitation`);
		await expect(karen.getByRole('heading', { name: 'Ali har inviteret dig' })).toBeVisible();
		await checkA11y(karen);
		await loginFromInvitation(karen, origin);
		await expect(karen.getByText('Tak. Du har taget imod invitationen.')).toBeVisible();
		await checkA11y(karen);
		// Not in force until Ali says yes.
		await karen.goto('/som-paaroerende');
		await expect(karen.getByText('Ali har ikke bekræftet din adgang endnu.')).toBeVisible();
		// The link cannot be used twice.
		const other = await newPage(browser, baseURL);
		await other.goto(link);
		await expect(other.getByText(/Invitationen virker ikke/)).toBeVisible();

		// Ali confirms.
		await page.goto('/paaroerende');
		const card = page.locator('li.relative').filter({ hasText: 'Min søster' });
		await expect(card.getByText('Venter på dit ja')).toBeVisible();
		await card.getByRole('button', { name: 'Ja, giv Karen Madsen adgang' }).click();
		await expect(page.getByText('Nu kan Karen Madsen se det, du har valgt.')).toBeVisible();
		await checkA11y(page);

		// Karen sees Ali's plan with the banner, and nothing else.
		await karen.goto('/som-paaroerende');
		await karen.getByRole('button', { name: 'Se Alis sider' }).click();
		await expect(karen.getByText('Du ser Alis sider.')).toBeVisible();
		const menu = karen.getByRole('navigation', { name: 'Hovedmenu' });
		await expect(menu.getByRole('link', { name: 'Dagbog' })).toHaveCount(0);
		// The logbook, under Mere, is not offered either; Mere itself is.
		await menu.getByRole('link', { name: 'Mere' }).click();
		await expect(karen.getByRole('heading', { level: 1, name: 'Mere' })).toBeVisible();
		await expect(karen.getByRole('main').getByRole('link', { name: /Logbog/ })).toHaveCount(0);
		await menu.getByRole('link', { name: 'Min plan' }).click();
		await expect(karen).toHaveURL(`${origin}/plan`);
		await expect(karen.getByText('Du ser Alis sider.')).toBeVisible();
		for (const refused of ['/logbog', '/dagbog', '/samtykke', '/paaroerende', '/adgangslog', '/mine-data'])
			expect((await karen.request.get(refused, { maxRedirects: 0 })).status(), refused).toBe(403);
		await karen.goto('/logbog');
		await expect(karen.getByText('Personen har ikke givet dig lov til at se det her.')).toBeVisible();

		// Ali's access log shows Karen's reads, newest first, with her role.
		await page.goto('/adgangslog');
		await expect(page.getByRole('heading', { level: 1, name: 'Hvem har set mine oplysninger' })).toBeVisible();
		const first = page.locator('ol.access-log > li').first();
		await expect(first).toContainText('Karen Madsen');
		await expect(first).toContainText('(Pårørende)');
		await expect(
			page.locator('ol.access-log > li').filter({ hasText: 'Karen Madsen' }).filter({ hasText: 'Så din plan.' }).first()
		).toBeVisible();
		await checkA11y(page);

		// Ali revokes in two taps; Karen's next click is refused with a kind explanation.
		await page.goto('/paaroerende');
		const active = page.locator('li.relative').filter({ hasText: 'Min søster' });
		await active.getByText('Stop adgangen').click();
		await active.getByRole('button', { name: 'Ja, stop det' }).click();
		await expect(page.getByText('Det er stoppet. Karen Madsen kan ikke se noget mere.')).toBeVisible();
		await menu.getByRole('link', { name: 'Min plan' }).click();
		await expect(karen.getByRole('heading', { level: 1, name: 'Det har du ikke adgang til' })).toBeVisible();
		await expect(karen.getByText('Personen har stoppet din adgang. Det er deres valg.')).toBeVisible();
		expect((await karen.request.get('/plan', { maxRedirects: 0 })).status()).toBe(403);

		// The history keeps every decision.
		await page.goto('/samtykke#historik');
		const history = page.locator('#historik');
		for (const line of [
			'Du inviterede Min søster.',
			'Karen Madsen tog imod din invitation.',
			'Du gav Min søster adgang.',
			'Du stoppede adgangen for Min søster.'
		])
			await expect(history.getByText(line)).toBeVisible();
	});

	test('a relative stopped and invited again uses the new access; a professional cannot accept it', async ({
		page,
		browser,
		baseURL,
		loginAs
	}) => {
		// Jens's browser: every console error and uncaught error, to show /som-paaroerende runs cleanly.
		const jens = await newPage(browser, baseURL);
		const problems: string[] = [];
		jens.on('console', (m) => {
			if (m.type() === 'error') problems.push(m.text());
		});
		jens.on('pageerror', (e) => problems.push(e.message));
		await loginAs(jens, 'demo-jens');
		await loginAs(page, 'demo-sara');
		await setReading(page, 'easy');

		// Sara stops her father's access; he is also her bisidder, and she keeps him as one.
		await page.goto('/paaroerende');
		const far = page.locator('li.relative[data-state="active"]').filter({ hasText: 'Far' });
		await far.getByText('Stop adgangen').click();
		await expect(far.getByText('Jens hjælper dig også med at beslutte. Det stopper også.')).toBeVisible();
		const keep = far.getByRole('checkbox', { name: 'Jens skal stadig være din bisidder' });
		await expect(keep).not.toBeChecked();
		await keep.check();
		await far.getByRole('button', { name: 'Ja, stop det' }).click();
		const stopped = page
			.getByRole('status')
			.filter({ hasText: 'Det er stoppet. Jens Nielsen kan ikke se noget mere.' });
		await expect(stopped).toBeVisible();
		await expect(stopped).not.toContainText(/bisidder|hjælpe/);
		await jens.goto('/stoette');
		await jens.getByRole('link', { name: 'Se, hvad Sara bliver spurgt om' }).click();
		await expect(jens.getByRole('heading', { level: 1, name: 'Det bliver Sara spurgt om' })).toBeVisible();

		// She invites him again, to the same as before.
		await page.goto('/paaroerende/inviter');
		await page.getByLabel('Hvad kalder du personen?').fill('Far');
		await page.getByRole('checkbox', { name: /^Plan/ }).check();
		await page.getByRole('checkbox', { name: /^Møder/ }).check();
		await page.getByRole('button', { name: 'Lav invitationen' }).click();
		const link = (await page.getByTestId('invitation-link').textContent())!.trim();

		// Her mentor opens the link with her own login: refused plainly, and the code still works.
		const lone = await newPage(browser, baseURL);
		await loginAs(lone, 'demo-lone');
		await lone.goto(link);
		await lone.getByRole('button', { name: 'Tag imod invitationen' }).click();
		await expect(lone.getByRole('alert')).toContainText(/kan ikke også være pårørende her/);

		await jens.goto(link);
		await expect(jens.getByRole('heading', { name: 'Sara har inviteret dig' })).toBeVisible();
		await jens.getByRole('button', { name: 'Tag imod invitationen' }).click();
		await expect(jens.getByText('Tak. Du har taget imod invitationen.')).toBeVisible();

		await page.goto('/paaroerende');
		await page
			.locator('li.relative[data-state="accepted"]')
			.filter({ hasText: 'Far' })
			.getByRole('button', { name: 'Ja, giv Jens Nielsen adgang' })
			.click();
		await expect(page.getByText('Nu kan Jens Nielsen se det, du har valgt.')).toBeVisible();
		// Her page keeps the stopped access among the ended ones, and the new one in force.
		await expect(page.locator('li.relative').filter({ hasText: 'Far' })).toHaveCount(1);
		await expect(page.locator('li[data-state="revoked"]').filter({ hasText: 'Far (Jens Nielsen)' })).toHaveCount(1);

		// Jens: Sara once, in force, and her plan behind it; the page runs without an error.
		await jens.goto('/som-paaroerende');
		await hydrated(jens);
		await expect(jens.getByRole('button', { name: 'Se Saras sider' })).toHaveCount(1);
		await jens.getByRole('button', { name: 'Se Saras sider' }).click();
		await expect(jens.getByText('Du ser Saras sider.').first()).toBeVisible();
		await jens.goto('/plan');
		await expect(jens).toHaveURL(/\/plan$/);
		await expect(jens.getByRole('heading', { level: 1, name: 'Planen' })).toBeVisible();
		expect(problems).toEqual([]);
	});

	test('withdrawing a consent changes what the mentor sees on the next request', async ({
		page,
		browser,
		baseURL,
		loginAs
	}) => {
		const lone = await newPage(browser, baseURL);
		await loginAs(lone, 'demo-lone');
		await lone.getByRole('link', { name: 'Jonas Madsen' }).click();
		await lone.waitForURL(/\/staff\/citizens\/[0-9a-f-]{36}$/);
		await lone.goto(`${new URL(lone.url()).pathname}/samtykke`);
		const health = lone.locator('.health-status');
		await expect(health).toHaveAttribute('data-health', 'allowed');
		await expect(health).toContainText('Jonas har sagt ja.');
		await checkA11y(lone);

		// Jonas reads in easy-read mode; the texts are the easy ones.
		await loginAs(page, 'demo-jonas');
		await page.goto('/samtykke');
		await checkA11y(page);
		const consent = page.locator('article.consent').filter({ hasText: 'Oplysninger om dit helbred' });
		await expect(consent.getByText('Peter Holm (Sagsbehandler)')).toBeVisible();
		await consent.getByText('Teksten, du sagde ja til (udgave 1)').click();
		await expect(consent.getByText(/Jeg giver lov til, at min sagsbehandler/)).toBeVisible();
		// Two taps: "Træk tilbage", then "Ja, træk det tilbage".
		await consent.getByText('Træk tilbage', { exact: true }).click();
		await consent.getByRole('button', { name: 'Ja, træk det tilbage' }).click();
		const receipt = page.getByRole('status').filter({ hasText: 'Kvittering' });
		await expect(receipt).toContainText('Du har sagt stop: Oplysninger om dit helbred.');
		await expect(receipt).toContainText(/Kvitteringsnummer: K-\d{8}-\d{4}/);
		await checkA11y(page);

		// The mentor's very next request.
		await lone.reload();
		await expect(health).toHaveAttribute('data-health', 'refused');
		await expect(health).toContainText('Jonas har ikke sagt ja nu.');

		// Jonas gives it again from the same page; the history shows both.
		const offer = page
			.locator('article')
			.filter({ hasText: 'Oplysninger om dit helbred' })
			.filter({
				has: page.getByRole('button', { name: 'Ja, det giver jeg lov til' })
			});
		await offer.getByRole('button', { name: 'Ja, det giver jeg lov til' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Kvittering' })).toContainText(
			'Du har sagt ja: Oplysninger om dit helbred.'
		);
		await expect(
			page.locator('#historik').getByText('Du trak samtykke tilbage: Oplysninger om dit helbred.')
		).toBeVisible();
		await lone.reload();
		await expect(health).toHaveAttribute('data-health', 'allowed');
	});

	test('the exports validate, the print page reads plainly, and aktindsigt reaches the caseworker', async ({
		page,
		browser,
		baseURL,
		loginAs
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/mine-data');
		await expect(page.getByRole('heading', { level: 1, name: 'Mine data' })).toBeVisible();
		await checkA11y(page);

		const json = await page.request.get('/mine-data/eksport.json');
		expect(json.status()).toBe(200);
		expect(json.headers()['content-disposition']).toMatch(
			/^attachment; filename="mit-forloeb-\d{4}-\d{2}-\d{2}\.json"$/
		);
		const data = await json.json();
		expect(exportSchemaErrors(data)).toEqual([]);
		expect(data.person.displayName).toBe('Sara Nielsen');

		const fhir = await page.request.get('/mine-data/fhir.json');
		expect(fhir.headers()['content-type']).toContain('application/fhir+json');
		const bundle = await fhir.json();
		expect(checkFhirBundle(bundle)).toEqual([]);
		const types = new Set(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType));
		for (const type of ['CarePlan', 'Goal', 'Appointment', 'Consent', 'RelatedPerson'])
			expect(types.has(type), type).toBe(true);

		await page.getByRole('link', { name: 'Åbn siden' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Alt, hvad Mit forløb ved om dig' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Din plan' })).toBeVisible();
		// Also the newer parts: another time, help to decide (Jens, from the demo data), talks, together.
		for (const heading of [
			'Ønsker om en anden tid',
			'Dem, der hjælper dig med at vælge',
			'Du ville tale om det først',
			'Set sammen på video',
			'Beskeder til din telefon'
		])
			await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
		await expect(
			page.getByRole('region', { name: 'Dem, der hjælper dig med at vælge' }).getByText('Jens Nielsen')
		).toBeVisible();
		await checkA11y(page);

		await page.goto('/mine-data');
		await page
			.getByLabel('Vil du skrive noget til din sagsbehandler?')
			.fill('Jeg vil gerne se notaterne fra jobcentret.');
		await page.getByRole('button', { name: 'Bed om aktindsigt' }).click();
		await expect(page.getByText(/Tak\. Du har bedt om aktindsigt/)).toBeVisible();
		await expect(page.getByText('Sendt', { exact: false }).first()).toBeVisible();

		const peter = await newPage(browser, baseURL);
		await loginAs(peter, 'demo-peter');
		await peter.goto('/staff/aktindsigt');
		const sara = peter.locator('section').filter({ hasText: 'Sara Nielsen' });
		await expect(sara.getByText('Jeg vil gerne se notaterne fra jobcentret.')).toBeVisible();
		await checkA11y(peter);
		await sara.getByRole('button', { name: 'Jeg arbejder på det' }).first().click();
		await expect(peter.getByText('Gemt.')).toBeVisible();
		await page.reload();
		await expect(page.getByText('Sagsbehandleren arbejder på det').first()).toBeVisible();

		// A mentor does not see requests for aktindsigt; a relative cannot export.
		const lone = await newPage(browser, baseURL);
		await loginAs(lone, 'demo-lone');
		await lone.goto('/staff/aktindsigt');
		await expect(lone.getByText('Kun sagsbehandlere ser, hvem der har bedt om aktindsigt.')).toBeVisible();
		const jens = await newPage(browser, baseURL);
		await loginAs(jens, 'demo-jens');
		await jens.getByRole('button', { name: 'Se Saras sider' }).click();
		expect((await jens.request.get('/mine-data/eksport.json', { maxRedirects: 0 })).status()).toBe(403);
	});
});
