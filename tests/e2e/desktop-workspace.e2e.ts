/**
 * A project workspace in the desktop app: the PWA's screens in the renderer (headless Chromium,
 * the desktop's CSP in force), over the real desktop backend, which holds the workspace's
 * connection with the bearer token (the renderer opens no socket). A leader opens the project
 * from "Profile and skills" → Projects; what they write in the notes and on the board reaches a
 * member's stock y-websocket provider through the real server, the member's edits and presence
 * come back, and the member's caret shows in the leader's notes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesText } from '@mekendesh/sync';
import { readBoard } from '@mekendesh/sync/board';
import { t as desktopT } from '../../desktop/renderer/src/i18n/index.ts';
import { buildRenderer, startDesktop, type DesktopHarness } from '../kit/desktop.ts';
import '../../pwa/src/i18n/project.ts';
import { en, waitForText } from '../kit/pwa.ts';
import { signUp, startTestServer, type TestUser } from '../kit/server.ts';
import { createProject, openProvider, pushAll, waitFor } from '../kit/workspace.ts';

const P = 'proj-desktop-ws';
const TITLE = 'Мектептин чатыры';

describe('a project workspace in the desktop app', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let dataDir: string;
  let leader: TestUser;
  let member: TestUser;
  let build: { dir: string; remove(): void };
  let h: DesktopHarness;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-ws-'));
    [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
    leader = await signUp(server.url, 'Leader');
    member = await signUp(server.url, 'Member');
    await createProject(server, leader, P, [{ user: member, role: 'editor' }]);
    h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir });
    page = h.page;
  });
  afterAll(async () => {
    // Fails on any page error or CSP violation in the renderer.
    await h?.close();
    await server?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the workspace from Projects; notes, board and presence go both ways with a member elsewhere', async () => {
    const d = (key: Parameters<typeof desktopT>[1]) => desktopT('en', key);
    await page.getByRole('combobox', { name: 'Тил' }).selectOption('en');
    await page.getByLabel(d('signIn.email')).fill(leader.email);
    await page.getByLabel(d('signIn.password')).fill(leader.password);
    await page.getByRole('button', { name: d('signIn.submit') }).click();
    await page.getByRole('navigation', { name: d('area.label') }).getByRole('button', { name: d('area.app') }).click();

    // The member is already in the workspace, from another device (the stock provider).
    const other = openProvider(server, member, P);
    other.provider.awareness.setLocalStateField('user', { name: 'Бакыт', color: '#0d47a1' });
    await waitFor(() => other.provider.synced, 10_000, 'member synced');

    const nav = page.getByRole('navigation', { name: en('nav.label') });
    await nav.getByRole('link', { name: en('nav.projects') }).click();
    const list = page.getByRole('region', { name: en('projects.title') });
    await waitForText(page, list.getByRole('article', { name: TITLE }), [en('project.role.owner')], 20_000);
    await list.getByRole('link', { name: TITLE }).click();
    await page.getByRole('navigation', { name: en('workspace.sections') }).getByRole('link', { name: en('workspace.tab.work') }).click();
    await waitForText(page, page.getByRole('status', { name: en('workspace.connection') }), [en('workspace.connection.synced')], 20_000);
    await waitForText(page, page.getByRole('list', { name: en('workspace.presence') }), ['Бакыт']);

    // The leader writes; the member's document gets it.
    const notes = page.getByRole('textbox', { name: en('notes.editor') });
    await notes.click();
    await page.keyboard.type('Desktop notes: roof in July');
    await waitFor(() => notesText(other.doc).includes('Desktop notes: roof in July'), 10_000, 'the member has the notes');
    const board = page.getByRole('region', { name: en('board.title') });
    const todo = board.getByRole('region', { name: en('board.column.todo'), exact: true });
    await todo.getByLabel(en('board.newTask', { column: en('board.column.todo') })).fill('Order the slate');
    await page.keyboard.press('Enter');
    await waitFor(() => readBoard(other.doc).columns.some((c) => c.id === 'todo' && c.tasks.some((t) => t.title === 'Order the slate')), 10_000, 'the member has the task');
    // The default columns were made with their fixed ids and no stored title.
    expect(readBoard(other.doc).columns.map((c) => [c.id, c.title])).toEqual([['todo', ''], ['doing', ''], ['done', '']]);

    // The member answers; the leader sees it, and the member's caret.
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Member: slate ordered')]);
    other.doc.getXmlFragment('notes').push([p]);
    await waitForText(page, notes, ['Member: slate ordered']);
    other.provider.awareness.setLocalStateField('cursor', {
      anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(p.get(0) as Y.XmlText, 3)),
      head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(p.get(0) as Y.XmlText, 3)),
    });
    await page.locator('.collaboration-carets__label', { hasText: 'Бакыт' }).waitFor();

    // The member leaves: presence follows.
    other.provider.destroy();
    await expect.poll(async () => (await page.getByRole('list', { name: en('workspace.presence') }).textContent()) ?? '', { timeout: 15_000 }).not.toContain('Бакыт');
  });

  it('saves a receipt through the backend (the page has no token), and links the public page with the server\'s address', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('slate receipt')]);
    await pushAll(server, leader, [
      ['expense.create', { id: `${P}-expense`, projectId: P, amount: 50000, currency: 'KGS', purpose: 'Шифер' }],
      ['project.setPublic', { id: P, isPublic: true }],
    ]);
    const res = await fetch(`${server.url}/api/projects/${P}/expenses/${P}-expense/receipt`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${leader.token}` },
      body: Buffer.from(png),
    });
    expect(res.status).toBe(201);
    await page.getByRole('navigation', { name: en('workspace.sections') }).getByRole('link', { name: en('workspace.tab.overview') }).click();
    const expense = page.getByRole('article', { name: 'Шифер' });
    const receipt = expense.getByRole('button', { name: en('project.receipt.view') });
    await receipt.waitFor({ timeout: 20_000 });
    // The user picks a place; the suggested name said PDF, the file is a photo.
    h.dialogs.save = join(dataDir, 'receipt.pdf');
    await receipt.click();
    await waitForText(page, expense.getByRole('status'), [en('files.saved', { name: 'receipt.png' })]);
    expect(h.dialogs.fileNames).toEqual([`receipt-${P}-expense.pdf`]);
    expect(new Uint8Array(readFileSync(join(dataDir, 'receipt.png')))).toEqual(png);
    // Cancelled: nothing said, nothing written.
    h.dialogs.save = null;
    await receipt.click();
    await expect.poll(() => h.dialogs.fileNames.length).toBe(2);
    expect(await expense.getByRole('alert').count()).toBe(0);

    const open = page.getByRole('link', { name: en('project.public.open') });
    await open.waitFor({ timeout: 20_000 });
    expect(await open.getAttribute('href')).toBe(`${server.url}/projects/${P}`);
    expect(await open.getAttribute('target')).toBe('_blank');
  });
});
