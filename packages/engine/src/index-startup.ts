/**
 * Opening the search index at start-up without making the first search wait for the store.
 *
 * The saved snapshot answers at once. Comparing it with the store (rows pulled or edited since
 * it was saved) means listing every profile, which on sqlite-wasm over OPFS costs seconds for
 * 100,000 of them (the rows carry the whole profile); so it runs afterwards, a slice at a time,
 * between the worker's other messages. The snapshot is saved whenever the page is hidden, so it
 * is rarely behind; when it was, the UI is told (`changed`) and searches again.
 */
import { loadSearchIndex, SearchCatchUp, type ProfileSearch } from '@mekendesh/search';
import type { SqlDriver } from '@mekendesh/store';

export interface SearchCatchUpLoop {
  /** The engine indexed this profile itself (a sync, an edit): the catch-up leaves it alone. */
  touch(id: string): void;
  stop(): void;
}

export function loadIndexForStartUp(
  db: SqlDriver,
  opts: { changed(): void; delayMs?: number; rows?: number },
): { index: ProfileSearch; rebuilt: boolean; catchUp: SearchCatchUpLoop | null } {
  const { index, rebuilt } = loadSearchIndex(db);
  performance.mark('mk:index-ready', { detail: { rebuilt } });
  if (rebuilt) return { index, rebuilt, catchUp: null };
  const work = new SearchCatchUp(db, index);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const step = () => {
    timer = null;
    let done: boolean;
    try {
      done = work.step(opts.rows ?? 1_000);
    } catch {
      return; // the database closed under it: the next start catches up
    }
    if (!done) {
      timer = setTimeout(step, 0);
      return;
    }
    performance.mark('mk:caught-up', { detail: { updated: work.updated, removed: work.removed } });
    if (work.updated > 0 || work.removed > 0) opts.changed();
  };
  // Leave the first moments to the first searches and the screens' first requests (a slice
  // that starts just before them delays them by its length, 50-300 ms on a busy phone).
  timer = setTimeout(step, opts.delayMs ?? 1_500);
  return {
    index,
    rebuilt,
    catchUp: {
      touch: (id) => work.touch(id),
      stop: () => {
        if (timer) clearTimeout(timer);
        timer = null;
      },
    },
  };
}
