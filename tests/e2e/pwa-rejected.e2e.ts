/**
 * A queued change the server refuses is shown, and can be fixed or discarded, never dropped
 * silently: the built PWA in Chromium against the real server. The refusal is provoked the way
 * a forged or stale client would: a push rewritten on the wire to edit someone else's profile
 * (the server answers `forbidden` for that one mutation).
 */
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually, signUp } from '../kit/server.ts';

describe('changes the server refuses, in the PWA', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-rejected-');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('lists a refused change with its reason; Edit again fixes it, Discard drops it and undoes it locally', async () => {
    const page = await env.page();
    const context = page.context();
    const { server } = env;
    await env.withLog(async () => {
      const accountId = await signUpInApp(page, env, 'Рахат');
      const other = await signUp(server.url, 'Other');
      const status = page.getByRole('status', { name: ky('status.label') });
      const form = page.getByRole('form', { name: ky('profile.title') });

      // Every push rewritten to target the other member's profile, until told otherwise.
      let forge = true;
      const rewrite = async (route: Route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as { mutations?: { name: string; args: { id?: string } }[] };
        if (forge) for (const m of body.mutations ?? []) if (m.name === 'profile.update') m.args.id = other.account.id;
        await route.continue({ postData: JSON.stringify(body) });
      };
      await context.route('**/api/sync/push', rewrite);

      await form.getByLabel(ky('profile.nameLatin'), { exact: true }).fill('Rakhat Forged');
      await form.getByRole('button', { name: ky('profile.save') }).click();
      const refused = page.getByRole('region', { name: ky('rejected.title') });
      await waitForText(page, refused, [ky('rejected.profileUpdate', { fields: ky('profile.nameLatin') }), ky('errors.forbidden')]);
      // The refusal shows from the push; wait for the round (and its rollback pull) to end.
      await waitForText(page, status, [ky('errors.forbidden'), ky('sync.idle')]);
      // Nothing reached either profile on the server.
      expect(server.store.records.get('profiles', other.account.id)?.nameLatin).toBeNull();
      expect(server.store.records.get('profiles', accountId)?.nameLatin).toBeNull();

      // Edit again: the form comes back with the refused value; saving replaces the change.
      forge = false;
      await refused.getByRole('button', { name: ky('rejected.edit') }).click();
      await page.getByRole('note').filter({ hasText: ky('profile.fixing') }).waitFor();
      // The values arrive from the worker after the note.
      await eventually(async () => (await form.getByLabel(ky('profile.nameLatin'), { exact: true }).inputValue()) === 'Rakhat Forged');
      await form.getByLabel(ky('profile.nameLatin'), { exact: true }).fill('Rakhat Fixed');
      await form.getByRole('button', { name: ky('profile.save') }).click();
      await eventually(() => server.store.records.get('profiles', accountId)?.nameLatin === 'Rakhat Fixed');
      await eventually(async () => (await refused.count()) === 0);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);

      // Refused again, then discarded: the list empties and the local value goes back.
      forge = true;
      await form.getByLabel(ky('profile.city'), { exact: true }).fill('Новосибирск');
      await form.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, refused, [ky('rejected.profileUpdate', { fields: ky('profile.city') })]);
      forge = false;
      await refused.getByRole('button', { name: ky('rejected.discard') }).click();
      await eventually(async () => (await refused.count()) === 0);
      await eventually(async () => (await form.getByLabel(ky('profile.city'), { exact: true }).inputValue()) === '');
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      expect(server.store.records.get('profiles', accountId)).toMatchObject({ nameLatin: 'Rakhat Fixed', city: null });
      await context.unroute('**/api/sync/push', rewrite);
    });
  });
});
