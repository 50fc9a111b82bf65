/**
 * Every page of the PWA, checked the way an assistive technology and a cheap phone see it:
 * each control in Chromium's accessibility tree has a name, nothing is wider than a 360 px
 * screen, and the keyboard alone reaches and uses the controls. It also takes the screenshots
 * of the main screens, in Kyrgyz and English (`MEKENDESH_SCREENSHOTS=1` puts them in
 * docs/screenshots/).
 *
 * Demo data (a few hundred members, needs, offers) is loaded into the real server first.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, generateDemo } from '../../server/src/demo.ts';
import type { Key } from '../../pwa/src/i18n/index.ts';
import { en, ky, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';

/** `MEKENDESH_SCREENSHOTS=1` writes them into docs/screenshots/ (to commit); otherwise into a temp folder. */
const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');
/** Roles of controls that must carry a name. */
const CONTROLS = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'listbox', 'slider', 'switch', 'tab', 'menuitem']);
const PAGES: { hash: string; nav: Key; shot: string }[] = [
  { hash: 'profile', nav: 'nav.profile', shot: 'profile' },
  { hash: 'bank', nav: 'nav.bank', shot: 'search' },
  { hash: 'offers', nav: 'nav.offers', shot: 'offers' },
  { hash: 'needs', nav: 'nav.needs', shot: 'needs' },
  { hash: 'for-me', nav: 'nav.forMe', shot: 'needs-for-me' },
  { hash: 'engagements', nav: 'nav.engagements', shot: 'engagements' },
  { hash: 'notifications', nav: 'nav.notifications', shot: 'notifications' },
  { hash: 'projects', nav: 'nav.projects', shot: 'projects' },
];
/** The demo member edits this project's workspace (demo data). */
const BATKEN = 'Баткен облусундагы жабыркаган үй-бүлөлөргө жардам';

interface AxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  properties?: { name: string; value: { value?: unknown } }[];
}

/** Controls in the accessibility tree without a name (role and a hint of where). */
async function unnamedControls(cdp: CDPSession): Promise<string[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  const controls = nodes.filter((n) => !n.ignored && CONTROLS.has(n.role?.value ?? ''));
  // Not a vacuous pass: every page has at least its navigation, language picker and sign-out.
  if (controls.length < 3) return [`only ${controls.length} controls in the tree`];
  return controls
    .filter((n) => !(n.name?.value ?? '').trim())
    .map((n) => `${n.role?.value} ${JSON.stringify(n.properties?.map((p) => p.name) ?? [])}`);
}

