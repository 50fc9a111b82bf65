/**
 * "My profile" end to end: the built PWA in Chromium against the real server, driven by role
 * and label only. Fills the skills-bank fields (home place, languages in order, a skill,
 * sectors, formats, experience, gender, contacts), sees an inline error for a phone that is not
 * E.164, fixes it, saves, and finds the profile on the server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, SECTORS, SETTLEMENTS, SKILLS } from '@mekendesh/core';
import { buildPwa } from '../../pwa/build.ts';
import { t, type Key } from '../../pwa/src/i18n/index.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { eventually, startTestServer } from '../kit/server.ts';

const ky = (key: Key, args?: Record<string, string | number>) => t('ky', key, args);

const waitForText = async (page: Page, locator: Locator, texts: string[], timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = (await locator.textContent().catch(() => '')) ?? '';
    if (texts.every((x) => last.includes(x))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${JSON.stringify(texts)} in ${JSON.stringify(last)}`);
};

describe('the PWA profile form in Chromium against the real server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let chromium: Awaited<ReturnType<typeof launchChromiumProfile>>;
  let dist: string;
  const log: string[] = [];

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'mekendesh-pwa-'));
    await buildPwa({ outDir: dist, logLevel: 'silent' });
    server = await startTestServer({ staticDir: dist });
    chromium = await launchChromiumProfile();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('fills the skills-bank fields, shows an inline error for a bad phone, and saves once fixed', async () => {
    const { context } = chromium;
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    try {
      await page.goto(server.url);
      await page.getByLabel(ky('auth.displayName')).fill('Бакыт');
      await page.getByLabel(ky('auth.email')).fill(`bakyt.${Date.now()}@example.org`);
      await page.getByLabel(ky('auth.password')).fill('correct horse battery');
      await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).click();
      const status = page.getByRole('status', { name: ky('status.label') });
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
      const accountId = (session as { account: { id: string } }).account.id;

      const form = page.getByRole('form', { name: ky('profile.title') });
      const field = (key: Key) => form.getByLabel(ky(key), { exact: true });
      const settlement = SETTLEMENTS.find((s) => SETTLEMENTS.some((o) => o.region !== s.region))!;
      const skill = SKILLS[0]!;
      const sector = SECTORS.find((s) => s.id === skill.sector)!;
      const russian = LANGUAGES.find((l) => l.id === 'ru')!;

      // Home place: the settlement list follows the region.
      expect(await field('profile.homeSettlement').isDisabled()).toBe(true);
      await field('facet.homeRegion').selectOption(settlement.region);
      const offered = await field('profile.homeSettlement').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(offered.filter(Boolean).sort()).toEqual(SETTLEMENTS.filter((s) => s.region === settlement.region).map((s) => s.id).sort());
      await field('profile.homeSettlement').selectOption(settlement.id);

      // Languages in order of use: Kyrgyz, Russian, then Russian moved up.
      await field('profile.addLanguage').selectOption('ky');
      await field('profile.addLanguage').selectOption('ru');
      await form.getByRole('button', { name: ky('profile.moveUp', { item: russian.labels.ky }) }).click();

      // A skill (grouped by sector), a sector, a format, experience, availability, gender.
      await field('profile.addSkill').selectOption(skill.id);
      await form.getByRole('group', { name: ky('profile.sectors') }).getByRole('checkbox', { name: sector.labels.ky }).check();
      await form.getByRole('checkbox', { name: ky('format.remote_mentoring') }).check();
      await field('profile.yearsExperience').fill('8');
      await field('facet.availability').selectOption('long');
      await field('profile.gender').selectOption('female');
      expect(await form.getByLabel(ky('profile.visibilityOf', { field: ky('profile.gender') })).count()).toBe(0);
      await field('profile.bio').fill('Курулушта 8 жыл иштедим.');
      await form.getByLabel(ky('profile.visibilityOf', { field: ky('profile.phone') }), { exact: true }).selectOption('members');

      // A phone without the country code: an inline, translated error, and nothing is saved.
      const phone = field('profile.phone');
      await phone.fill('0555 123 456');
      await form.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, form, [ky('profile.fixErrors'), ky('profile.issue.phone')]);
      expect(await phone.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await phone.getAttribute('aria-describedby'))!.split(' ');
      const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(descriptions).toContain(ky('profile.issue.phone'));
      expect(server.store.records.get('profiles', accountId)?.skills ?? []).toEqual([]);

      // Fixed (spaces are fine): saved, and it reaches the server.
      await phone.fill('+996 555 123 456');
      expect(await phone.getAttribute('aria-invalid')).toBeNull();
      await form.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, form, [ky('profile.saved')]);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      await eventually(() => server.store.records.get('profiles', accountId)?.phone === '+996555123456');
      expect(server.store.records.get('profiles', accountId)).toMatchObject({
        homeRegion: settlement.region,
        homeSettlement: settlement.id,
        languages: ['ru', 'ky'],
        skills: [skill.id],
        sectors: [sector.id],
        formats: ['remote_mentoring'],
        yearsExperience: 8,
        availability: 'long',
        gender: 'female',
        bio: 'Курулушта 8 жыл иштедим.',
        phone: '+996555123456',
        visibility: { phone: 'members', gender: 'private' },
      });
      expect(await phone.getAttribute('aria-invalid')).toBeNull();
      expect(log.filter((l) => (l.startsWith('[error]') || l.startsWith('[pageerror]')) && !l.includes('401'))).toEqual([]);
    } catch (err) {
      const tail = log.slice(-30).join('\n');
      throw err instanceof Error ? Object.assign(err, { message: `${err.message}\nbrowser console:\n${tail}` }) : err;
    }
  });
});
