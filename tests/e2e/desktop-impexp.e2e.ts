/**
 * The desktop Import and export page in headless Chromium, its bridge backed by the real
 * backend syncing with the real server: a Windows-1251 CSV planned (mapping, summary) and
 * imported, a malformed file's per-row report, duplicates merged on a second import, a refused
 * PDF, an undo, and exports of a selection to CSV and XLSX read back with `readTable`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '@mekendesh/import';
import { t } from '../../desktop/renderer/src/i18n/index.ts';
import { buildRenderer, leaderWithAssociation, startDesktop, type DesktopHarness } from '../kit/desktop.ts';
import { eventually, signUp, startTestServer, type TestUser } from '../kit/server.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/import');
const NAME = 'Kyrgyz of Moscow';
const until = <T>(fn: () => Promise<T>, timeoutMs = 15_000) => eventually(fn, timeoutMs, 50);

describe('the desktop import and export page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let dataDir: string;
  let outDir: string;
  let leader: TestUser;
  let build: { dir: string; remove(): void };
  let h: DesktopHarness;
  let page: Page;
  let associationId: string;
  let firstBatchCreated = 0;
  /** The founder is in the roster from the start. */
  let initial = 0;

  const count = () => h.backend.handlers.rosterIds({ associationId }).length;
  const summary = async () => (await page.locator('dl.summary').innerText()).replace(/\s+/g, ' ');
  const choose = async (file: string) => {
    await page.getByLabel('File', { exact: true }).setInputFiles(join(FIXTURES, file));
  };
  const apply = async (): Promise<string> => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, import' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Imported:' });
    await status.waitFor();
    return (await status.textContent()) ?? '';
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
    outDir = mkdtempSync(join(tmpdir(), 'mekendesh-export-'));
    [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
    leader = await signUp(server.url, 'Leader');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
    h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir });
    ({ associationId } = await leaderWithAssociation(h.backend, leader, NAME));
    await h.backend.handlers.close();
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('signs in and opens the Import and export page', async () => {
    await page.getByRole('combobox', { name: 'Тил' }).selectOption('en');
    await page.getByLabel('Email').fill(leader.email);
    await page.getByLabel('Password').fill(leader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: t('en', 'associations.openNamed', { name: NAME }) }).click();
    await page.getByRole('button', { name: 'Import and export' }).click();
    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
    await page.getByText('No imports yet.').waitFor();
    initial = count();
  });

  it('plans a Windows-1251 CSV (mapping, summary, dry run) and imports it', async () => {
    await choose('windows-1251.csv');
    await page.getByText('Dry run: nothing is imported yet.').waitFor();
    expect(await page.getByText(/format CSV, encoding windows-1251, separator ;/).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Import column “ФИО” as' }).inputValue()).toBe('name');
    expect(await page.getByRole('combobox', { name: 'Import column “Телефон” as' }).inputValue()).toBe('phone');
    expect(await summary()).toMatch(/Rows 3 New 3 To merge 0 Skipped 0 With errors 0/);
    // Ignoring a column re-plans: the notes are not imported.
    await page.getByRole('combobox', { name: 'Import column “Примечание” as' }).selectOption('');
    await until(async () => (await page.getByRole('combobox', { name: 'Import column “Примечание” as' }).inputValue()) === '');
    expect(count()).toBe(initial);

    expect(await apply()).toContain('Imported: 3 new, 0 merged.');
    firstBatchCreated = 3;
    await until(async () => count() === initial + 3);
    await page.getByRole('button', { name: 'Undo import of windows-1251.csv' }).waitFor();
  });

  it('reports the rows of a malformed file with translated reasons and imports only the valid ones', async () => {
    await choose('malformed.csv');
    await page.getByText('Dry run: nothing is imported yet.').waitFor();
    const report = page.getByRole('table', { name: /Problems by row/ });
    await report.waitFor();
    for (const reason of ['import.reason.bad_phone', 'import.reason.bad_email', 'import.reason.bad_date', 'import.reason.unknown_country', 'import.reason.name_required'] as const) {
      expect(await report.getByRole('cell', { name: t('en', reason) }).count(), reason).toBeGreaterThan(0);
    }
    expect(await report.getByRole('cell', { name: '12345' }).count()).toBe(1);
    const s = await summary();
    const create = Number(/New (\d+)/.exec(s)![1]);
    const invalid = Number(/With errors (\d+)/.exec(s)![1]);
    expect(create).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
    const before = count();
    expect(await apply()).toContain(`Imported: ${create} new`);
    await until(async () => count() === before + create);
  });

  it('the heading row, the sheet and "drop bad values" re-plan the file: a title row above the headings, a second sheet, a bad phone kept without it', async () => {
    await choose('title-row.csv');
    const heading = page.getByLabel('Row with the column headings');
    // The title line and the blank one are detected and skipped: the headings are on row 3.
    expect(await heading.inputValue()).toBe('3');
    const target = (header: string) => page.getByRole('combobox', { name: `Import column “${header}” as` });
    expect(await target('ФИО').inputValue()).toBe('name');
    // Told the headings are on row 1, the title becomes the header and nothing is recognised.
    await heading.fill('1');
    await heading.press('Enter');
    await until(async () => (await target('ФИО').count()) === 0);
    await heading.fill('3');
    await heading.press('Enter');
    await until(async () => (await target('ФИО').count()) === 1);
    expect(await target('ФИО').inputValue()).toBe('name');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();

    // A workbook with two sheets: the first with data is read; the other can be chosen.
    await choose('roster.xlsx');
    const sheet = page.getByRole('combobox', { name: 'Sheet' });
    expect(await sheet.inputValue()).toBe('Мүчөлөр');
    const rowsOf = async () => Number(/Rows (\d+)/.exec(await summary())![1]);
    const first = await rowsOf();
    await sheet.selectOption('Архив');
    await until(async () => (await rowsOf()) !== first);
    expect(await sheet.inputValue()).toBe('Архив');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();

    await choose('malformed.csv');
    const before = await summary();
    const create = Number(/New (\d+)/.exec(before)![1]);
    await page.getByRole('checkbox', { name: 'Also import rows with a bad value, leaving that field empty' }).check();
    await until(async () => Number(/New (\d+)/.exec(await summary())![1]) > create);
    // Rows without a name still cannot be imported.
    expect(Number(/With errors (\d+)/.exec(await summary())![1])).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('shows duplicates on a second import of the same file; one merged, the rest skipped', async () => {
    const before = count();
    await choose('windows-1251.csv');
    const dups = page.getByRole('table', { name: /Possible duplicates/ });
    await dups.waitFor();
    expect(await dups.getByRole('row').count()).toBe(4);
    await page.getByLabel('On duplicate').selectOption('skip');
    await until(async () => (await summary()).includes('To merge 0'));
    await page.getByRole('combobox', { name: 'Action for line 2' }).selectOption('merge');
    await until(async () => (await summary()).includes('To merge 1'));
    expect(await summary()).toMatch(/New 0 To merge 1 Skipped 2/);
    expect(await apply()).toContain('Imported: 0 new, 1 merged.');
    expect(count()).toBe(before);
  });

  it('refuses a PDF with its message', async () => {
    await choose('roster.pdf');
    await page.getByRole('alert').filter({ hasText: t('en', 'import.error.bad_type') }).waitFor();
    expect(await page.getByText('Dry run: nothing is imported yet.').count()).toBe(0);
  });

  it('undoes the first import: the roster is back to what it was', async () => {
    const before = count();
    // Newest first: the first import is the last of the two windows-1251.csv rows.
    await page.getByRole('button', { name: 'Undo import of windows-1251.csv' }).last().click();
    await page.getByRole('button', { name: 'Yes, undo' }).click();
    await page.getByRole('status').filter({ hasText: 'The import of windows-1251.csv was undone.' }).waitFor();
    await until(async () => count() === before - firstBatchCreated);
    await page.getByRole('cell', { name: 'Undone' }).waitFor();
  });

  it('exports the selection to CSV and XLSX, read back with readTable', async () => {
    await page.getByRole('button', { name: 'Roster', exact: true }).click();
    const table = page.getByRole('table', { name: 'Members' });
    await table.getByRole('row').nth(2).waitFor();
    await table.getByRole('row').nth(1).getByRole('checkbox').check();
    await table.getByRole('row').nth(2).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByText('The 2 selected people.').waitFor();

    for (const format of ['csv', 'xlsx'] as const) {
      const file = join(outDir, `roster.${format}`);
      h.dialogs.save = file;
      await page.getByRole('radio', { name: format === 'csv' ? 'CSV (.csv)' : 'Excel (.xlsx)' }).check();
      await page.getByRole('checkbox', { name: 'Notes' }).setChecked(format === 'xlsx');
      await page.getByRole('button', { name: 'Save as…' }).click();
      await page.getByRole('status').filter({ hasText: `2 rows saved to ${file}` }).waitFor();
      expect(h.dialogs.exportNames.at(-1)).toMatch(new RegExp(`^${NAME} \\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      const read = await readTable(new Uint8Array(readFileSync(file)), file);
      if (!read.ok) throw new Error(read.reason);
      const [header, ...rows] = read.table.rows.filter((r) => r.some((c) => c !== ''));
      expect(rows).toHaveLength(2);
      expect(header).toEqual(
        ['nameCyrillic', 'nameLatin', 'phone', 'email', 'city', 'role', 'tags', 'groups', 'renewalDate', ...(format === 'xlsx' ? ['notes'] : [])].map((c) =>
          t('en', `import.column.${c}` as Parameters<typeof t>[1]),
        ),
      );
    }
    // Cancelled dialog: nothing written, no message.
    h.dialogs.save = null;
    await page.getByRole('button', { name: 'Save as…' }).click();
    // The backend writes only .csv or .xlsx files at absolute paths.
    for (const file of [join(outDir, 'evil.sh'), 'roster.csv']) {
      await expect(h.backend.handlers.exportRosterToFile({ associationId, columns: ['nameCyrillic'], format: 'csv', locale: 'en', file })).rejects.toMatchObject({
        code: 'bad_request',
        detail: { reason: 'export_bad_path' },
      });
    }
  });
});
