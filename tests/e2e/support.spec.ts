import type { Browser, Page } from '@playwright/test';
import { checkA11y, E2E_ORIGIN, expect, loginAs, openViewMenu, setReading, test } from './fixtures';

/**
 * Supported consent and "see what my relative sees", end to end through the real login:
 * - Sara looks at her pages as her father Jens sees them: page by page the same headings,
 *   sections, items and refusals as Jens's own session, forms refused, and no access-log row;
 * - "Explain it to me" (easy-read, read aloud, an example), "I want to talk about it first" (one
 *   task for Lone however often pressed, a reminder on Sara's home page until Lone marks it done);
 * - naming a supporter, who then sees the consent questions and nothing of Sara's data, also
 *   from the screen where she invites a relative (and back to it);
 * - "renew" and "let it end" side by side for Fatima's consent that ends within 30 days.
 */

/** A stand-in speech engine (as in reading.spec.ts): records what is spoken. */
async function stubSpeech(page: Page) {
	await page.addInitScript(() => {
		const spoken: string[] = [];
		(window as unknown as { __spoken: string[] }).__spoken = spoken;
		class Utterance {
			text: string;
			lang = '';
			voice: unknown = null;
			onend: (() => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		const engine = {
			getVoices: () => [{ lang: 'da-DK', name: 'Dansk' }],
			speak: (u: Utterance) => {
				spoken.push(u.text);
				setTimeout(() => u.onend?.(), 10);
			},
			cancel: () => {},
			addEventListener: () => {},
			removeEventListener: () => {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
	});
}

async function personPage(browser: Browser, subject: string) {
	const context = await browser.newContext({ baseURL: E2E_ORIGIN });
	const page = await context.newPage();
	await loginAs(page, subject);
	return page;
}

/** What a person sees of a page: the status, the menu, and the main content's structure and words. */
async function snapshot(page: Page, path: string) {
	const response = await page.goto(path);
	const main = page.locator('main');
	return {
		path,
		status: response?.status(),
		menu: await page.locator('header nav li').allInnerTexts(),
		headings: await main.locator('h1, h2, h3, h4').allInnerTexts(),
		sections: await main.locator('section').evaluateAll((els) => els.map((e) => e.getAttribute('aria-labelledby'))),
		items: await main.locator('li').allInnerTexts(),
		forms: await main.locator('form').evaluateAll((els) => els.map((e) => e.getAttribute('action'))),
		text: (await main.innerText()).replace(/\s+/g, ' ').trim()
	};
}

/** A form post as the page would send it (same origin), without following the answer. */
async function post(page: Page, path: string, form: Record<string, string>) {
	const response = await page.request.post(path, {
		form,
		// A browser's form post: an HTML answer with the action's status (not SvelteKit's JSON one).
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		maxRedirects: 0
	});
	return response.status();
}

async function accessLogTotal(page: Page) {
	await page.goto('/adgangslog');
	const total = await page.getByText(/^I alt: \d+$/).textContent();
	return Number(total!.replace(/\D/g, ''));
}

test.describe('see what my relative sees', () => {
	test('Sara sees exactly what Jens sees, page by page, read-only and without an access-log row', async ({
		browser
	}) => {
		// Two logins and 14 pages seen twice: on a busy machine this passed the 60 s default.
		test.setTimeout(180_000);
		const jens = await personPage(browser, 'demo-jens');
		const sara = await personPage(browser, 'demo-sara');
		// Sara reads in easy-read; Jens switches to it too, so the words can be compared.
		await jens.goto('/som-paaroerende');
		await setReading(jens, 'easy');
		// The switch saves Jens's setting; his next login anywhere else brings it, which no other test counts on.
		try {
			await jens.getByRole('button', { name: 'Se Saras sider' }).click();
			await jens.goto('/moeder');
			const meeting = await jens
				.locator('main a[href^="/moeder/"]:not([href*="test-kamera"])')
				.first()
				.getAttribute('href');
			expect(meeting).toMatch(/^\/moeder\/[0-9a-f-]{36}$/);
			const pages = [
				'/',
				'/plan',
				'/moeder',
				meeting!,
				'/hjaelp',
				'/mere',
				'/dagbog',
				'/logbog',
				'/kriseplan',
				'/samtykke',
				'/paaroerende',
				'/adgangslog',
				'/mine-data',
				'/samtykke/bisidder'
			];

			const before = await accessLogTotal(sara);
			await sara.goto('/paaroerende');
			const far = sara.locator('li.relative').filter({ hasText: 'Far' });
			await far.getByRole('button', { name: 'Se det, som Jens ser' }).click();
			await expect(sara).toHaveURL(`${E2E_ORIGIN}/`);
			const banner = sara.getByRole('region', { name: 'Du ser dine sider, som Jens ser dem.' });
			await expect(banner).toBeVisible();
			await expect(banner).toContainText('Du kan ikke ændre noget her.');
			await checkA11y(sara);

			// Every page as Sara sees it through Jens's eyes, then as Jens sees it himself.
			const asJens = [];
			for (const path of pages) {
				asJens.push(await snapshot(sara, path));
				await expect(banner, `banner on ${path}`).toBeVisible();
			}
			// Forms are refused while looking, as they are for Jens.
			const subgoalNote = { subgoalId: '00000000-0000-4000-8000-000000000000', text: 'Hej' };
			expect(await post(sara, '/plan?/note', subgoalNote)).toBe(403);
			expect(
				await post(sara, '/samtykke?/talk', { kind: 'talk_about_consent', subject: 'share_with_job_consultant' })
			).toBe(403);
			// One tap back: Sara's own pages again, and looking left no row in her access log.
			await banner.getByRole('button', { name: 'Tilbage til mine egne sider' }).click();
			await expect(sara).toHaveURL(`${E2E_ORIGIN}/paaroerende`);
			await expect(sara.getByRole('region', { name: /som Jens ser dem/ })).toHaveCount(0);
			expect(await accessLogTotal(sara)).toBe(before);

			const real = [];
			for (const path of pages) real.push(await snapshot(jens, path));
			expect(await post(jens, '/plan?/note', subgoalNote)).toBe(403);
			for (let i = 0; i < pages.length; i++) expect(asJens[i], `as Jens: ${pages[i]}`).toEqual(real[i]);
			// The comparison is not empty: what Jens may see is there, what he may not is refused.
			const byPath = Object.fromEntries(real.map((r) => [r.path, r]));
			expect(byPath['/plan'].status).toBe(200);
			expect(byPath['/plan'].headings.length).toBeGreaterThan(3);
			expect(byPath[meeting!].status).toBe(200);
			for (const path of ['/dagbog', '/logbog', '/kriseplan', '/samtykke', '/paaroerende', '/adgangslog'])
				expect(byPath[path].status, path).toBe(403);
			expect(byPath['/'].menu).toEqual(['I dag', 'Min plan', 'Møder', 'Mere']);
			// Jens's own reads are in Sara's access log, as always.
			expect(await accessLogTotal(sara)).toBeGreaterThan(before);
		} finally {
			await jens.context().close();
			await sara.context().close();
		}
	});
});

test.describe('supported consent', () => {
	test('explain it to me: easy-read, read aloud, an example; axe at 360 px and in Arabic', async ({
		page,
		loginAs: login
	}) => {
		await stubSpeech(page);
		await login(page, 'demo-sara');
		await page.goto('/samtykke');
		const health = page
			.locator('article')
			.filter({ has: page.getByRole('heading', { name: 'Oplysninger om dit helbred' }) });
		await health.getByText('Forklar det for mig').click();
		const explanation = health.locator('.explain-body');
		await expect(explanation).toContainText('Hvis du siger ja, må din mentor også få det at vide.');
		await expect(explanation).toContainText('For eksempel: Du har ADHD. Din mentor ved det. Så holder I korte møder.');
		await checkA11y(page);
		await health.evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: 'test-results/support-explain-easy-360.png' });
		await explanation.evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: 'test-results/support-explain-easy-360-2.png' });

		await explanation.getByRole('button', { name: 'Læs højt' }).click();
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.join(' ')))
			.toContain('Så holder I korte møder.');

		// Every relative's scope is explained on the relatives page too.
		await page.goto('/paaroerende');
		const far = page.locator('li.relative').filter({ hasText: 'Far' });
		await far.getByText('Forklar det for mig').click();
		await expect(far.locator('.explain-body')).toContainText('Din bror ser dit møde tirsdag.');
		await checkA11y(page);

		// Arabic, right to left: the same page with the explanation open passes axe.
		await openViewMenu(page);
		await page.getByRole('button', { name: 'العربية' }).click();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.goto('/samtykke');
		await page.locator('details.explain summary').first().click();
		await checkA11y(page);
		for (const path of ['/samtykke', '/paaroerende', '/samtykke/bisidder']) {
			if (path !== '/samtykke') await page.goto(path);
			// Right to left at 360 px: nothing sticks out sideways.
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect({ path, overflow }).toEqual({ path, overflow: 0 });
		}
		await page.goto('/samtykke');
		await page.locator('details.explain summary').first().click();
		await page
			.locator('details.explain')
			.first()
			.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		await page.screenshot({ path: 'test-results/support-explain-arabic-360.png' });
		await openViewMenu(page);
		await page.getByRole('button', { name: 'Dansk' }).click();
	});

	test('I want to talk about it first: one task for Lone, a reminder for Sara until Lone marks it done', async ({
		page,
		browser,
		loginAs: login
	}) => {
		await login(page, 'demo-sara');
		await page.goto('/samtykke');
		const health = page
			.locator('article')
			.filter({ has: page.getByRole('heading', { name: 'Oplysninger om dit helbred' }) });
		await health.getByRole('button', { name: 'Jeg vil gerne tale om det først' }).click();
		await expect(health.getByText('Du vil tale med Lone om det. Lone ved det.')).toBeVisible();
		await expect(health.getByRole('button', { name: 'Jeg vil gerne tale om det først' })).toHaveCount(0);
		// Pressed again (an old tab, a double tap): still one task.
		expect(
			await post(page, '/samtykke?/talk', {
				kind: 'talk_about_consent',
				subject: 'share_health_info_caseworker_mentor'
			})
		).toBe(200);
		// Bad input changes nothing.
		expect(await post(page, '/samtykke?/talk', { kind: 'talk_about_consent', subject: 'tell_everyone' })).toBe(400);
		await page.goto('/');
		const reminder = page.getByRole('region', { name: 'Det vil du tale om' });
		await expect(reminder).toContainText('Du vil tale med Lone om: Oplysninger om dit helbred');
		await checkA11y(page);

		const lone = await personPage(browser, 'demo-lone');
		await lone.goto('/staff');
		const tasks = lone.getByRole('region', { name: 'Borgere, der vil tale med dig' });
		await expect(tasks.getByText('Sara Nielsen vil tale om samtykket: Oplysninger om dit helbred')).toHaveCount(1);
		await checkA11y(lone);
		await tasks.getByRole('link', { name: 'Sara Nielsen' }).click();
		const onCitizen = lone.getByRole('region', { name: 'Vil gerne tale med jer' });
		await expect(onCitizen.getByText('Sara vil tale om samtykket: Oplysninger om dit helbred')).toBeVisible();
		await checkA11y(lone);
		await onCitizen.getByRole('button', { name: 'Vi har talt om det' }).click();
		await expect(lone.getByText('Markeret som klaret.')).toBeVisible();
		await expect(lone.getByRole('region', { name: 'Vil gerne tale med jer' })).toHaveCount(0);
		await lone.goto('/staff');
		await expect(lone.getByText('Sara Nielsen vil tale om samtykket')).toHaveCount(0);
		await lone.context().close();

		// Sara's reminder is gone, and the button is back.
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Det vil du tale om' })).toHaveCount(0);
		await page.goto('/samtykke');
		await expect(health.getByRole('button', { name: 'Jeg vil gerne tale om det først' })).toBeVisible();
	});

	test('renew and let it end, side by side, for Fatima’s consent that ends within 30 days', async ({
		page,
		loginAs: login
	}) => {
		await login(page, 'demo-fatima');
		await page.goto('/');
		const soon = page.getByRole('region', { name: 'Snart slut' });
		const item = soon.locator('article');
		await expect(item).toContainText('Dit ja til "Din plan til jobkonsulenten" slutter');
		const renew = item.getByRole('button', { name: 'Forny i 1 år' });
		const letEnd = item.getByRole('button', { name: 'Lad det slutte' });
		// Side by side at 360 px: the same line, renew first.
		const [a, b] = [await renew.boundingBox(), await letEnd.boundingBox()];
		expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
		expect(a!.x).toBeLessThan(b!.x);
		expect(a!.height).toBeGreaterThanOrEqual(44);
		await checkA11y(page);

		// Bad input changes nothing: someone else's id, or no id.
		expect(await post(page, '/?/renewSoon', { target: 'consent', id: '00000000-0000-4000-8000-000000000000' })).toBe(
			404
		);
		expect(await post(page, '/?/letEnd', { target: 'consent' })).toBe(400);

		await letEnd.click();
		await expect(soon.getByRole('status')).toContainText('Det er gemt. Det slutter');
		await expect(item).toContainText('Du har valgt, at det slutter');
		await expect(item.getByRole('button', { name: 'Lad det slutte' })).toHaveCount(0);

		// Changed her mind: renewed on the consent page, for a year from today.
		await page.goto('/samtykke');
		await checkA11y(page);
		await page.getByRole('region', { name: 'Snart slut' }).getByRole('button', { name: 'Forny i 1 år' }).click();
		const nextYear = String(new Date().getFullYear() + 1);
		await expect(page.getByRole('status').filter({ hasText: 'Det er fornyet.' })).toContainText(nextYear);
		await expect(page.getByRole('region', { name: 'Snart slut' }).locator('article')).toHaveCount(0);
		const history = page.locator('#historik');
		await expect(history).toContainText('Du fornyede dit samtykke: Din plan til jobkonsulenten.');
		await expect(history).toContainText('Du valgte, at dit samtykke slutter');
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Snart slut' })).toHaveCount(0);
	});

	test('a supporter sees the consent questions and nothing of the data; removing them refuses the next look', async ({
		page,
		browser,
		loginAs: login
	}) => {
		// Two people and four axe checks: on a busy machine this passed the 60 s default.
		test.setTimeout(120_000);
		await login(page, 'demo-sara');
		await page.goto('/samtykke');
		await page.getByRole('link', { name: 'Vælg en, der kan hjælpe dig' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Hjælp til at beslutte' })).toBeVisible();
		const chosen = page.getByRole('region', { name: 'Dem, du har valgt' });
		await expect(chosen.getByText('Jens Nielsen', { exact: true })).toBeVisible();
		await checkA11y(page);

		// Nothing chosen and no name: said beside the field, nothing saved.
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.getByText('Skriv noget her.')).toBeVisible();
		await expect(chosen.locator('li.supporter')).toHaveCount(1);
		await page.getByLabel('Navn').fill('Hanne Bisidder');
		await page.getByLabel('Telefon (hvis du vil)').fill('abc');
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.getByText('Skriv et telefonnummer med tal')).toBeVisible();
		await page.getByLabel('Telefon (hvis du vil)').fill('20 30 40 50');
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.locator('main').getByRole('status')).toContainText('Gemt. Hanne Bisidder kan hjælpe dig.');
		await expect(chosen.locator('li.supporter')).toHaveCount(2);
		await checkA11y(page);

		// Jens helps: he sees the questions Sara is asked, not her answers or her consent page.
		const jens = await personPage(browser, 'demo-jens');
		await jens.goto('/som-paaroerende');
		await jens.getByRole('link', { name: 'Du hjælper andre, når de skal vælge' }).click();
		await jens.getByRole('link', { name: 'Se, hvad Sara bliver spurgt om' }).click();
		await expect(jens.getByRole('heading', { level: 1, name: 'Det bliver Sara spurgt om' })).toBeVisible();
		await expect(jens.locator('main')).toContainText('må fortælle min mentor om mit helbred');
		await checkA11y(jens);
		const questions = jens.url();
		// Looking at Sara's pages as her relative, her consent page is still refused.
		await jens.goto('/som-paaroerende');
		await jens.getByRole('button', { name: 'Se Saras sider' }).click();
		expect((await jens.goto('/samtykke'))?.status()).toBe(403);
		expect((await jens.goto('/samtykke/bisidder'))?.status()).toBe(403);

		await page.getByRole('button', { name: 'Fjern Jens Nielsen' }).click();
		await expect(page.locator('main').getByRole('status')).toContainText('Jens Nielsen hjælper dig ikke mere.');
		expect((await jens.goto(questions))?.status()).toBe(403);
		await jens.context().close();
	});
	test('the invitation screen has the supporter too: Sara names a bisidder from it and comes back to it', async ({
		page,
		loginAs: login
	}) => {
		await login(page, 'demo-sara');
		await page.goto('/paaroerende/inviter');
		// All three helps on the screen where she invites a relative.
		await expect(page.getByText('Forklar det for mig').first()).toBeVisible();
		await expect(page.getByRole('button', { name: 'Jeg vil gerne tale om det først' })).toBeVisible();
		const help = page.getByRole('region', { name: 'Hjælp til at beslutte' });
		await expect(help).toContainText('De ser spørgsmålene. De ser ikke dine ting.');
		await checkA11y(page);
		await help.scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/support-invite-supporter-easy-360.png' });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

		await help.getByRole('link', { name: 'Vælg en, der kan hjælpe dig' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Hjælp til at beslutte' })).toBeVisible();
		// No one chosen and no name: said beside the field, nothing saved; the way back stays the same.
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.getByText('Skriv noget her.')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Tilbage til invitationen' })).toBeVisible();
		await page.getByLabel('Navn').fill('Kim Bisidder');
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.locator('main').getByRole('status')).toContainText('Gemt. Kim Bisidder kan hjælpe dig.');
		await page.getByRole('link', { name: 'Tilbage til invitationen' }).click();
		await expect(page).toHaveURL(`${E2E_ORIGIN}/paaroerende/inviter`);
		await expect(help.getByText('Kim Bisidder', { exact: true })).toBeVisible();
		// And Kim can be taken off again.
		await page.goto('/samtykke/bisidder');
		await page.getByRole('button', { name: 'Fjern Kim Bisidder' }).click();
		await expect(page.locator('main').getByRole('status')).toContainText('Kim Bisidder hjælper dig ikke mere.');
	});
});
