import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openServerDb } from './db.ts';

describe('the server database', () => {
  it('runs in WAL mode with synchronous=FULL, so acknowledged writes are on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mekendesh-db-'));
    try {
      const db = openServerDb(join(dir, 'nested', 'mekendesh.db'));
      expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')!.journal_mode).toBe('wal');
      expect(db.get<{ synchronous: number }>('PRAGMA synchronous')!.synchronous).toBe(2);
      expect(db.get<{ n: number }>("SELECT count(*) AS n FROM _migrations")!.n).toBeGreaterThanOrEqual(2);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
