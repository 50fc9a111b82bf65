/**
 * Verifying a certificate in the PWA without a network, in headless Chromium against the real
 * server: a member opens the award page once online (the issuer's keys are pinned in the
 * worker's SQLite), goes offline, pastes a winner's certificate and sees it genuine, pastes a
 * tampered copy and sees it refused, and, online again after a revocation, sees it revoked.
 * Found by role and label; nothing wider than 360 px. `MEKENDESH_SCREENSHOTS=1` writes
 * docs/screenshots/award-verify-app-en.png.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../pwa/src/i18n/award.ts';
import { generateDemo } from '../../server/src/demo.ts';
import { CredentialService } from '../../server/src/awards/credentials.ts';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { startTestServer } from '../kit/server.ts';
import { rm } from 'node:fs/promises';

const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');

describe('a certificate verified in the PWA, offline', () => {
  let env: PwaEnv;
  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-award-verify-');
    await generateDemo(env.server.store, { members: 10, logN: 10, now: new Date('2026-06-01T00:00:00Z') });
    CredentialService.inDataDir(env.server.store, env.server.dataDir).issuePending(env.server.url);
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => env?.close());

  it('pins the issuer online, then checks a genuine and a tampered certificate offline, and a revoked one online', async () => {
    const page = await env.page();
    await page.setViewportSize({ width: 360, height: 800 });
    await env.withLog(async () => {
      const winner = env.server.store.db.get<{ id: string; jws: string }>("SELECT id, jws FROM credentials_issued WHERE subject_ref = 'demo-nomination-2401'")!;
      const me = await signUpInApp(page, env, 'Текшерүүчү');
      // This account is the nominee of the other 2024 winner: its certificate is theirs.
      env.server.store.db.transaction(() => {
        const n = env.server.store.records.get('nominations', 'demo-nomination-2402')!;
        env.server.store.records.put('nominations', { ...n, nomineeAccountId: me });
      });
      const own = env.server.store.db.get<{ id: string }>("SELECT id FROM credentials_issued WHERE subject_ref = 'demo-nomination-2402'")!;
      await page.getByRole('navigation', { name: ky('nav.label') }).getByRole('link', { name: ky('nav.award') }).click();
      const mine = page.getByRole('region', { name: ky('award.mine.certificates') });
      await mine.getByRole('article').first().waitFor();
      expect(await mine.getByRole('article').count()).toBe(1);
      expect(await mine.getByRole('link', { name: ky('award.mine.certificates.verify') }).getAttribute('href')).toBe(`/verify/${own.id}?lang=ky`);
      expect(await mine.getByRole('link', { name: ky('award.mine.certificates.pdf') }).getAttribute('href')).toBe(`/api/public/certificates/${own.id}/pdf?lang=ky`);
      expect(await mine.getByRole('link', { name: ky('award.mine.certificates.copy') }).getAttribute('download')).toBe(`mekendesh-award-${own.id}.jwt`);
      const card = page.getByRole('region', { name: ky('award.verify.title') });
      await card.waitFor();
      // The keys are pinned by the first check online (it waits for the key refresh).
      await card.getByLabel(ky('award.verify.input')).fill(winner.jws);
      await card.getByRole('button', { name: ky('award.verify.check') }).click();
      await waitForText(page, card.getByRole('status'), [ky('award.verify.genuine')]);
      expect(await card.getByRole('status').textContent()).not.toContain(ky('award.verify.offline'));

      // Really offline: the server is gone (the page and its worker cannot reach anything).
      const { port, dataDir } = env.server;
      await env.server.close();
      await page.context().setOffline(true);
      const input = card.getByLabel(ky('award.verify.input'));
      await input.fill(winner.jws);
      await card.getByRole('button', { name: ky('award.verify.check') }).click();
      const good = card.getByRole('status');
      await waitForText(page, good, [ky('award.verify.genuine'), ky('award.verify.offline')]);
      expect(await good.textContent()).toContain('Гүлнара Садыкова');
      expect(await good.textContent()).toContain(ky('award.verify.offline'));

      const [a, b, c] = winner.jws.split('.') as [string, string, string];
      const forged = `${a}.${Buffer.from(Buffer.from(b, 'base64url').toString().replace('Гүлнара', 'Гүлзада')).toString('base64url')}.${c}`;
      await input.fill(forged);
      await card.getByRole('button', { name: ky('award.verify.check') }).click();
      await waitForText(page, card.getByRole('alert'), [ky('award.verify.reason.bad_signature')]);

      // Revoked on the server; online again, the next check fetches the new list and says so.
      const restarted = await startTestServer({ staticDir: env.dist, port, dataDir });
      env.server = { ...restarted, stop: async () => { await restarted.close(); await rm(dataDir, { recursive: true, force: true }); } };
      CredentialService.inDataDir(env.server.store, dataDir).revoke(winner.id, 'Ката', null);
      await page.context().setOffline(false);
      await input.fill(`${env.server.url}/verify/${winner.id}`);
      await card.getByRole('button', { name: ky('award.verify.check') }).click();
      await waitForText(page, card.getByRole('alert'), [ky('award.verify.revoked')]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await card.screenshot({ path: join(SHOTS, 'award-verify-app-ky.png') });
    });
  });
});
