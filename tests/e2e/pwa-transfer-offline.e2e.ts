/**
 * The offline flow: a member, signed in, loses the server; edits the profile (a name for
 * members, a private phone), creates an offer and expresses interest in a need; reloads (the app comes from the service worker) and finds both
 * still there, waiting to be sent; the server comes back, all of it syncs, another member's
 * device gets the profile as its visibility says (the name, not the phone), and the need's
 * poster, signing in on another device, sees the offer and the member's interest. By role and label.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually, openClient, signUp, startTestServer } from '../kit/server.ts';

const TITLE = 'Мектептин чатырын жабуу';
const ORG = 'Кашкалдак айыл өкмөтү';
const OFFER = 'Курулуш боюнча онлайн кеңеш';

describe('skills transfer in the PWA with the server gone', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-transfer-offline-');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('creates an offer and expresses interest offline, keeps them over a reload, and syncs them when the server is back', async () => {
    const page = await env.page();
    const context = page.context();
    await env.withLog(async () => {
      // A home partner has posted a need (from its own device: a sync client here).
      const partner = await signUp(env.server.url, 'Partner');
      env.server.store.db.transaction(() => {
        const acc = env.server.store.records.get('accounts', partner.account.id)!;
        env.server.store.records.put('accounts', { ...acc, roles: ['member', 'home_partner'] });
      });
      const device = openClient(env.server, partner);
      await device.client.syncNow(); // its account, with the role, so the local check agrees
      device.client.mutate('need.create', {
        id: 'need-offline-roof-0001', organisation: ORG, title: TITLE, description: null, sector: 'construction', region: 'osh',
        settlement: null, skills: ['construction.roofing'], formats: ['onsite'], languages: ['ky'], duration: null,
        startDate: null, endDate: null, targetGroup: null, country: null,
      });
      await device.client.syncNow();
      expect(device.client.status().rejected).toEqual([]);
      await device.close();

      // The member signs up (the need comes with the first sync), and the shell gets cached.
      const memberId = await signUpInApp(page, env, 'Бакыт');
      const status = page.getByRole('status', { name: ky('status.label') });
      const nav = page.getByRole('navigation', { name: ky('nav.label') });
      await nav.getByRole('link', { name: ky('nav.needs') }).click();
      await page.getByRole('link', { name: TITLE }).waitFor();
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
      });

      // The server goes away (offline for real, as in pwa-offline.e2e.ts).
      const { port, dataDir, url } = env.server;
      await env.server.close();
      await context.setOffline(true);

      // The profile, offline: a name for members to see, and a phone kept private.
      await nav.getByRole('link', { name: ky('nav.profile') }).click();
      const profile = page.getByRole('form', { name: ky('profile.title') });
      await profile.getByLabel(ky('profile.nameLatin'), { exact: true }).fill('Bakyt Offline');
      await profile.getByLabel(ky('profile.visibilityOf', { field: ky('profile.nameLatin') }), { exact: true }).selectOption('members');
      await profile.getByLabel(ky('profile.phone'), { exact: true }).fill('+996555010203');
      await profile.getByLabel(ky('profile.visibilityOf', { field: ky('profile.phone') }), { exact: true }).selectOption('private');
      await profile.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, profile, [ky('profile.saved')]);
      await nav.getByRole('link', { name: ky('nav.needs') }).click();

      // Interest in the need, offline.
      await page.getByRole('link', { name: TITLE }).click();
      const interest = page.getByRole('form', { name: ky('needs.interest') });
      await interest.getByLabel(ky('needs.message')).fill('Интернетсиз жаздым');
      await interest.getByRole('button', { name: ky('needs.interest') }).click();
      const proposed = ky('needs.interestStatus', { status: ky('engagement.status.proposed') });
      await waitForText(page, page.getByRole('main'), [proposed]);

      // An offer, offline.
      await nav.getByRole('link', { name: ky('nav.offers') }).click();
      const mine = page.getByRole('region', { name: ky('offers.title') });
      await mine.getByRole('button', { name: ky('offers.new') }).click();
      const form = page.getByRole('form', { name: ky('offers.new') });
      await form.getByLabel(ky('offers.titleField'), { exact: true }).fill(OFFER);
      await form.getByLabel(ky('transfer.addSkill'), { exact: true }).selectOption('construction.roofing');
      await form.getByRole('checkbox', { name: ky('format.remote_mentoring') }).check();
      await form.getByRole('group', { name: ky('offers.regions') }).getByRole('checkbox').first().check();
      await form.getByRole('button', { name: ky('offers.create') }).click();
      const offer = mine.getByRole('article', { name: OFFER });
      await waitForText(page, offer, [ky('transfer.status.open')]);
      await waitForText(page, status, [ky('sync.offline'), ky('sync.pending', { count: 3 })]);

      // Reload, still offline: the app starts from the service worker on the same page, and both are there.
      expect((await page.reload())?.fromServiceWorker()).toBe(true);
      await waitForText(page, status, [ky('sync.offline'), ky('sync.pending', { count: 3 })]);
      expect(await nav.getByRole('link', { name: ky('nav.offers') }).getAttribute('aria-current')).toBe('page');
      await waitForText(page, offer, [OFFER, ky('transfer.status.open')]);
      await nav.getByRole('link', { name: ky('nav.engagements') }).click();
      await waitForText(page, page.getByRole('article', { name: TITLE }), [ky('engagement.status.proposed'), ky('engagements.withPartner', { name: ORG })]);
      await nav.getByRole('link', { name: ky('nav.profile') }).click();
      await eventually(async () => (await profile.getByLabel(ky('profile.nameLatin'), { exact: true }).inputValue()) === 'Bakyt Offline');
      expect(await profile.getByLabel(ky('profile.phone'), { exact: true }).inputValue()).toBe('+996555010203');

      // The server is back: both sync.
      const restarted = await startTestServer({ staticDir: env.dist, port, dataDir });
      env.server = { ...restarted, stop: async () => { await restarted.close(); await rm(dataDir, { recursive: true, force: true }); } };
      expect(env.server.url).toBe(url);
      await context.setOffline(false);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })], 30_000);
      expect(env.server.store.records.where('offers', 'account_id = ?', [memberId])).toMatchObject([{ title: OFFER, status: 'open', skills: ['construction.roofing'] }]);
      expect(env.server.store.records.where('engagements', 'member_id = ?', [memberId])).toMatchObject([
        { needId: 'need-offline-roof-0001', partnerId: partner.account.id, status: 'proposed', message: 'Интернетсиз жаздым' },
      ]);
      // Another member's device gets the profile as its visibility says: the name, not the phone.
      const seen = openClient(env.server, partner);
      try {
        await seen.client.syncNow();
        expect(seen.client.get('profiles', memberId)).toMatchObject({ nameLatin: 'Bakyt Offline', phone: null });
        expect(env.server.store.records.get('profiles', memberId)?.phone).toBe('+996555010203');
      } finally {
        await seen.close();
      }

      // The partner signs in on another device: the offer is among compatriots' offers, and the interest is notified.
      const other = await launchChromiumProfile();
      try {
        const p = other.context.pages()[0] ?? (await other.context.newPage());
        await p.goto(env.server.url);
        await p.getByRole('button', { name: ky('auth.haveAccount') }).click();
        await p.getByLabel(ky('auth.email')).fill(partner.email);
        await p.getByLabel(ky('auth.password')).fill(partner.password);
        await p.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
        const pnav = p.getByRole('navigation', { name: ky('nav.label') });
        await pnav.getByRole('link', { name: ky('nav.offers') }).click();
        await p.getByRole('region', { name: ky('offers.others') }).getByRole('article', { name: OFFER }).waitFor({ timeout: 15_000 });
        await pnav.getByRole('link', { name: ky('nav.notifications') }).click();
        await p.getByRole('article', { name: ky('notification.engagement_proposed', { name: 'Bakyt Offline' }) }).waitFor({ timeout: 15_000 });
      } finally {
        await other.close();
      }

      expect(env.unexpectedErrors(/401|ERR_INTERNET_DISCONNECTED|Failed to fetch|network/i)).toEqual([]);
    });
  });
});
