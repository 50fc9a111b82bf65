/**
 * The public project page in headless Chromium, as a visitor without an account sees it: found
 * by roles and labels, in Kyrgyz and English, totals per currency, no personal data, no
 * scripts, nothing wider than a 360 px phone. `MEKENDESH_SCREENSHOTS=1` writes
 * docs/screenshots/project-public-{ky,en}.png.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_CATALOGUES as CATALOGUES } from '@mekendesh/i18n/pages';
import { generateDemo } from '../../server/src/demo.ts';
import { launchChromium } from '../kit/chromium.ts';
import { startTestServer } from '../kit/server.ts';

const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the public project page in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { members: 20, logN: 10, now: new Date('2026-06-01T00:00:00Z') });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const locale of ['ky', 'en'] as const) {
    it(`shows totals per currency, milestones and updates without sign-in, fits 360 px, no personal data (${locale})`, async () => {
      const m = CATALOGUES[locale];
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
      const page = await context.newPage();
      try {
        const res = await page.goto(`${server.url}/projects/demo-project-01?lang=${locale}`);
        expect(res?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Баткен облусундагы жабыркаган үй-бүлөлөргө жардам');
        for (const key of ['projectPage.about', 'projectPage.money', 'projectPage.milestones', 'projectPage.updates', 'projectPage.pledges', 'projectPage.expenses'] as const) {
          expect(await page.getByRole('heading', { level: 2, name: m[key] }).count(), key).toBe(1);
        }

        // Money: one row per currency, in the order of the currency list, never one sum.
        const money = page.getByRole('region', { name: m['projectPage.money'] }).getByRole('table');
        const rows = money.getByRole('row');
        const cells = async (currency: string) => (await money.getByRole('row', { name: new RegExp(`^${currency}\\b`) }).getByRole('cell').allTextContents()).map((t) => t.replace(/\s/g, ' '));
        expect(await rows.count()).toBe(4);
        const header = (await rows.first().getByRole('columnheader').allTextContents());
        expect(header).toEqual([m['projectPage.currency'], m['projectPage.pledged'], m['projectPage.received'], m['projectPage.spent']]);
        if (locale === 'en') {
          expect(await cells('USD')).toEqual(['$75,000.00', '$70,000.00', '$55,000.00']);
          expect(await cells('KGS')).toEqual(['KGS 500,000.00', 'KGS 0.00', 'KGS 120,000.00']);
          expect(await cells('RUB')).toEqual(['RUB 150,000.00', 'RUB 150,000.00', 'RUB 0.00']);
        } else {
          expect(await cells('KGS')).toEqual(['500 000,00 сом', '0,00 сом', '120 000,00 сом']);
          expect((await cells('USD'))[0]).toMatch(/^75 000,00/);
        }

        // Milestones: progress bars named by their titles.
        const bar = page.getByRole('progressbar', { name: '40 үйдү калыбына келтирүү' });
        expect(await bar.getAttribute('value')).toBe('55');
        expect(await page.getByRole('progressbar').count()).toBe(3);
        // Updates, newest first, with their authors' display names.
        const updates = page.getByRole('region', { name: m['projectPage.updates'] }).getByRole('article');
        expect(await updates.count()).toBe(2);
        expect(await updates.first().textContent()).toContain('22 үйдүн чатыры жабылды');

        // Pledgers: the named donors by name; the rest anonymous; never an email, phone or account id.
        const pledges = page.getByRole('region', { name: m['projectPage.pledges'] });
        expect(await pledges.getByRole('cell', { name: 'Чикагодогу кыргыз диаспорасы' }).count()).toBe(1);
        expect(await pledges.getByRole('cell', { name: m['projectPage.anonymous'] }).count()).toBe(2);
        const text = (await page.textContent('body')) ?? '';
        for (const leak of ['Бишкектеги ишкер', '@', 'demo-m-', 'demo-login', '+7', '+996']) expect(text, leak).not.toContain(leak);
        expect(await page.locator('script').count()).toBe(0);

        // The language switch is a set of links, named, the current one marked.
        const nav = page.getByRole('navigation', { name: m['shell.language'] });
        expect(await nav.getByRole('link').count()).toBe(3);
        expect(await nav.locator('[aria-current="page"]').textContent()).toBe(locale.toUpperCase());

        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `project-public-${locale}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }

  it('a project that is not public is a 404 page, in the visitor’s language', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 }, extraHTTPHeaders: { 'accept-language': 'ru-RU,ru' } });
    const page = await context.newPage();
    try {
      const res = await page.goto(`${server.url}/projects/demo-project-03`);
      expect(res?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(CATALOGUES.ru['projectPage.notFound']);
      expect(await page.textContent('body')).not.toContain('IT-курстар');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
