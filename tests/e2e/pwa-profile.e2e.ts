/**
 * "My profile" end to end: the built PWA in Chromium against the real server, driven by role
 * and label only. Fills the skills-bank fields (home place, languages in order, a skill,
 * sectors, formats, experience, gender, contacts), sees an inline error for a phone that is not
 * E.164, fixes it, saves, and finds the profile on the server.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, SECTORS, SETTLEMENTS, SKILLS } from '@mekendesh/core';
import type { Key } from '../../pwa/src/i18n/index.ts';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually } from '../kit/server.ts';

describe('the PWA profile form in Chromium against the real server', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('fills the skills-bank fields, shows an inline error for a bad phone, and saves once fixed', async () => {
    const page = await env.page();
    const { server } = env;
    await env.withLog(async () => {
      const accountId = await signUpInApp(page, env, 'Бакыт');
      const status = page.getByRole('status', { name: ky('status.label') });

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
      expect(env.unexpectedErrors(/401/)).toEqual([]);
    });
  });
});
