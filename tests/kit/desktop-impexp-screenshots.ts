/**
 * Screenshots of the desktop Import and export page, into docs/screenshots/: the dry run of a
 * malformed CSV (mapping, summary, per-row report) in Kyrgyz and English, and the export panel
 * from the roster with a selection. Self-contained like `desktop-screenshots.ts`.
 *
 *   pnpm tsx tests/kit/desktop-impexp-screenshots.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { t, type Key } from '../../desktop/renderer/src/i18n/index.ts';
import { buildRenderer, leaderWithAssociation, seedRosterDirect, startDesktop } from './desktop.ts';
import { signUp, startTestServer } from './server.ts';

const ky = (key: Key, args?: Record<string, string | number>) => t('ky', key, args);
const en = (key: Key, args?: Record<string, string | number>) => t('en', key, args);
const NAME = 'Стамбулдагы кыргыздар';
const FIXTURES = resolve(import.meta.dirname, '../fixtures/import');

const dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
const [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
const h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir, viewport: { width: 1440, height: 1300 } });
try {
  const leader = await signUp(server.url, 'Leader');
  const { records, db } = server.store;
  db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
  const { accountId, associationId } = await leaderWithAssociation(h.backend, leader, NAME);
  await h.backend.handlers.close();
  seedRosterDirect(dataDir, accountId, associationId, 200);

  const page = h.page;
  await page.getByLabel(ky('signIn.email')).fill(leader.email);
  await page.getByLabel(ky('signIn.password')).fill(leader.password);
  await page.getByRole('button', { name: ky('signIn.submit') }).click();
  await page.getByRole('button', { name: ky('associations.openNamed', { name: NAME }) }).click();
  await page.getByRole('button', { name: ky('nav.transfer') }).click();
  await page.getByLabel(ky('imp.file'), { exact: true }).setInputFiles(join(FIXTURES, 'malformed.csv'));
  await page.getByText(ky('imp.dryRun')).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshots/desktop-import-ky.png', fullPage: true });

  await page.getByRole('combobox', { name: ky('shell.language') }).selectOption('en');
  await page.getByText(en('imp.dryRun')).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshots/desktop-import-en.png', fullPage: true });

  await page.getByRole('button', { name: en('nav.roster'), exact: true }).click();
  const table = page.getByRole('table', { name: en('roster.table') });
  await table.getByRole('row').nth(3).waitFor();
  for (let r = 1; r <= 3; r++) await table.getByRole('row').nth(r).getByRole('checkbox').check();
  await page.getByRole('button', { name: en('roster.export') }).click();
  await page.getByText(en('exp.selection', { count: 3, n: '3' })).waitFor();
  await page.setViewportSize({ width: 1440, height: 860 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshots/desktop-export-en.png' });
} finally {
  await h.close();
  await server.stop();
  build.remove();
  rmSync(dataDir, { recursive: true, force: true });
}
