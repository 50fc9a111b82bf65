/**
 * Skills transfer end to end, in two headless Chromiums (two people, two devices) against the
 * real server, driven by role and label only: a home partner posts a need in the app; a member
 * whose profile matches finds it under "Needs for me" with the reasons and has a match
 * notification; the partner sees the member among the need's ranked matches with reasons; the
 * member expresses interest, the partner accepts, the member starts the work, the partner
 * completes it with hours and beneficiaries, and each side is notified of each step.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, REGIONS, SETTLEMENTS, SKILLS } from '@mekendesh/core';
import type { Key } from '../../pwa/src/i18n/index.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually } from '../kit/server.ts';

const ROOFING = SKILLS.find((s) => s.id === 'construction.roofing')!.labels.ky;
const OSH = REGIONS.find((r) => r.id === 'osh')!.labels.ky;
const KASHKALDAK = SETTLEMENTS.find((s) => s.id === 'osh.kashkaldak')!.labels.ky;
const ORG = 'Кашкалдак айыл өкмөтү';
const TITLE = 'Мектептин чатырын жабуу';
const MEMBER = 'Айбек Токтогулов';
const KYRGYZ = LANGUAGES.find((l) => l.id === 'ky')!.labels.ky;

describe('skills transfer in the PWA: a need, its matches, interest, and a completed engagement', () => {
  let env: PwaEnv;
  let second: Awaited<ReturnType<typeof launchChromiumProfile>>;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-matching-');
    second = await launchChromiumProfile();
  });

  afterAll(async () => {
    await second?.close();
    await env?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: ky('nav.label') });
  const visit = async (page: Page, key: Key) => {
    await nav(page).getByRole('link', { name: ky(key) }).click();
    // The route follows the asynchronous hashchange.
    await expect.poll(() => nav(page).getByRole('link', { name: ky(key) }).getAttribute('aria-current')).toBe('page');
  };
  /** Waits until the page has sent everything (so the other side's next visit pulls it). */
  const synced = (page: Page) => waitForText(page, page.getByRole('status', { name: ky('status.label') }), [ky('sync.idle'), ky('sync.pending', { count: 0 })]);

  it('keeps the first-load JavaScript (the UI entry and the engine worker) within 250 kB gzip', async () => {
    const html = await readFile(join(env.dist, 'index.html'), 'utf8');
    const entries = [...html.matchAll(/<script[^>]+src="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const worker = (await readdir(join(env.dist, 'assets'))).filter((f) => f.startsWith('engine.worker-') && f.endsWith('.js')).map((f) => `assets/${f}`);
    expect(entries.length).toBeGreaterThan(0);
    expect(worker).toHaveLength(1);
    const gz = async (f: string) => gzipSync(await readFile(join(env.dist, f)), { level: 9 }).length;
    const sizes = await Promise.all([...entries, ...worker].map(async (f) => [f, await gz(f)] as const));
    env.log.push(`[info] first-load JS gzip: ${sizes.map(([f, n]) => `${f} ${(n / 1000).toFixed(1)} kB`).join(', ')}`);
    expect(sizes.reduce((sum, [, n]) => sum + n, 0)).toBeLessThan(250_000);
  });

  it('runs from a posted need to a completed engagement, with reasons and notifications on both sides', async () => {
    const partner = await env.page();
    const member = second.context.pages()[0] ?? (await second.context.newPage());
    member.on('console', (m) => env.log.push(`[member ${m.type()}] ${m.text()}`));
    member.on('pageerror', (e) => env.log.push(`[pageerror] member: ${e.message}`));
    await env.withLog(async () => {
      // The member: a profile with the skill (learned abroad), home region, availability, format.
      const memberId = await signUpInApp(member, env, 'Айбек');
      const profile = member.getByRole('form', { name: ky('profile.title') });
      await profile.getByLabel(ky('profile.nameCyrillic'), { exact: true }).fill(MEMBER);
      await profile.getByLabel(ky('profile.addSkill'), { exact: true }).selectOption('construction.roofing');
      await profile.getByLabel(ky('profile.addSkillAbroad'), { exact: true }).selectOption('construction.roofing');
      await profile.getByLabel(ky('facet.homeRegion'), { exact: true }).selectOption('osh');
      await profile.getByLabel(ky('facet.availability'), { exact: true }).selectOption('medium');
      await profile.getByRole('checkbox', { name: ky('format.onsite') }).check();
      await profile.getByLabel(ky('profile.addLanguage'), { exact: true }).selectOption('ky');
      await profile.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(member, profile, [ky('profile.saved')]);
      await synced(member);

      // The partner: signed up, then made a home partner (a coordinator's job, done on the server).
      const partnerId = await signUpInApp(partner, env, 'Кашкалдак');
      env.server.store.db.transaction(() => {
        const acc = env.server.store.records.get('accounts', partnerId)!;
        env.server.store.records.put('accounts', { ...acc, roles: ['member', 'home_partner'] });
      });
      await visit(partner, 'nav.needs');
      const mine = partner.getByRole('region', { name: ky('needs.mine') });
      await mine.getByRole('button', { name: ky('needs.post') }).click();
      const form = partner.getByRole('form', { name: ky('needs.post') });
      const field = (key: Key) => form.getByLabel(ky(key), { exact: true });

      // Publishing without a title: an inline error on the field, nothing saved.
      await field('needs.organisation').fill(ORG);
      await form.getByRole('button', { name: ky('needs.publish') }).click();
      await waitForText(partner, form, [ky('transfer.fixErrors'), ky('transfer.issue.required')]);
      expect(await field('needs.titleField').getAttribute('aria-invalid')).toBe('true');

      // Every field of the need.
      await field('needs.titleField').fill(TITLE);
      await field('needs.description').fill('Жаңы чатыр жана окуучуларга сабак.');
      await field('needs.sector').selectOption('construction');
      await field('needs.region').selectOption('osh');
      await field('needs.settlement').selectOption('osh.kashkaldak');
      await field('transfer.addSkill').selectOption('construction.roofing');
      await form.getByRole('group', { name: ky('needs.formats') }).getByRole('checkbox', { name: ky('format.onsite') }).check();
      await field('transfer.addLanguage').selectOption('ky');
      await field('needs.duration').selectOption('short');
      await field('needs.startDate').fill('2027-05-01');
      await field('needs.endDate').fill('2027-06-30');
      await field('needs.targetGroup').fill('мектеп окуучулары');
      await form.getByRole('button', { name: ky('needs.publish') }).click();
      await mine.getByRole('link', { name: TITLE }).waitFor();
      await synced(partner);
      const needId = (await eventually(() => env.server.store.records.where('needs', 'posted_by = ?', [partnerId])[0]?.id))!;
      expect(env.server.store.records.get('needs', needId)).toMatchObject({
        organisation: ORG, sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak', skills: ['construction.roofing'],
        formats: ['onsite'], languages: ['ky'], duration: 'short', startDate: '2027-05-01', endDate: '2027-06-30', targetGroup: 'мектеп окуучулары',
      });

      // The member: the need under "Needs for me", with the reasons in words, and a match notification.
      await visit(member, 'nav.forMe');
      const forMe = member.getByRole('article', { name: TITLE });
      await waitForText(member, forMe, [
        ky('match.skills', { skills: ROOFING }),
        ky('match.skills_abroad', { skills: ROOFING }),
        ky('match.home_region', { place: OSH }),
        ky('match.availability', { availability: ky('availability.medium') }),
        ky('match.formats', { formats: ky('format.onsite') }),
        KASHKALDAK,
      ]);
      await waitForText(member, nav(member).getByRole('link', { name: ky('nav.notifications') }), [ky('notifications.unread', { count: 1 })]);
      await visit(member, 'nav.notifications');
      const matchNote = ky('notification.need_match', { title: TITLE });
      await member.getByRole('article', { name: matchNote }).getByRole('button', { name: ky('notifications.markReadOf', { text: matchNote }) }).click();
      await waitForText(member, member.getByRole('region', { name: ky('notifications.title') }), [ky('notifications.unread', { count: 0 })]);

      // The partner: the member first among the need's matches, with the reasons.
      await mine.getByRole('link', { name: TITLE }).click();
      const matches = partner.getByRole('region', { name: ky('needs.matches') });
      await waitForText(partner, matches.getByRole('article', { name: MEMBER }), [
        ky('match.skills', { skills: ROOFING }),
        ky('match.skills_abroad', { skills: ROOFING }),
        ky('match.home_region', { place: OSH }),
        ky('match.languages', { languages: KYRGYZ }),
      ]);
      expect(await matches.getByRole('article').first().getAttribute('aria-label')).toBe(MEMBER);

      // The member expresses interest, with a message.
      await visit(member, 'nav.forMe');
      await forMe.getByRole('link', { name: TITLE }).click();
      const interest = member.getByRole('form', { name: ky('needs.interest') });
      await interest.getByLabel(ky('needs.message')).fill('Жайында келе алам');
      await interest.getByRole('button', { name: ky('needs.interest') }).click();
      await waitForText(member, member.getByRole('main'), [ky('needs.interestStatus', { status: ky('engagement.status.proposed') })]);
      await synced(member);

      // The partner is told, and accepts.
      await visit(partner, 'nav.notifications');
      await partner.getByRole('article', { name: ky('notification.engagement_proposed', { name: MEMBER }) }).waitFor();
      await visit(partner, 'nav.engagements');
      const partnerSide = partner.getByRole('article', { name: TITLE });
      await waitForText(partner, partnerSide, [ky('engagement.status.proposed'), ky('engagements.withMember', { name: MEMBER }), 'Жайында келе алам']);
      await partnerSide.getByRole('button', { name: ky('engagements.accept') }).click();
      await waitForText(partner, partnerSide, [ky('engagement.status.accepted')]);
      await synced(partner);

      // The member is told, and starts the work.
      await visit(member, 'nav.notifications');
      await member.getByRole('article', { name: ky('notification.engagement_accepted', { name: ORG }) }).waitFor();
      await visit(member, 'nav.engagements');
      const memberSide = member.getByRole('article', { name: TITLE });
      await waitForText(member, memberSide, [ky('engagement.status.accepted'), ky('engagements.withPartner', { name: ORG })]);
      await memberSide.getByRole('button', { name: ky('engagements.start') }).click();
      await waitForText(member, memberSide, [ky('engagement.status.in_progress')]);
      await synced(member);

      // The partner is told, and completes it with hours and beneficiaries (both required).
      await visit(partner, 'nav.notifications');
      await partner.getByRole('article', { name: ky('notification.engagement_in_progress', { name: MEMBER }) }).waitFor();
      await visit(partner, 'nav.engagements');
      await waitForText(partner, partnerSide, [ky('engagement.status.in_progress')]);
      await partnerSide.getByRole('button', { name: ky('engagements.complete') }).click();
      const complete = partnerSide.getByRole('form', { name: ky('engagements.completeTitle') });
      await complete.getByLabel(ky('engagements.hoursField')).fill('36');
      await complete.getByRole('button', { name: ky('engagements.confirmComplete') }).click();
      await waitForText(partner, complete, [ky('transfer.issue.required')]);
      expect(await complete.getByLabel(ky('engagements.beneficiariesField')).getAttribute('aria-invalid')).toBe('true');
      await complete.getByLabel(ky('engagements.beneficiariesField')).fill('240');
      await complete.getByRole('button', { name: ky('engagements.confirmComplete') }).click();
      await waitForText(partner, partnerSide, [ky('engagement.status.completed'), ky('engagements.hours', { count: 36 }), ky('engagements.beneficiaries', { count: 240 })]);
      await synced(partner);
      const engagement = await eventually(() => env.server.store.records.where('engagements', "need_id = ? AND status = 'completed'", [needId])[0]);
      expect(engagement).toMatchObject({ memberId, partnerId, proposedBy: memberId, hours: 36, beneficiaries: 240, message: 'Жайында келе алам' });

      // The member is told, and sees the figures; no actions are left.
      await visit(member, 'nav.notifications');
      await member.getByRole('article', { name: ky('notification.engagement_completed', { name: ORG }) }).waitFor();
      await visit(member, 'nav.engagements');
      await waitForText(member, memberSide, [ky('engagement.status.completed'), ky('engagements.hours', { count: 36 }), ky('engagements.beneficiaries', { count: 240 })]);
      expect(await memberSide.getByRole('button').count()).toBe(0);

      expect(env.unexpectedErrors(/401/)).toEqual([]);
    });
  });
});
