/**
 * Screenshots of the desktop roster in Kyrgyz and English, into docs/screenshots/. Self-contained:
 * the real server on a temp folder, the desktop backend, 2,000 sample people seeded into the
 * account's database, the built renderer in headless Chromium.
 *
 *   pnpm tsx tests/kit/desktop-screenshots.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t, type Key } from '../../desktop/renderer/src/i18n/index.ts';
import { buildRenderer, leaderWithAssociation, seedRosterDirect, startDesktop } from './desktop.ts';
import { signUp, startTestServer } from './server.ts';

const ky = (key: Key, args?: Record<string, string | number>) => t('ky', key, args);
const en = (key: Key, args?: Record<string, string | number>) => t('en', key, args);
const NAME = 'Стамбулдагы кыргыздар';

const dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
const [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
const h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir, viewport: { width: 1440, height: 860 } });
try {
  const leader = await signUp(server.url, 'Leader');
  const { records, db } = server.store;
  db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
  const { accountId, associationId } = await leaderWithAssociation(h.backend, leader, NAME);
  await h.backend.handlers.close();
  seedRosterDirect(dataDir, accountId, associationId, 2000);

  const page = h.page;
  await page.getByLabel(ky('signIn.email')).fill(leader.email);
  await page.getByLabel(ky('signIn.password')).fill(leader.password);
  await page.getByRole('button', { name: ky('signIn.submit') }).click();
  await page.getByRole('button', { name: ky('associations.openNamed', { name: NAME }) }).click();
  const table = page.getByRole('table', { name: ky('roster.table') });
  await table.getByRole('row').nth(3).waitFor();
  for (let r = 2; r <= 4; r++) await table.getByRole('row').nth(r).getByRole('checkbox').check();
  await page.getByRole('checkbox', { name: new RegExp(`^${ky('standing.current')}`) }).check();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/screenshots/desktop-roster-ky.png' });

  await page.getByRole('combobox', { name: ky('shell.language') }).selectOption('en');
  await page.getByRole('searchbox', { name: en('roster.search') }).fill('Стамбул');
  await page.waitForTimeout(800);
  await page.screenshot({ path: 'docs/screenshots/desktop-roster-en.png' });
} finally {
  await h.close();
  await server.stop();
  build.remove();
  rmSync(dataDir, { recursive: true, force: true });
}
