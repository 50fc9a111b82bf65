import type { ProfileView } from '@mekendesh/core';
import { Records, type SqlDriver } from '@mekendesh/store';
import { ProfileSearch } from './profile-search.ts';

const KEY = 'profiles';

/** Saves the index next to the data it was built from (client table `search_snapshot`). */
export function saveSearchIndex(db: SqlDriver, index: ProfileSearch, now = new Date()): void {
  db.run(
    `INSERT INTO search_snapshot (key, data, saved_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at`,
    [KEY, index.toJSON(), now.toISOString()],
  );
}

/**
 * Opens the saved index as it was saved, without comparing it with the store (see
 * {@link SearchCatchUp}); without a usable snapshot it builds one from every profile.
 */
export function loadSearchIndex(db: SqlDriver): { index: ProfileSearch; rebuilt: boolean } {
  const saved = db.get<{ data: string }>('SELECT data FROM search_snapshot WHERE key = ?', [KEY]);
  // Marks for the PWA's cold-start benchmark (`mk:*`); cheap, and harmless elsewhere.
  performance.mark('mk:snapshot-read');
  let index: ProfileSearch | null = null;
  if (saved) {
    try {
      index = ProfileSearch.fromJSON(saved.data);
    } catch {
      index = null; // an older format, or damaged: rebuild
    }
  }
  performance.mark('mk:snapshot-loaded');
  if (index) return { index, rebuilt: false };
  const fresh = new ProfileSearch();
  fresh.addAll(new Records(db).where('profiles', '1=1') as ProfileView[]);
  return { index: fresh, rebuilt: true };
}

/**
 * Brings a loaded snapshot up to date with the store, a slice of rows at a time, so an app can
 * answer searches from the snapshot at once and catch up between them (listing 100,000 rows
 * from sqlite-wasm takes seconds). Profiles added or changed since the save (by `updatedAt`)
 * are re-indexed, removed ones dropped once every row has been seen. Profiles the caller
 * re-indexes itself meanwhile (a sync, an edit) must be passed to {@link touch}.
 */
export class SearchCatchUp {
  private lastRowid = 0;
  private readonly seen = new Set<string>();
  private readonly touched = new Set<string>();
  private readonly records: Records;
  updated = 0;
  removed = 0;
  done = false;

  constructor(
    private readonly db: SqlDriver,
    private readonly index: ProfileSearch,
  ) {
    this.records = new Records(db);
  }

  /** The caller indexed this profile from the store itself: leave it alone. */
  touch(id: string): void {
    this.touched.add(id);
  }

  /** Compares the next `rows` profiles (all with -1); true once everything has been compared. */
  step(rows: number): boolean {
    if (this.done) return true;
    const slice = this.db.all<{ r: number; id: string; updated_at: string }>(
      'SELECT rowid AS r, id, updated_at FROM profiles WHERE rowid > ? ORDER BY rowid LIMIT ?',
      [this.lastRowid, rows],
    );
    for (const { r, id, updated_at } of slice) {
      this.lastRowid = r;
      this.seen.add(id);
      if (this.touched.has(id) || this.index.updatedAtOf(id) === updated_at) continue;
      const p = this.records.get('profiles', id);
      if (p) {
        this.index.upsert(p);
        this.updated++;
      }
    }
    if (rows >= 0 && slice.length === rows) return false;
    // Every row seen (rows added meanwhile come after the cursor or were touched).
    for (const [id] of [...this.index.entries()]) {
      if (this.seen.has(id) || this.touched.has(id)) continue;
      this.index.remove(id);
      this.removed++;
    }
    this.done = true;
    return true;
  }
}

/**
 * Opens the saved index and brings it up to date with the store at once ({@link
 * loadSearchIndex} then a whole {@link SearchCatchUp}). Returns how much work catching up took.
 */
export function openSearchIndex(db: SqlDriver): { index: ProfileSearch; rebuilt: boolean; updated: number; removed: number } {
  const { index, rebuilt } = loadSearchIndex(db);
  if (rebuilt) return { index, rebuilt, updated: index.size, removed: 0 };
  const catchUp = new SearchCatchUp(db, index);
  catchUp.step(-1);
  return { index, rebuilt, updated: catchUp.updated, removed: catchUp.removed };
}
