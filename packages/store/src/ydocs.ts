import type { SqlDriver } from './driver.ts';

/** What is stored of one Yjs document: its compacted state and the updates appended since. */
export interface StoredYDoc {
  /** The compacted state (a Yjs update of the whole document), or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The id of the last update read, for {@link YDocStore.compact}; 0 when there were none. */
  lastId: number;
}

/** A saved version of a document, listed without its bytes. */
export interface YDocVersionInfo {
  id: string;
  createdAt: string;
  createdBy: string | null;
  /** `auto`: saved by the server as editing went on; `named`: saved by someone, with a label. */
  kind: 'auto' | 'named';
  label: string | null;
}

// better-sqlite3 returns Buffers and sqlite-wasm Uint8Arrays; callers get plain bytes either way.
const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer));

/**
 * Yjs documents in SQLite, the same way on the server and on clients: every update is appended
 * as it happens (cheap, and nothing is lost if the process dies), and {@link compact} replaces
 * the updates read so far with one encoded state. It knows nothing of Yjs: the caller applies
 * what {@link load} returns to a `Y.Doc` and encodes it (`@mekendesh/sync`'s `ydoc.ts`), which is
 * far faster than merging updates (measured: `Y.mergeUpdates` over 100,000 small updates took
 * minutes, a document applying them and encoding the result under a second).
 */
export class YDocStore {
  constructor(private readonly db: SqlDriver, private readonly now: () => string = () => new Date().toISOString()) {}

  /** Everything stored of `doc`. Empty (no snapshot, no updates) for a document never written. */
  load(doc: string): StoredYDoc {
    const snap = this.db.get<{ data: unknown }>('SELECT data FROM ydoc_snapshots WHERE doc = ?', [doc]);
    const rows = this.db.values('SELECT id, data FROM ydoc_updates WHERE doc = ? ORDER BY id', [doc]);
    return {
      snapshot: snap ? bytes(snap.data) : null,
      updates: rows.map((r) => bytes(r[1])),
      lastId: rows.length ? Number(rows[rows.length - 1]![0]) : 0,
    };
  }

  /**
   * Appends updates of one document in one transaction (the caller batches: one commit for many
   * small edits). Empty updates (a Yjs update with no structs and no deletions is 2 bytes) are
   * skipped. Returns the id of the last row written, or 0.
   */
  append(doc: string, updates: readonly Uint8Array[]): number {
    let last = 0;
    const write = () => {
      for (const u of updates) {
        if (isEmptyUpdate(u)) continue;
        this.db.run('INSERT INTO ydoc_updates (doc, data) VALUES (?, ?)', [doc, u]);
        last = Number(this.db.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id);
      }
    };
    if (this.db.inTransaction) write();
    else this.db.transaction(write);
    return last;
  }

  /** Replaces the snapshot with `state` and drops the updates up to `uptoId`, which `state` includes. */
  compact(doc: string, state: Uint8Array, uptoId: number): void {
    this.db.transaction(() => {
      this.db.run(
        'INSERT INTO ydoc_snapshots (doc, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(doc) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
        [doc, state, this.now()],
      );
      if (uptoId > 0) this.db.run('DELETE FROM ydoc_updates WHERE doc = ? AND id <= ?', [doc, uptoId]);
    });
  }

  /** How many updates wait for compaction. */
  pending(doc: string): number {
    return this.db.get<{ n: number }>('SELECT count(*) AS n FROM ydoc_updates WHERE doc = ?', [doc])!.n;
  }

  /** Whether anything is stored for `doc`. */
  has(doc: string): boolean {
    return (
      this.db.get('SELECT 1 AS x FROM ydoc_snapshots WHERE doc = ?', [doc]) !== undefined ||
      this.db.get('SELECT 1 AS x FROM ydoc_updates WHERE doc = ? LIMIT 1', [doc]) !== undefined
    );
  }

  /** Removes everything stored of `doc` (its versions too, where the table exists). */
  remove(doc: string): void {
    this.db.transaction(() => {
      this.db.run('DELETE FROM ydoc_updates WHERE doc = ?', [doc]);
      this.db.run('DELETE FROM ydoc_snapshots WHERE doc = ?', [doc]);
      if (this.hasVersions()) this.db.run('DELETE FROM ydoc_versions WHERE doc = ?', [doc]);
    });
  }

  // Versions live on the server only (server migration 0005).
  private versionsTable: boolean | undefined;
  private hasVersions(): boolean {
    this.versionsTable ??= this.db.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'ydoc_versions'") !== undefined;
    return this.versionsTable;
  }

  /** Saves a version of `doc` (its whole encoded state). */
  saveVersion(v: { id: string; doc: string; kind: 'auto' | 'named'; label: string | null; createdBy: string | null; state: Uint8Array }): YDocVersionInfo {
    const createdAt = this.now();
    this.db.run('INSERT INTO ydoc_versions (id, doc, created_at, created_by, kind, label, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      v.id,
      v.doc,
      createdAt,
      v.createdBy,
      v.kind,
      v.label,
      v.state,
    ]);
    return { id: v.id, createdAt, createdBy: v.createdBy, kind: v.kind, label: v.label };
  }

  /** Versions of `doc`, newest first. */
  versions(doc: string, limit = 200): YDocVersionInfo[] {
    return this.db
      .all<{ id: string; created_at: string; created_by: string | null; kind: string; label: string | null }>(
        'SELECT id, created_at, created_by, kind, label FROM ydoc_versions WHERE doc = ? ORDER BY created_at DESC, id DESC LIMIT ?',
        [doc, limit],
      )
      .map((r) => ({ id: r.id, createdAt: r.created_at, createdBy: r.created_by, kind: r.kind === 'named' ? 'named' : 'auto', label: r.label }));
  }

  /** When the newest version of `doc` was saved, or null. */
  lastVersionAt(doc: string): string | null {
    return this.db.get<{ t: string | null }>('SELECT max(created_at) AS t FROM ydoc_versions WHERE doc = ?', [doc])?.t ?? null;
  }

  /** The encoded state of one version of `doc`, or null. */
  version(doc: string, id: string): Uint8Array | null {
    const row = this.db.get<{ data: unknown }>('SELECT data FROM ydoc_versions WHERE doc = ? AND id = ?', [doc, id]);
    return row ? bytes(row.data) : null;
  }

  /** Drops the oldest automatic versions of `doc` beyond `keep` (named ones are kept). */
  pruneVersions(doc: string, keep: number): void {
    this.db.run(
      `DELETE FROM ydoc_versions WHERE doc = ? AND kind = 'auto' AND id NOT IN (
         SELECT id FROM ydoc_versions WHERE doc = ? AND kind = 'auto' ORDER BY created_at DESC, id DESC LIMIT ?)`,
      [doc, doc, keep],
    );
  }
}

/**
 * True for an update that changes nothing: no structs and an empty delete set (Yjs encodes it as
 * two zero bytes). Storing those would grow the table for nothing (the y-websocket client sends
 * them as sync step 2 replies).
 */
export function isEmptyUpdate(u: Uint8Array): boolean {
  return u.length === 0 || (u.length === 2 && u[0] === 0 && u[1] === 0);
}
