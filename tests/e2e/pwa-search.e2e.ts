/**
 * The skills bank end to end: compatriots with profiles (signed up and edited over the API),
 * then, in the built PWA in Chromium against the real server, by role and label only: text
 * search across scripts and with a typo, facets that narrow the results with counts that match
 * them (folded at 360 px), clearing, and a compatriot's profile that shows what they share and
 * nothing they keep private, with a back control that keeps the query and the filters.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES, SKILLS, type ProfileFields, type ProfileVisibility } from '@mekendesh/core';
import type { Locator } from 'playwright-core';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually, openClient, signUp } from '../kit/server.ts';

const PRIVATE_PHONE = '+996555000111';
const OTHER_PRIVATE_PHONE = '+996700222333';

const PEOPLE: { name: string; patch: Partial<ProfileFields>; visibility?: Partial<ProfileVisibility> }[] = [
  {
    name: 'Bakyt',
    patch: {
      nameCyrillic: 'Бакыт Токтогулов', nameLatin: 'Bakyt Toktogulov', country: 'RU', city: 'Москва', homeRegion: 'bishkek_city',
      sectors: ['construction'], skills: ['construction.welding'], skillsAbroad: ['construction.roofing'], languages: ['ky', 'ru'],
      availability: 'long', formats: ['onsite'], yearsExperience: 12, email: 'bakyt@example.org', phone: PRIVATE_PHONE,
      bio: 'Москвада 12 жыл курулушта иштедим.',
    },
    // Email shared with members, phone kept private (its default).
    visibility: { email: 'members' },
  },
  {
    name: 'Aigul',
    patch: {
      nameCyrillic: 'Айгүл Асанова', nameLatin: 'Aigul Asanova', country: 'TR', city: 'Стамбул', homeRegion: 'osh',
      sectors: ['health'], skills: ['health.nursing'], languages: ['ky', 'tr'], availability: 'short', formats: ['remote_mentoring'],
      phone: OTHER_PRIVATE_PHONE,
    },
  },
  {
    name: 'Nurlan',
    patch: {
      nameLatin: 'Nurlan Osmonov', country: 'RU', city: 'Novosibirsk', homeRegion: 'osh', sectors: ['construction'],
      skills: ['construction.roofing'], languages: ['ru'], availability: 'short', formats: ['onsite', 'investment'],
    },
  },
  {
    name: 'Jypar',
    patch: {
      nameCyrillic: 'Жыпар Осмонова', country: 'US', city: 'Chicago', homeRegion: 'jalal_abad', sectors: ['education'],
      skills: ['education.school_teaching'], languages: ['ky', 'en'], availability: 'medium', formats: ['training'],
    },
  },
];

const country = (id: string) => COUNTRIES.find((c) => c.id === id)!.labels.ky;
const skill = (id: string) => SKILLS.find((s) => s.id === id)!.labels.ky;

describe('the PWA skills bank in Chromium against the real server', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-search-');
    for (const person of PEOPLE) {
      const user = await signUp(env.server.url, person.name);
      const c = openClient(env.server, user);
      try {
        c.client.mutate('profile.update', { id: user.account.id, patch: person.patch, ...(person.visibility ? { visibility: person.visibility } : {}) });
        await c.client.syncNow();
        if (c.client.status().pending !== 0) throw new Error(`profile of ${person.name} not pushed`);
      } finally {
        await c.close();
      }
    }
  });

  afterAll(async () => {
    await env?.close();
  });

  it('searches by text across scripts and with a typo, filters by facets with matching counts, and opens a profile', async () => {
    const page = await env.page();
    await env.withLog(async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      await signUpInApp(page, env, 'Асель');
      await page.getByRole('navigation', { name: ky('nav.label') }).getByRole('link', { name: ky('nav.bank') }).click();
      const bank = page.getByRole('region', { name: ky('search.title') });
      const box = bank.getByRole('searchbox', { name: ky('search.label') });
      const count = bank.getByRole('status');
      const hits = bank.getByRole('list', { name: ky('search.results.label') }).getByRole('button');
      const names = () => hits.allTextContents();
      // The search answers asynchronously: the count and names on screen may still be the
      // previous query's when it had the same count, so the expected names are waited for.
      const search = async (text: string, found: number, expected?: string[]) => {
        await box.fill(text);
        await waitForText(page, count, [ky('search.results', { count: found })]);
        await eventually(async () => (await hits.count()) === found);
        if (expected) await expect.poll(async () => (await names()).sort(), { timeout: 15_000 }).toEqual([...expected].sort());
      };

      // Everyone pulled: four compatriots and the viewer.
      await waitForText(page, count, [ky('search.results', { count: PEOPLE.length + 1 })]);

      // Text, in either script, and with a typo.
      await search('Toktogulov', 1, ['Бакыт Токтогулов · Bakyt Toktogulov']);
      await search('Bishkek', 1, ['Бакыт Токтогулов · Bakyt Toktogulov']);
      await search('Бишкек', 1, ['Бакыт Токтогулов · Bakyt Toktogulov']);
      const osh = ['Nurlan Osmonov', 'Айгүл Асанова · Aigul Asanova'];
      await search('Osh', 2, osh);
      await search('Ош', 2, osh);
      await search('Нурлан', 1, ['Nurlan Osmonov']);
      await search('Toktogulv', 1, ['Бакыт Токтогулов · Bakyt Toktogulov']);
      await search('Осмонов', 2, ['Nurlan Osmonov', 'Жыпар Осмонова']);

      // At 360 px the filters are folded; the summary opens them.
      await search('', PEOPLE.length + 1);
      const countryGroup = bank.getByRole('group', { name: ky('facet.country') });
      const russia = countryGroup.getByRole('checkbox', { name: country('RU'), exact: true });
      expect(await russia.isVisible()).toBe(false);
      await bank.getByText(ky('search.filters'), { exact: true }).click();
      await russia.waitFor({ state: 'visible' });

      // The number beside a value is what choosing it gives.
      const shown = async (box: Locator) => {
        const id = await box.getAttribute('aria-describedby');
        return Number(((await page.locator(`[id="${id}"]`).textContent()) ?? '').replace(/\D/g, ''));
      };
      expect(await shown(russia)).toBe(2);
      expect(await shown(countryGroup.getByRole('checkbox', { name: country('TR'), exact: true }))).toBe(1);
      await russia.check();
      await waitForText(page, count, [ky('search.results', { count: 2 })]);
      expect((await names()).sort()).toEqual(['Nurlan Osmonov', 'Бакыт Токтогулов · Bakyt Toktogulov']);
      // Counts within the country facet ignore its own choice; the others follow it.
      expect(await shown(countryGroup.getByRole('checkbox', { name: country('TR'), exact: true }))).toBe(1);
      const availability = bank.getByRole('group', { name: ky('facet.availability') });
      const short = availability.getByRole('checkbox', { name: ky('availability.short'), exact: true });
      await eventually(async () => (await shown(short)) === 1);
      await eventually(async () => (await bank.getByRole('group', { name: ky('facet.sector') }).getByRole('checkbox').count()) === 1);
      // A filter combines with the text.
      await search('Osh', 1, ['Nurlan Osmonov']);
      await short.check();
      await waitForText(page, count, [ky('search.results', { count: 1 })]);
      await search('', 1);

      // Keyboard: Space toggles a focused checkbox.
      await short.focus();
      await page.keyboard.press('Space');
      await waitForText(page, count, [ky('search.results', { count: 2 })]);
      expect(await short.isChecked()).toBe(false);

      // Clearing brings everyone back.
      await bank.getByRole('button', { name: ky('search.clear') }).click();
      await waitForText(page, count, [ky('search.results', { count: PEOPLE.length + 1 })]);
      expect(await russia.isChecked()).toBe(false);

      // A profile: what Bakyt shares, in words, and not his private phone nor anyone else's.
      await page.setViewportSize({ width: 1280, height: 900 });
      await russia.check();
      await search('Bakyt', 1);
      await hits.first().click();
      const profile = bank.getByRole('article', { name: 'Бакыт Токтогулов · Bakyt Toktogulov' });
      await profile.waitFor();
      await waitForText(page, profile, [
        'Москва', country('RU'), skill('construction.welding'), skill('construction.roofing'), ky('availability.long'),
        ky('format.onsite'), 'bakyt@example.org', 'Москвада 12 жыл курулушта иштедим.',
      ]);
      const section = (key: Parameters<typeof ky>[0]) => profile.getByRole('region', { name: ky(key) });
      expect(await section('compatriot.skills').getByText(skill('construction.roofing')).count()).toBe(1);
      expect(await section('compatriot.contacts').getByRole('link', { name: 'bakyt@example.org' }).count()).toBe(1);
      const pageText = (await page.locator('body').textContent()) ?? '';
      expect(pageText).not.toContain(PRIVATE_PHONE);
      expect(pageText).not.toContain(OTHER_PRIVATE_PHONE);
      expect(await profile.getByText(ky('profile.phone'), { exact: true }).count()).toBe(0);
      // The profile heading has the focus.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');

      // The browser's Back returns to the results too, and Forward to the profile.
      await page.goBack();
      await waitForText(page, count, [ky('search.results', { count: 1 })]);
      expect(await box.inputValue()).toBe('Bakyt');
      await page.goForward();
      await profile.waitFor();

      // Back: the query and the filters are as they were, and the hit has the focus again.
      await profile.getByRole('button', { name: ky('compatriot.back') }).click();
      await waitForText(page, count, [ky('search.results', { count: 1 })]);
      expect(await box.inputValue()).toBe('Bakyt');
      expect(await russia.isChecked()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Бакыт Токтогулов · Bakyt Toktogulov');

      expect(env.unexpectedErrors(/401/)).toEqual([]);
    });
  });
});
