/**
 * The roster window behind the virtualised table: rows are fetched from the backend in blocks
 * of {@link BLOCK} as they scroll into view (the backend's `RosterIndex` keeps the last query's
 * matches, so each block is a slice). A change pushed by the backend refetches what is in view
 * while the previous rows stay on screen.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RosterCounts, RosterQuery, RosterRow } from '@mekendesh/roster';
import { call } from '../bridge.ts';

export const BLOCK = 100;

export type Filters = Omit<RosterQuery, 'offset' | 'limit'>;

export function useRosterWindow(associationId: string, query: Filters, version: number) {
  const key = JSON.stringify(query);
  const store = useRef({ gen: 0, blocks: new Map<number, RosterRow[]>(), stale: new Map<number, RosterRow[]>(), loading: new Set<number>() });
  const range = useRef({ start: 0, end: 50 });
  const [meta, setMeta] = useState<{ total: number; counts: RosterCounts | null; loaded: boolean }>({ total: 0, counts: null, loaded: false });
  const [error, setError] = useState<unknown>(null);
  const [, setTick] = useState(0);

  const ensure = useCallback(
    (start: number, end: number) => {
      range.current = { start, end };
      const s = store.current;
      const last = Math.floor(Math.max(start, end - 1) / BLOCK);
      for (let b = Math.floor(start / BLOCK); b <= last; b++) {
        if (s.blocks.has(b) || s.loading.has(b)) continue;
        s.loading.add(b);
        const gen = s.gen;
        const q: RosterQuery = { ...(JSON.parse(key) as Filters), offset: b * BLOCK, limit: BLOCK };
        call('roster', { associationId, query: q }).then(
          (res) => {
            if (gen !== s.gen) return;
            s.loading.delete(b);
            s.blocks.set(b, res.rows);
            setMeta({ total: res.total, counts: res.counts, loaded: true });
            setError(null);
            setTick((t) => t + 1);
          },
          (err: unknown) => {
            if (gen !== s.gen) return;
            s.loading.delete(b);
            setError(err);
          },
        );
      }
    },
    [associationId, key],
  );

  // A new query: start over (old rows would be wrong).
  useEffect(() => {
    const s = store.current;
    s.gen++;
    s.blocks = new Map();
    s.stale = new Map();
    s.loading = new Set();
    ensure(0, Math.max(range.current.end - range.current.start, 50));
  }, [ensure]);

  const ensureRef = useRef(ensure);
  ensureRef.current = ensure;
  // Data changed: refetch what is in view; the old rows show until the new ones arrive.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const s = store.current;
    s.gen++;
    s.stale = s.blocks;
    s.blocks = new Map();
    s.loading = new Set();
    ensureRef.current(range.current.start, range.current.end);
  }, [version]);

  const rowAt = (i: number): RosterRow | undefined => {
    const b = Math.floor(i / BLOCK);
    const s = store.current;
    return (s.blocks.get(b) ?? s.stale.get(b))?.[i % BLOCK];
  };
  return { ...meta, error, rowAt, ensure };
}
