/**
 * The PWA in several tabs, joining an association with an invitation code at sign-up, and
 * signing in again when the session ends, in headless Chromium against the real server.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMutation } from '@mekendesh/store';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually, signUp } from '../kit/server.ts';

const idle = (page: Page) =>
  waitForText(page, page.getByRole('status', { name: ky('status.label') }), [ky('sync.idle'), ky('sync.pending', { count: 0 })]);

async function saveProfileField(page: Page, label: string, value: string) {
  const form = page.getByRole('form', { name: ky('profile.title') });
  await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: ky('profile.save') }).click();
  await waitForText(page, form, [ky('profile.saved')]);
}

const fieldValue = (page: Page, label: string) =>
  page.getByRole('form', { name: ky('profile.title') }).getByLabel(label, { exact: true }).inputValue();

describe('the PWA in several tabs, with invitations and an ended session', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-tabs-');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('shares one database between tabs, and a tab carries on when the first one closes', async () => {
    const first = await env.page();
    const context = first.context();
    await env.withLog(async () => {
      const accountId = await signUpInApp(first, env, 'Эки өтмөк');
      await saveProfileField(first, ky('profile.nameLatin'), 'Eki Otmok');

      // A second tab opens the same data: its calls go to the first tab's engine.
      const second = await context.newPage();
      second.on('pageerror', (e) => env.log.push(`[pageerror] ${e.message}`));
      second.on('console', (m) => env.log.push(`[${m.type()}] ${m.text()}`));
      await second.goto(env.server.url);
      await idle(second);
      await eventually(async () => (await fieldValue(second, ky('profile.nameLatin'))) === 'Eki Otmok');
      expect(await second.getByText(ky('engine.failed')).count()).toBe(0);

      // An edit in the second tab shows in the first at once, and reaches the server.
      await saveProfileField(second, ky('profile.city'), 'Стамбул');
      await eventually(async () => (await fieldValue(first, ky('profile.city'))) === 'Стамбул');
      await eventually(() => env.server.store.records.get('profiles', accountId)?.city === 'Стамбул');

      // The first tab (the engine's host) closes: the second takes over the database.
      await first.close();
      await saveProfileField(second, ky('profile.nameCyrillic'), 'Эки Өтмөк');
      await idle(second);
      await eventually(() => env.server.store.records.get('profiles', accountId)?.nameCyrillic === 'Эки Өтмөк');

      // A third tab, and a reload of the second: everything is there, on one intact database.
      const third = await context.newPage();
      await third.goto(env.server.url);
      await idle(third);
      await second.reload();
      await idle(second);
      for (const page of [second, third]) {
        await eventually(async () => (await fieldValue(page, ky('profile.nameCyrillic'))) === 'Эки Өтмөк');
        expect(await fieldValue(page, ky('profile.city'))).toBe('Стамбул');
        expect(await fieldValue(page, ky('profile.nameLatin'))).toBe('Eki Otmok');
      }
      // Signing out in one tab signs out the others: they share the session and the engine.
      await third.getByRole('button', { name: ky('auth.signOut') }).click();
      await second.getByRole('button', { name: ky('auth.signUp'), exact: true }).waitFor({ timeout: 15_000 });
      expect(await second.getByRole('form', { name: ky('profile.title') }).count()).toBe(0);
      await third.close();
      await second.close();
      expect(env.unexpectedErrors(/401/)).toEqual([]);
    });
  });

  it('joins an association with an invitation code at sign-up, and with a code later', async () => {
    const page = await env.page();
    await env.withLog(async () => {
      // A leader's association and two invitation codes, made on the server.
      const leader = await signUp(env.server.url, 'Leader');
      const { records } = env.server.store;
      const now = new Date().toISOString();
      const later = new Date(Date.now() + 86_400_000).toISOString();
      const ctx = () => ({ viewer: { ...records.viewer(leader.account.id), roles: ['member', 'association_leader'] as const }, now, side: 'server' as const });
      env.server.store.db.transaction(() => {
        records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] });
        runMutation(records, 'association.create', { id: 'assoc-tabs-01', membershipId: 'memb-tabs-lead', name: 'Казандагы кыргыздар', country: 'RU', city: 'Казань' }, ctx() as never);
        runMutation(records, 'association.create', { id: 'assoc-tabs-02', membershipId: 'memb-tabs-lead2', name: 'Алматыдагы мекендештер', country: 'KZ', city: 'Алматы' }, ctx() as never);
        runMutation(records, 'invitation.create', { id: 'invite-tabs-01', associationId: 'assoc-tabs-01', code: 'AAAAAAAAAA', expiresAt: later, maxUses: 5 }, ctx() as never);
        runMutation(records, 'invitation.create', { id: 'invite-tabs-02', associationId: 'assoc-tabs-02', code: 'AAAAAAAAAB', expiresAt: later, maxUses: 5 }, ctx() as never);
      });
      const code1 = records.get('invitations', 'invite-tabs-01')!.code;
      const code2 = records.get('invitations', 'invite-tabs-02')!.code;

      // Signed out (the first test's account): sign up with a wrong code first, then the right one.
      await page.goto(env.server.url);
      const signOut = page.getByRole('button', { name: ky('auth.signOut') });
      // The session check decides: signed in (sign out first) or the sign-up form.
      await signOut.or(page.getByLabel(ky('auth.displayName'))).first().waitFor();
      if (await signOut.count()) await signOut.click();
      await page.getByLabel(ky('auth.displayName')).fill('Жаңы мүчө');
      const email = `invited.${Date.now()}@example.org`;
      await page.getByLabel(ky('auth.email')).fill(email);
      await page.getByLabel(ky('auth.password')).fill('correct horse battery');
      const codeField = page.getByLabel(ky('auth.invitationCode'));
      await codeField.fill('ZZZZ-ZZZZ-ZZ');
      await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).click();
      await waitForText(page, page.getByRole('alert'), [ky('errors.invitation_invalid')]);
      // Refused as a whole: no account was made with that email.
      expect(env.server.store.db.get('SELECT 1 FROM credentials WHERE email = ?', [email])).toBeUndefined();
      // Typed in lower case with a space: still the code.
      await codeField.fill(`${code1.slice(0, 5).toLowerCase()} ${code1.slice(5)}`);
      await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).click();
      await idle(page);

      const mine = page.getByRole('region', { name: ky('memberships.title') });
      await waitForText(page, mine, ['Казандагы кыргыздар', ky('membership.status.active')]);

      // Joining a second association later, from the app.
      const join = page.getByRole('form', { name: ky('join.title') });
      await join.getByLabel(ky('join.code')).fill('bad');
      await join.getByRole('button', { name: ky('join.submit') }).click();
      await waitForText(page, join, [ky('join.badCode')]);
      await join.getByLabel(ky('join.code')).fill(code2);
      await join.getByRole('button', { name: ky('join.submit') }).click();
      await waitForText(page, join, [ky('join.active')]);
      await waitForText(page, mine, ['Казандагы кыргыздар', 'Алматыдагы мекендештер']);
      // The same code again: already a member, said in words.
      await join.getByLabel(ky('join.code')).fill(code2);
      await join.getByRole('button', { name: ky('join.submit') }).click();
      await waitForText(page, join, [ky('errors.already_member')]);
    });
  });

  it('offers to install the app when the browser does, and says when a new version is ready', async () => {
    const page = await env.page();
    await env.withLog(async () => {
      await page.goto(env.server.url);
      // Controlled by the service worker after a reload, as on any visit after the first.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await eventually(() => page.evaluate(() => navigator.serviceWorker.controller !== null));
      const install = page.getByRole('button', { name: ky('app.install') });
      // Chromium offers to install an installable app by itself, shortly after load (or later,
      // under load). A stand-in offer of ours replaces it, so the test can see the button use
      // it, and Chromium's own offers after it are kept from the app. The app listens from its
      // first script: wait until it has rendered.
      await page.getByLabel(ky('shell.language'), { exact: true }).waitFor();
      await page.evaluate(() => {
        window.addEventListener(
          'beforeinstallprompt',
          (e) => {
            if (e.isTrusted) {
              e.preventDefault();
              e.stopImmediatePropagation();
            }
          },
          { capture: true },
        );
        const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
          prompt: async () => void ((window as unknown as { prompted: number }).prompted = 1),
        });
        window.dispatchEvent(offer);
      });
      await install.click();
      expect(await page.evaluate(() => (window as unknown as { prompted?: number }).prompted)).toBe(1);
      await eventually(async () => (await install.count()) === 0);
      // A new service worker takes over: a notice with a reload button.
      await page.evaluate(() => navigator.serviceWorker.dispatchEvent(new Event('controllerchange')));
      await waitForText(page, page.getByRole('status').filter({ hasText: ky('app.updateReady') }), [ky('app.updateReady')]);
      await page.getByRole('button', { name: ky('app.reload') }).click();
      await page.waitForLoadState('load');
      await eventually(async () => (await page.getByRole('button', { name: ky('app.reload') }).count()) === 0);
    });
  });

  it('asks to sign in again when the session ends, keeping the edits made meanwhile', async () => {
    const page = await env.page();
    await env.withLog(async () => {
      await page.goto(env.server.url);
      const signOut = page.getByRole('button', { name: ky('auth.signOut') });
      await signOut.or(page.getByRole('button', { name: ky('auth.signUp'), exact: true })).first().waitFor();
      if (await signOut.count()) {
        await signOut.click();
        await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).waitFor();
      }
      const email = `session.${Date.now()}@example.org`;
      await page.getByLabel(ky('auth.displayName')).fill('Сессия');
      await page.getByLabel(ky('auth.email')).fill(email);
      await page.getByLabel(ky('auth.password')).fill('correct horse battery');
      await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).click();
      await idle(page);
      const session = (await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()))) as { account: { id: string } };
      const accountId = session.account.id;

      // The session ends on the server (signed out everywhere, e.g. from another device).
      env.server.store.db.run('DELETE FROM sessions WHERE account_id = ?', [accountId]);
      await saveProfileField(page, ky('profile.nameLatin'), 'Kept Locally');
      const reauth = page.getByRole('region', { name: ky('auth.signIn') });
      await waitForText(page, reauth, [ky('auth.sessionEnded')]);
      await waitForText(page, page.getByRole('status', { name: ky('status.label') }), [ky('sync.signed_out'), ky('sync.pending', { count: 1 })]);
      expect(env.server.store.records.get('profiles', accountId)?.nameLatin).toBeNull();

      await reauth.getByLabel(ky('auth.email')).fill(email);
      await reauth.getByLabel(ky('auth.password')).fill('correct horse battery');
      await reauth.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
      await idle(page);
      await eventually(() => env.server.store.records.get('profiles', accountId)?.nameLatin === 'Kept Locally');
      expect(await reauth.count()).toBe(0);

      // A borrowed phone: an edit that cannot be sent, then sign-out and removal of the data.
      await page.context().setOffline(true);
      await saveProfileField(page, ky('profile.city'), 'Жөнөтүлбөйт');
      await page.getByRole('button', { name: ky('auth.signOut') }).click();
      const device = page.getByRole('region', { name: ky('device.title') });
      await waitForText(page, device, [ky('device.unsent'), ky('sync.pending', { count: 1 })]);
      await device.getByRole('button', { name: ky('device.remove') }).click();
      // Unsent changes: a second, explicit confirmation.
      await device.getByRole('button', { name: ky('device.removeAnyway') }).click();
      await page.getByRole('status').filter({ hasText: ky('device.removed') }).waitFor();
      await page.context().setOffline(false);
      // The sign-out could not reach the server; the app finishes it at the next start instead
      // of resuming the session the cookie still holds.
      await page.reload();
      await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).waitFor();
      await eventually(async () => (await page.evaluate(() => fetch('/api/auth/session').then((r) => r.status))) === 401);

      // Signing in again starts from what the server has: the sent edit, not the removed one.
      await page.getByRole('button', { name: ky('auth.haveAccount') }).click();
      await page.getByLabel(ky('auth.email')).fill(email);
      await page.getByLabel(ky('auth.password')).fill('correct horse battery');
      await page.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
      await idle(page);
      await eventually(async () => (await fieldValue(page, ky('profile.nameLatin'))) === 'Kept Locally');
      expect(await fieldValue(page, ky('profile.city'))).toBe('');
      expect(env.server.store.records.get('profiles', accountId)?.city).toBeNull();
    });
  });
});
