/**
 * Project workspaces in the PWA, in headless Chromium against the real server, driven by role
 * and label: two people (an owner and an editor, each on their own device) open the same
 * workspace; typing in one's notes appears in the other's, each sees the other present (and
 * their caret); a task added, assigned, dated, moved and ticked on one board appears on the
 * other. Offline for real (the server stopped): the editor edits the notes and the board,
 * history says it needs a connection, a reload comes from the service worker with the edits
 * still there, and when the server is back they reach the owner. A viewer's editor is
 * read-only. History: save a version, change, preview, restore; the content is back.
 * `MEKENDESH_SCREENSHOTS=1` writes docs/screenshots/workspace-{ky,en}.png and workspace-history-en.png.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Key } from '../../pwa/src/i18n/index.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { en, ky, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { openClient, signUp, startTestServer, type TestUser } from '../kit/server.ts';
import { createProject } from '../kit/workspace.ts';

const P = 'proj-e2e-workspace';
const TITLE = 'Мектептин чатыры';
const OWNER = 'Айгүл Бекова';
const EDITOR = 'Бакыт Асанов';
const VIEWER = 'Нурлан Осмонов';
const TASK = 'Шифер сатып алуу';
const SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const shot = (page: Page, name: string) => (process.env.MEKENDESH_SCREENSHOTS === '1' ? page.screenshot({ path: join(SHOTS, name), fullPage: true }) : null);

type Tr = (key: Key, args?: Record<string, string | number>) => string;

describe('project workspaces in the PWA: notes, board, presence, offline, viewers, history', () => {
  let env: PwaEnv;
  let second: Awaited<ReturnType<typeof launchChromiumProfile>>;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let a: Page; // the owner's device
  let b: Page; // the editor's device (later the viewer's)

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-workspace-');
    second = await launchChromiumProfile();
    const email = (who: string) => `${who}.${Date.now()}@example.org`;
    owner = await signUp(env.server.url, 'Айгүл', { email: email('owner') });
    editor = await signUp(env.server.url, 'Бакыт', { email: email('editor') });
    viewer = await signUp(env.server.url, 'Нурлан', { email: email('viewer') });
    // Names on their profiles (shown to members), as people fill them in.
    for (const [user, name] of [[owner, OWNER], [editor, EDITOR], [viewer, VIEWER]] as const) {
      const c = openClient(env.server, user);
      try {
        c.client.mutate('profile.update', { id: user.account.id, patch: { nameCyrillic: name } });
        await c.client.syncNow();
      } finally {
        await c.close();
      }
    }
    await createProject(env.server, owner, P, [
      { user: editor, role: 'editor' },
      { user: viewer, role: 'viewer' },
    ]);
    a = await env.page();
    b = second.context.pages()[0] ?? (await second.context.newPage());
    b.on('console', (m) => env.log.push(`[b ${m.type()}] ${m.text()}`));
    b.on('pageerror', (e) => env.log.push(`[pageerror] b: ${e.message}`));
  });

  afterAll(async () => {
    await second?.close();
    await env?.close();
  });

  const status = (page: Page, tr: Tr = ky) => page.getByRole('status', { name: tr('status.label') });
  const nav = (page: Page, tr: Tr = ky) => page.getByRole('navigation', { name: tr('nav.label') });
  const connection = (page: Page, tr: Tr = ky) => page.getByRole('status', { name: tr('workspace.connection') });
  const notes = (page: Page, tr: Tr = ky) => page.getByRole('textbox', { name: tr('notes.editor') });
  const board = (page: Page, tr: Tr = ky) => page.getByRole('region', { name: tr('board.title') });
  const column = (page: Page, title: Key, tr: Tr = ky) => board(page, tr).getByRole('region', { name: tr(title), exact: true });
  const task = (page: Page, title: string, tr: Tr = ky) => board(page, tr).getByRole('article', { name: title });

  async function signIn(page: Page, user: TestUser) {
    await page.goto(env.server.url);
    await page.getByRole('button', { name: ky('auth.haveAccount') }).click();
    await page.getByLabel(ky('auth.email')).fill(user.email);
    await page.getByLabel(ky('auth.password')).fill(user.password);
    await page.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
    await waitForText(page, status(page), [ky('sync.idle'), ky('sync.pending', { count: 0 })], 30_000);
  }

  /** From the Projects page to the workspace, waiting until it is connected. */
  async function openWorkspace(page: Page, tr: Tr = ky) {
    await nav(page, tr).getByRole('link', { name: tr('nav.projects') }).click();
    await page.getByRole('region', { name: tr('projects.title') }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    // The project's page opens on its overview; the notes and the board are the next tab.
    await page.getByRole('navigation', { name: tr('workspace.sections') }).getByRole('link', { name: tr('workspace.tab.work') }).click();
    await waitForText(page, connection(page, tr), [tr('workspace.connection.synced')], 30_000);
  }

  it('lets two people write the notes and run the board together, each seeing the other', async () => {
    await env.withLog(async () => {
      await a.setViewportSize({ width: 1200, height: 1000 });
      await b.setViewportSize({ width: 1200, height: 1000 });
      await signIn(a, owner);
      await signIn(b, editor);

      // The Projects page lists the project with its status, the role and the place.
      await nav(a).getByRole('link', { name: ky('nav.projects') }).click();
      const item = a.getByRole('region', { name: ky('projects.title') }).getByRole('article', { name: TITLE });
      await waitForText(a, item, [ky('project.status.draft'), ky('project.role.owner')]);
      await openWorkspace(a);
      await openWorkspace(b);
      await waitForText(b, b.getByRole('main'), [ky('workspace.role', { role: ky('project.role.editor') })]);

      // Presence: each sees the other.
      await waitForText(a, a.getByRole('list', { name: ky('workspace.presence') }), [ky('workspace.you', { name: OWNER }), EDITOR]);
      await waitForText(b, b.getByRole('list', { name: ky('workspace.presence') }), [ky('workspace.you', { name: EDITOR }), OWNER]);

      // Notes: the owner writes a heading and a line; the editor sees them, and answers in bold.
      await notes(a).click();
      await a.getByRole('toolbar', { name: ky('notes.toolbar') }).getByRole('button', { name: ky('notes.heading') }).click();
      expect(await a.getByRole('button', { name: ky('notes.heading') }).getAttribute('aria-pressed')).toBe('true');
      await a.keyboard.type('Жыйындын планы');
      await a.keyboard.press('Enter');
      await a.keyboard.type('Чатырды жайында алмаштырабыз.');
      await waitForText(b, notes(b), ['Жыйындын планы', 'Чатырды жайында алмаштырабыз.']);
      expect(await notes(b).locator('h2').textContent()).toBe('Жыйындын планы');
      await notes(b).click();
      await b.keyboard.press('ControlOrMeta+End');
      await b.keyboard.press('Enter');
      await b.getByRole('button', { name: ky('notes.bold') }).click();
      await b.keyboard.type('Усталар даяр');
      expect(await b.getByRole('button', { name: ky('notes.bold') }).getAttribute('aria-pressed')).toBe('true');
      await waitForText(a, notes(a), ['Усталар даяр']);
      expect(await notes(a).locator('strong').textContent()).toBe('Усталар даяр');
      // The editor's caret, in their colour and with their name, in the owner's notes.
      await a.locator('.collaboration-carets__label', { hasText: EDITOR }).waitFor();

      // The board: the default columns, translated; the owner adds a task.
      for (const col of ['board.column.todo', 'board.column.doing', 'board.column.done'] as const) await column(a, col).waitFor();
      await column(a, 'board.column.todo').getByLabel(ky('board.newTask', { column: ky('board.column.todo') })).fill(TASK);
      await column(a, 'board.column.todo').getByRole('button', { name: ky('board.addTaskTo', { column: ky('board.column.todo') }) }).click();
      await column(b, 'board.column.todo').getByRole('article', { name: TASK }).waitFor();

      // The editor assigns it to the owner with a due date, moves it on, and ticks it.
      await task(b, TASK).getByRole('button', { name: ky('board.editTask', { task: TASK }) }).click();
      const edit = b.getByRole('group', { name: ky('board.editTask', { task: TASK }) });
      await edit.getByLabel(ky('board.assignee')).selectOption({ label: OWNER });
      await edit.getByLabel(ky('board.due')).fill('2026-09-01');
      await edit.getByRole('button', { name: ky('board.closeEdit') }).click();
      const due = await a.evaluate(() => new Intl.DateTimeFormat(['ky', 'ru'], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-09-01T00:00:00Z')));
      await waitForText(a, task(a, TASK), [ky('board.assignedTo', { name: OWNER }), ky('board.dueOn', { date: due })]);
      const right = task(b, TASK).getByRole('button', { name: ky('board.moveTo', { column: ky('board.column.doing'), task: TASK }) });
      await right.click();
      // The focus follows the task to its new column.
      await column(b, 'board.column.doing').getByRole('article', { name: TASK }).waitFor();
      expect(await b.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('right');
      await column(a, 'board.column.doing').getByRole('article', { name: TASK }).waitFor();
      await task(b, TASK).getByRole('checkbox', { name: ky('board.taskDone', { task: TASK }) }).check();
      await expect.poll(() => task(a, TASK).getByRole('checkbox', { name: ky('board.taskDone', { task: TASK }) }).isChecked(), { timeout: 10_000 }).toBe(true);
      // A second task, moved up above the first with the keyboard.
      await column(a, 'board.column.doing').getByLabel(ky('board.newTask', { column: ky('board.column.doing') })).fill('Усталарды чакыруу');
      await a.keyboard.press('Enter');
      const up = task(a, 'Усталарды чакыруу').getByRole('button', { name: ky('board.moveUp', { task: 'Усталарды чакыруу' }) });
      await up.focus();
      await a.keyboard.press('Enter');
      await expect
        .poll(async () => (await column(b, 'board.column.doing').getByRole('article').allTextContents()).map((t) => t.slice(0, 10)), { timeout: 10_000 })
        .toEqual(['Усталарды ', 'Шифер сатып алуу'.slice(0, 10)]);

      // For the pictures: the editor is writing in the notes (their caret shows on the owner's screen).
      await notes(b).click();
      await b.keyboard.press('ControlOrMeta+End');
      await a.locator('.collaboration-carets__label', { hasText: EDITOR }).waitFor();
      await a.mouse.click(5, 5);
      await a.evaluate(() => window.scrollTo(0, 0));
      await shot(a, 'workspace-ky.png');
      await a.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
      await column(a, 'board.column.todo', en).waitFor();
      await waitForText(a, connection(a, en), [en('workspace.connection.synced')]);
      await a.evaluate(() => window.scrollTo(0, 0));
      await shot(a, 'workspace-en.png');
      await a.getByLabel(en('shell.language'), { exact: true }).selectOption('ky');
      expect(env.unexpectedErrors(/401/)).toEqual([]);
    });
  });

  it('keeps the editor\'s offline edits over a reload and sends them when the server is back', async () => {
    await env.withLog(async () => {
      await b.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
      });
      const { port, dataDir, url } = env.server;
      await env.server.close();
      await waitForText(b, connection(b), [ky('workspace.connection.offline')], 30_000);

      await notes(b).click();
      await b.keyboard.press('ControlOrMeta+End');
      await b.keyboard.press('Enter');
      await b.keyboard.type('Интернетсиз жазылды');
      await column(b, 'board.column.todo').getByLabel(ky('board.newTask', { column: ky('board.column.todo') })).fill('Оффлайн тапшырма');
      await column(b, 'board.column.todo').getByRole('button', { name: ky('board.addTaskTo', { column: ky('board.column.todo') }) }).click();
      await task(b, 'Оффлайн тапшырма').waitFor();

      // History lives on the server: it says so.
      await b.getByRole('navigation', { name: ky('workspace.sections') }).getByRole('link', { name: ky('workspace.tab.history') }).click();
      await waitForText(b, b.getByRole('main'), [ky('history.offline')]);

      // A reload with no server: the app comes from the service worker, on the same page.
      expect((await b.reload())?.fromServiceWorker()).toBe(true);
      await b.getByRole('heading', { name: TITLE, level: 2 }).waitFor({ timeout: 30_000 });
      await b.getByRole('navigation', { name: ky('workspace.sections') }).getByRole('link', { name: ky('workspace.tab.work') }).click();
      await waitForText(b, notes(b), ['Интернетсиз жазылды', 'Усталар даяр']);
      await task(b, 'Оффлайн тапшырма').waitFor();
      await waitForText(b, connection(b), [ky('workspace.connection.offline')], 30_000);
      // The owner has not seen them.
      expect(await notes(a).textContent()).not.toContain('Интернетсиз жазылды');

      const restarted = await startTestServer({ staticDir: env.dist, port, dataDir });
      env.server = { ...restarted, stop: async () => { await restarted.close(); await rm(dataDir, { recursive: true, force: true }); } };
      expect(env.server.url).toBe(url);
      await waitForText(a, notes(a), ['Интернетсиз жазылды'], 40_000);
      await task(a, 'Оффлайн тапшырма').waitFor({ timeout: 20_000 });
      await waitForText(b, connection(b), [ky('workspace.connection.synced')], 40_000);
      // Presence comes back too.
      await waitForText(a, a.getByRole('list', { name: ky('workspace.presence') }), [EDITOR], 30_000);
      expect(env.unexpectedErrors(/401|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|Failed to fetch|WebSocket|network|503|502/i)).toEqual([]);
    });
  });

  it('gives a viewer a read-only workspace', async () => {
    await env.withLog(async () => {
      await b.getByRole('button', { name: ky('auth.signOut'), exact: true }).click();
      await b.getByRole('button', { name: ky('auth.haveAccount') }).click();
      await b.getByLabel(ky('auth.email')).fill(viewer.email);
      await b.getByLabel(ky('auth.password')).fill(viewer.password);
      await b.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
      await waitForText(b, status(b), [ky('sync.idle'), ky('sync.pending', { count: 0 })], 30_000);
      await openWorkspace(b);
      await waitForText(b, b.getByRole('main'), [ky('workspace.readOnly'), ky('workspace.role', { role: ky('project.role.viewer') })]);
      await waitForText(b, notes(b), ['Интернетсиз жазылды']);
      expect(await notes(b).getAttribute('contenteditable')).toBe('false');
      expect(await notes(b).getAttribute('aria-readonly')).toBe('true');
      expect(await b.getByRole('toolbar', { name: ky('notes.toolbar') }).count()).toBe(0);
      // Typing changes nothing; the board has no controls.
      const before = await notes(b).textContent();
      await notes(b).click();
      await b.keyboard.type('көрүүчү');
      expect(await notes(b).textContent()).toBe(before);
      await task(b, TASK).waitFor();
      expect(await board(b).getByRole('button').count()).toBe(0);
      expect(await board(b).getByRole('textbox').count()).toBe(0);
      expect(await notes(a).textContent()).not.toContain('көрүүчү');
    });
  });

  it('saves a version, previews it and restores it', async () => {
    await env.withLog(async () => {
      const sections = a.getByRole('navigation', { name: ky('workspace.sections') });
      await sections.getByRole('link', { name: ky('workspace.tab.history') }).click();
      const history = a.getByRole('region', { name: ky('history.title') });
      await history.getByLabel(ky('history.label')).fill('Жыйындан мурун');
      await history.getByRole('button', { name: ky('history.save') }).click();
      await waitForText(a, history, [ky('history.saved'), 'Жыйындан мурун', ky('history.kind.named'), ky('history.by', { name: OWNER })]);

      // A change after the version.
      await sections.getByRole('link', { name: ky('workspace.tab.work') }).click();
      await notes(a).click();
      await a.keyboard.press('ControlOrMeta+End');
      await a.keyboard.press('Enter');
      await a.keyboard.type('Кийин кошулду');
      await column(a, 'board.column.todo').getByLabel(ky('board.newTask', { column: ky('board.column.todo') })).fill('Кийинки тапшырма');
      await a.keyboard.press('Enter');
      await task(a, 'Кийинки тапшырма').waitFor();
      await waitForText(b, notes(b), ['Кийин кошулду']);

      // The preview shows the version as it was, read-only.
      await sections.getByRole('link', { name: ky('workspace.tab.history') }).click();
      await history.getByRole('button', { name: ky('history.preview', { version: 'Жыйындан мурун' }) }).click();
      const preview = a.getByRole('region', { name: ky('history.previewTitle', { version: 'Жыйындан мурун' }) });
      const old = preview.getByRole('textbox', { name: ky('history.previewTitle', { version: 'Жыйындан мурун' }) });
      await waitForText(a, old, ['Интернетсиз жазылды']);
      expect(await old.textContent()).not.toContain('Кийин кошулду');
      expect(await old.getAttribute('contenteditable')).toBe('false');
      await preview.getByRole('article', { name: TASK }).waitFor();
      expect(await preview.getByRole('article', { name: 'Кийинки тапшырма' }).count()).toBe(0);

      // Restore, confirmed: the notes and the board are back, for the viewer too.
      await preview.getByRole('button', { name: ky('history.restore') }).click();
      await preview.getByRole('group', { name: ky('history.restore') }).getByRole('button', { name: ky('history.confirmRestore') }).click();
      await waitForText(a, history, [ky('history.restored')]);
      await sections.getByRole('link', { name: ky('workspace.tab.work') }).click();
      await waitForText(a, notes(a), ['Интернетсиз жазылды']);
      expect(await notes(a).textContent()).not.toContain('Кийин кошулду');
      expect(await task(a, 'Кийинки тапшырма').count()).toBe(0);
      await expect.poll(async () => (await notes(b).textContent())?.includes('Кийин кошулду'), { timeout: 10_000 }).toBe(false);

      // The history in English, with a version open (for the screenshot).
      await a.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
      await a.getByRole('navigation', { name: en('workspace.sections') }).getByRole('link', { name: en('workspace.tab.history') }).click();
      const historyEn = a.getByRole('region', { name: en('history.title') });
      await historyEn.getByRole('button', { name: en('history.preview', { version: 'Жыйындан мурун' }) }).click();
      await a.getByRole('region', { name: en('history.previewTitle', { version: 'Жыйындан мурун' }) }).getByRole('article', { name: TASK }).waitFor();
      await a.evaluate(() => window.scrollTo(0, 0));
      await shot(a, 'workspace-history-en.png');
      await a.getByLabel(en('shell.language'), { exact: true }).selectOption('ky');
    });
  });
});
