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
 * Opens the saved index and brings it up to date with the store: profiles added or changed
 * since it was saved (by `updatedAt`) are re-indexed, removed ones dropped. Without a usable
 * snapshot it builds from scratch. Returns how much work catching up took.
 */
export function openSearchIndex(db: SqlDriver): { index: ProfileSearch; rebuilt: boolean; updated: number; removed: number } {
  const records = new Records(db);
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
  if (!index) {
    const fresh = new ProfileSearch();
    fresh.addAll(records.where('profiles', '1=1') as ProfileView[]);
    return { index: fresh, rebuilt: true, updated: fresh.size, removed: 0 };
  }
  const current = new Map(db.all<{ id: string; updated_at: string }>('SELECT id, updated_at FROM profiles').map((r) => [r.id, r.updated_at]));
  performance.mark('mk:store-listed');
  let removed = 0;
  const stale: string[] = [];
  for (const [id, updatedAt] of [...index.entries()]) {
    const now = current.get(id);
    if (now === undefined) {
      index.remove(id);
      removed++;
    } else if (now !== updatedAt) stale.push(id);
    current.delete(id);
  }
  stale.push(...current.keys());
  for (const id of stale) {
    const p = records.get('profiles', id);
    if (p) index.upsert(p);
  }
  return { index, rebuilt: false, updated: stale.length, removed };
}
