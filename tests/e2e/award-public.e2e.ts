/**
 * The award's public pages in headless Chromium, as anyone without an account sees them: the
 * winners page, the verification page a certificate's QR code opens (genuine, then revoked),
 * and the endorsement form behind a one-time link. Found by roles and labels, in Kyrgyz and
 * English, no scripts, nothing wider than a 360 px phone. `MEKENDESH_SCREENSHOTS=1` writes
 * docs/screenshots/award-{winners,verify}-{ky,en}.png and award-endorse-ky.png.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_CATALOGUES as CATALOGUES } from '@mekendesh/i18n/pages';
import { generateDemo } from '../../server/src/demo.ts';
import { CredentialService } from '../../server/src/awards/credentials.ts';
import { AwardStore } from '../../server/src/storage/award-store.ts';
import { launchChromium } from '../kit/chromium.ts';
import { startTestServer } from '../kit/server.ts';

const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the award’s public pages in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let credentials: CredentialService;

  beforeAll(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { members: 20, logN: 10, now: new Date('2026-06-01T00:00:00Z') });
    credentials = CredentialService.inDataDir(server.store, server.dataDir);
    expect(credentials.issuePending(server.url)).toHaveLength(2);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const locale of ['ky', 'en'] as const) {
    it(`winners with their stories, and a genuine certificate’s verification page (${locale})`, async () => {
      const m = CATALOGUES[locale];
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
      const page = await context.newPage();
      try {
        expect((await page.goto(`${server.url}/winners?lang=${locale}`))?.status()).toBe(200);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(m['winnersPage.title']);
        const winners = page.getByRole('article');
        expect(await winners.count()).toBe(2);
        expect(await page.getByRole('heading', { level: 3, name: 'Гүлнара Садыкова' }).count()).toBe(1);
        expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(locale === 'ky' ? '2024-жыл' : '2024');
        // Nominations still in review or without consent are not there; nor are contacts.
        const text = (await page.textContent('body')) ?? '';
        for (const absent of ['Эрлан Токтосунов', 'Айпери Осмонова', '@', '+996']) expect(text, absent).not.toContain(absent);
        expect(await page.locator('script').count()).toBe(0);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `award-winners-${locale}.png`), fullPage: true });

        // The story's certificate: the verification page says genuine and names the facts.
        await page.getByRole('article', { name: 'Гүлнара Садыкова' }).getByRole('link', { name: m['winnersPage.verify'] }).click();
        expect(page.url()).toMatch(/\/verify\/[0-9a-f-]{36}\?lang=/);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(m['verifyPage.title']);
        expect(await page.getByRole('status').textContent()).toBe(m['verifyPage.valid']);
        const facts = (await page.locator('dl').textContent()) ?? '';
        expect(facts).toContain('Гүлнара Садыкова');
        expect(facts).toContain(locale === 'ky' ? 'Мыкты Мекендеш 2024' : 'Mykty Mekendesh 2024');
        for (const l of ['KY', 'RU', 'EN']) expect(await page.getByRole('link', { name: `${m['verifyPage.pdf']} (${l})` }).count()).toBe(1);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `award-verify-${locale}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }

  it('a revoked certificate shows as revoked, and an unknown one as not found', async () => {
    const row = server.store.db.get<{ id: string }>("SELECT id FROM credentials_issued WHERE subject_ref = 'demo-nomination-2402'")!;
    credentials.revoke(row.id, 'Ката менен берилген', null);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/verify/${row.id}?lang=ru`);
      expect(await page.getByRole('alert').textContent()).toBe(CATALOGUES.ru['verifyPage.revoked']);
      const res = await page.goto(`${server.url}/verify/00000000-0000-4000-8000-000000000000?lang=en`);
      expect(res?.status()).toBe(404);
      expect(await page.getByRole('alert').textContent()).toBe(CATALOGUES.en['verifyPage.notFound']);
    } finally {
      await context.close();
    }
  });

  it('the endorsement form behind a one-time link: labelled fields, a translated refusal, then thanks', async () => {
    const awards = new AwardStore(server.store);
    const embassy = server.store.db.get<{ id: string }>("SELECT account_id AS id FROM credentials WHERE email = 'embassy@demo.mekendesh.kg'")!.id;
    const { token } = awards.createEndorsementLink(embassy, 'demo-nomination-2602', 'Сеулдагы мугалим');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    const ky = CATALOGUES.ky;
    try {
      await page.goto(`${server.url}/endorse/${token}?lang=ky`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(ky['awardPage.endorseTitle']);
      await page.getByLabel(ky['awardPage.endorserName']).fill('Ли Мин Хо');
      await page.getByLabel(ky['awardPage.endorserRelation']).fill('Айперинин мугалими');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, 'award-endorse-ky.png'), fullPage: true });
      // The browser's own check would stop an empty text; the server's is what we test here.
      await page.getByLabel(ky['awardPage.endorsementText']).evaluate((el) => el.removeAttribute('required'));
      await page.getByRole('button', { name: ky['awardPage.send'] }).click();
      expect(await page.getByRole('alert').textContent()).toBe(ky['awardPage.required']);
      expect(await page.getByLabel(ky['awardPage.endorserName']).inputValue()).toBe('Ли Мин Хо');
      await page.getByLabel(ky['awardPage.endorsementText']).fill('Айпери жаштарга чоң үлгү.');
      await page.getByRole('button', { name: ky['awardPage.send'] }).click();
      expect(await page.getByRole('status').textContent()).toBe(ky['awardPage.endorseThanks']);
      const again = await page.goto(`${server.url}/endorse/${token}?lang=ky`);
      expect(again?.status()).toBe(410);
      expect(await page.getByRole('alert').textContent()).toBe(ky['errors.link_used']);
    } finally {
      await context.close();
    }
  });
});
