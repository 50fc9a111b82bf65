/**
 * The third engine of the store contract: sqlite-wasm on OPFS (SAH-pool VFS) in a dedicated
 * worker of headless Chromium. The same CONTRACT_CASES run on better-sqlite3 and on
 * sqlite-wasm in memory in packages/store/src/contract.test.ts.
 *
 * The whole suite runs once in the worker (in `beforeAll`); each case is then its own `it`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_CASES } from '@mekendesh/store/contract';
import { startBrowserStore, type BrowserStore, type ContractResult, type InfoReply } from '../kit/browser-store/build.ts';

let store: BrowserStore | undefined;
let info: InfoReply;
let results: ContractResult[] = [];

const withLog = (err: unknown) => {
  const log = store?.log.length ? `\nbrowser console:\n${store.log.join('\n')}` : '';
  return err instanceof Error ? Object.assign(err, { message: err.message + log }) : new Error(String(err) + log);
};

describe('store contract on sqlite-wasm + OPFS (headless Chromium worker)', () => {
  beforeAll(async () => {
    store = await startBrowserStore();
    try {
      info = await store.run({ cmd: 'info' });
      results = await store.run({ cmd: 'contract' });
    } catch (err) {
      throw withLog(err);
    }
  });

  afterAll(async () => {
    await store?.close();
  });

  it('runs on the OPFS SAH-pool VFS, not in memory', () => {
    expect(info.vfs).toBe(info.poolName);
    expect(info.sqliteVersion).toMatch(/^3\./);
  });

  for (const c of CONTRACT_CASES) {
    it(c.name, () => {
      const r = results.find((x) => x.name === c.name);
      if (!r) throw new Error(`the worker did not report "${c.name}" (it reported ${results.length} cases)`);
      if (!r.ok) throw new Error(`failed in the browser worker:\n${r.error ?? '(no error message)'}`);
      expect(r.ok).toBe(true);
    });
  }

  it('reports no case the Node side does not know, and deletes every database it made', async () => {
    expect(results.map((r) => r.name)).toEqual(CONTRACT_CASES.map((c) => c.name));
    const after = await store!.run({ cmd: 'info' });
    expect(after.files).toEqual([]);
  });

  it('persists a database across a page reload (new worker, same OPFS)', async () => {
    const s = store!;
    const file = `/persist-${Date.now()}.db`;
    const rows = ['Бишкек', 'Ош', 'Жалал-Абад', 'Каракол', 'Нарын'];
    try {
      expect(await s.run({ cmd: 'persist-write', file, rows: rows.slice(0, 3) })).toEqual({ count: 3 });
      expect(await s.run({ cmd: 'persist-write', file, rows: rows.slice(3) })).toEqual({ count: 5 });

      await s.reload();

      // A new worker: a file that was never written must not exist (reads do not create files)...
      await expect(s.run({ cmd: 'persist-read', file: '/never-written.db' })).rejects.toThrow(/no such file/);
      // ...and the one written before the reload comes back from disk.
      expect(await s.run({ cmd: 'persist-read', file })).toEqual(rows);
    } catch (err) {
      throw withLog(err);
    } finally {
      await s.run({ cmd: 'unlink', file }).catch(() => {});
    }
    expect((await s.run({ cmd: 'info' })).files).toEqual([]);
  });
});
