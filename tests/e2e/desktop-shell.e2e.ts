/**
 * The desktop renderer's shell in headless Chromium over the real backend and server: a
 * machine that cannot protect the session token is told so, the keyboard alone signs in,
 * founds an association and sorts the roster, Russian plurals, and signing out forgets the token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../desktop/renderer/src/i18n/index.ts';
import { buildRenderer, startDesktop, type DesktopHarness } from '../kit/desktop.ts';
import { signUp, startTestServer, type TestUser } from '../kit/server.ts';

describe('the desktop renderer shell', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let dataDir: string;
  let build: { dir: string; remove(): void };
  let leader: TestUser;
  let h: DesktopHarness;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
    [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
    leader = await signUp(server.url, 'Leader');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
    h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir, credentialsProtected: false });
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('warns when the token cannot be protected; works from the keyboard; Russian plurals; sign-out forgets the token', async () => {
    const page = h.page;
    await page.getByRole('note').filter({ hasText: t('ky', 'desktop.credentials.unprotected') }).waitFor();

    // Keyboard only: type, Tab, type, Enter.
    await page.getByLabel(t('ky', 'signIn.email')).focus();
    await page.keyboard.type(leader.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(leader.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('ky', 'associations.title') }).waitFor();
    expect(JSON.parse(h.credentials.token!).accountId).toBe(leader.account.id);

    await page.getByLabel(t('ky', 'associations.name')).focus();
    await page.keyboard.type('Сеулдагы кыргыздар');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Сеул');
    await page.keyboard.press('Tab');
    await page.keyboard.type('KR');
    await page.keyboard.press('Enter');
    await page.getByText(`${t('ky', 'associations.members', { count: 1, n: '1' })} · ${t('ky', 'associations.pending', { count: 0, n: '0' })}`).waitFor();

    await page.getByRole('combobox', { name: t('ky', 'shell.language') }).selectOption('ru');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await page.getByText('1 член · заявок нет').waitFor();
    const open = page.getByRole('button', { name: 'Открыть объединение «Сеулдагы кыргыздар»' });
    await open.focus();
    await page.keyboard.press('Enter');
    await page.getByText('1 человек', { exact: true }).waitFor();

    // Sorting from the keyboard: the header's button takes Enter.
    const header = page.getByRole('columnheader', { name: 'Город' });
    expect(await header.getAttribute('aria-sort')).toBe('none');
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expect(h.credentials.token).toBeNull();
    // Nothing stored: the next start asks to sign in.
    const again = await h.reopen();
    await again.getByRole('heading', { name: 'Вход' }).waitFor();
  });
});