/** How far the page is wider than the window (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the PWA for assistive technology and small screens', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-a11y-');
    await generateDemo(env.server.store, { members: 400, logN: 10, now: new Date() });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('names every control, fits 360 px, and on every page in Kyrgyz and English', async () => {
    const page = await env.page();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Accessibility.enable');
    await env.withLog(async () => {
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto(env.server.url);
      await page.getByLabel(ky('auth.email')).waitFor();
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, 'sign-in-ky.png'), fullPage: true });

      await page.getByRole('button', { name: ky('auth.haveAccount') }).click();
      await page.getByLabel(ky('auth.email')).fill('member@demo.mekendesh.kg');
      await page.getByLabel(ky('auth.password')).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
      const status = page.getByRole('status', { name: ky('status.label') });
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })], 60_000);

      for (const [locale, tr] of [['ky', ky], ['en', en]] as const) {
        if (locale === 'en') await page.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
        for (const p of PAGES) {
          await page.getByRole('navigation', { name: tr('nav.label') }).getByRole('link', { name: tr(p.nav), exact: p.nav !== 'nav.notifications' }).click();
          await page.waitForFunction((h) => location.hash === `#/${h}`, p.hash);
          if (p.hash === 'bank') await page.getByRole('searchbox', { name: tr('search.label') }).fill(locale === 'ky' ? 'Ош курулуш' : 'Osh construction');
          // Let the page's data arrive (lists read the local store; search runs in the worker).
          await page.waitForTimeout(700);
          const where = `${p.hash} (${locale}, 360 px)`;
          expect(await unnamedControls(cdp), where).toEqual([]);
          expect(await overflow(page), where).toBeLessThanOrEqual(0);
          await page.screenshot({ path: join(SHOTS, `${p.shot}-${locale}.png`), fullPage: true });
          if (p.hash === 'bank') {
            // A compatriot's profile, as this member may see it.
            await page.getByRole('list', { name: tr('search.results.label') }).getByRole('button').first().click();
            await page.getByRole('button', { name: tr('compatriot.back') }).waitFor();
            expect(await unnamedControls(cdp), `compatriot (${locale})`).toEqual([]);
            expect(await overflow(page), `compatriot (${locale})`).toBeLessThanOrEqual(0);
            await page.screenshot({ path: join(SHOTS, `compatriot-${locale}.png`), fullPage: true });
            await page.getByRole('button', { name: tr('compatriot.back') }).click();
          }
          if (p.hash === 'projects') {
            // A project's workspace (notes, board with tasks, presence), then its history.
            await page.getByRole('region', { name: tr('projects.title') }).getByRole('link', { name: BATKEN }).click();
            await waitForText(page, page.getByRole('status', { name: tr('workspace.connection') }), [tr('workspace.connection.synced')], 30_000);
            await page.waitForTimeout(500);
            expect(await unnamedControls(cdp), `project overview (${locale})`).toEqual([]);
            expect(await overflow(page), `project overview (${locale})`).toBeLessThanOrEqual(0);
            await page.getByRole('navigation', { name: tr('workspace.sections') }).getByRole('link', { name: tr('workspace.tab.work') }).click();
            await page.getByRole('region', { name: tr('board.title') }).getByRole('article').first().waitFor();
            await page.waitForTimeout(300);
            expect(await unnamedControls(cdp), `workspace (${locale})`).toEqual([]);
            expect(await overflow(page), `workspace (${locale})`).toBeLessThanOrEqual(0);
            await page.screenshot({ path: join(SHOTS, `workspace-phone-${locale}.png`), fullPage: true });
            await page.getByRole('navigation', { name: tr('workspace.sections') }).getByRole('link', { name: tr('workspace.tab.history') }).click();
            await page.getByRole('list', { name: tr('history.list') }).getByRole('listitem').first().waitFor();
            await page.getByRole('list', { name: tr('history.list') }).getByRole('button').first().click();
            await page.getByRole('region', { name: tr('board.title') }).getByRole('article').first().waitFor();
            expect(await unnamedControls(cdp), `workspace history (${locale})`).toEqual([]);
            expect(await overflow(page), `workspace history (${locale})`).toBeLessThanOrEqual(0);
          }
        }
      }
      // Desktop width: the same pages lay out in columns, still nothing cut off.
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const p of PAGES) {
        await page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en(p.nav), exact: p.nav !== 'nav.notifications' }).click();
        await page.waitForTimeout(300);
        expect(await overflow(page), `${p.hash} (1280 px)`).toBeLessThanOrEqual(0);
      }
      await page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en('nav.profile') }).click();
      await page.screenshot({ path: join(SHOTS, 'desktop-width-en.png'), fullPage: true });
    });
  });

  it('works with the keyboard alone: moves between pages and saves the profile', async () => {
    const page = await env.page();
    await env.withLog(async () => {
      await page.setViewportSize({ width: 1024, height: 800 });
      await page.goto(`${env.server.url}/#/profile`);
      await page.getByRole('navigation', { name: en('nav.label') }).waitFor();
      /** Presses Tab until the focused element satisfies `want` (at most 80 times). */
      const tabTo = async (want: (el: { label: string; tag: string; text: string }) => boolean, what: string) => {
        for (let i = 0; i < 80; i++) {
          await page.keyboard.press('Tab');
          const el = await page.evaluate(() => {
            const a = document.activeElement as HTMLElement | null;
            const id = a?.id;
            const label = (id && document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent) || a?.getAttribute('aria-label') || '';
            return { label: label.trim(), tag: a?.tagName.toLowerCase() ?? '', text: (a?.textContent ?? '').trim() };
          });
          if (want(el)) return;
        }
        throw new Error(`Tab never reached ${what}`);
      };
      // The focus is always visible: a focused link has an outline or an underline.
      await tabTo((el) => el.tag === 'a' && el.text.startsWith(en('nav.offers')), 'the Offers link');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#/offers');

      await page.goto(`${env.server.url}/#/profile`);
      await page.getByRole('form', { name: en('profile.title') }).waitFor();
      await tabTo((el) => el.label === en('profile.city'), 'the City field');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Бишкек');
      await tabTo((el) => el.tag === 'button' && el.text === en('profile.save'), 'Save');
      await page.keyboard.press('Enter');
      await waitForText(page, page.getByRole('form', { name: en('profile.title') }), [en('profile.saved')]);
      const me = env.server.store.db.get<{ account_id: string }>('SELECT account_id FROM credentials WHERE email = ?', ['member@demo.mekendesh.kg'])!;
      await expect.poll(() => env.server.store.records.get('profiles', me.account_id)?.city, { timeout: 15_000 }).toBe('Бишкек');
    });
  });
});
