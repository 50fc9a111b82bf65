/**
 * The skills bank as the engine serves it to the UI: a search with facet filters and counts,
 * and one compatriot's profile as the local store holds it for this viewer.
 *
 * The store only ever holds what the server projected for this viewer (`projectProfile`), so
 * nothing here filters fields: a field the owner hid is already null or empty.
 */
import type { ProfileView } from '@mekendesh/core';
import { FACETS, type Facet, type Filters, type ProfileSearch } from '@mekendesh/search';
import type { SyncClient } from '@mekendesh/sync';

export type { Facet, Filters };

export interface SearchRequest {
  text: string;
  /** Within a facet any chosen value matches; across facets all must. */
  filters?: Filters;
  limit?: number;
  /**
   * Who asks (one id per tab): the tabs share one engine, and only a newer search of the same
   * tab makes an older one moot.
   */
  from?: string;
}

export interface SearchHit {
  id: string;
  nameCyrillic: string | null;
  nameLatin: string | null;
  /** The account's display name, when the local store has the account (at least one's own). */
  displayName: string | null;
  /** Enough for one line under the name; null or empty when not visible to this viewer. */
  country: string | null;
  city: string | null;
  sectors: string[];
}

export interface SearchAnswer {
  total: number;
  hits: SearchHit[];
  /** Per facet, value → profiles it would give (each facet ignores its own selection). */
  facets: Record<Facet, Record<string, number>>;
}

/** One compatriot as this viewer may see them. `visibility` only for one's own profile. */
export interface CompatriotView {
  profile: ProfileView;
  displayName: string | null;
  self: boolean;
}

/** Drops unknown facets and empty selections, so a bad request cannot reach the index. */
export function cleanFilters(filters: Filters | undefined): Filters {
  const out: Filters = {};
  for (const f of FACETS) {
    const values = filters?.[f];
    if (Array.isArray(values) && values.length > 0) out[f] = values.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/**
 * Answers only the latest of searches that queue up: each waits one turn of the worker's
 * event loop, and if a newer one arrived meanwhile (the user typed on, or the first empty
 * search at start-up met the query already typed) it returns `null` without searching; the UI
 * keeps only its latest answer anyway. A full pass over 100,000 profiles is not free.
 */
export function latestOnly<A, R>(fn: (arg: A) => Promise<R>, keyOf: (arg: A) => string = () => ''): (arg: A) => Promise<R | null> {
  const latest = new Map<string, number>();
  let seq = 0;
  return async (arg) => {
    const key = keyOf(arg);
    const mine = ++seq;
    latest.set(key, mine);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (latest.get(key) !== mine) return null;
    latest.delete(key);
    return fn(arg);
  };
}

export function searchBank(index: ProfileSearch, client: SyncClient, req: SearchRequest): SearchAnswer {
  const limit = Math.min(Math.max(1, req.limit ?? 20), 200);
  const result = index.search({ text: req.text, filters: cleanFilters(req.filters), limit });
  return {
    total: result.total,
    facets: result.facets,
    hits: result.hits.map(({ id }) => {
      const p = client.get('profiles', id);
      return {
        id,
        nameCyrillic: p?.nameCyrillic ?? null,
        nameLatin: p?.nameLatin ?? null,
        displayName: client.get('accounts', id)?.displayName ?? null,
        country: p?.country ?? null,
        city: p?.city ?? null,
        sectors: p?.sectors ?? [],
      };
    }),
  };
}

export function viewCompatriot(client: SyncClient, accountId: string, id: string): CompatriotView | null {
  const profile = client.get('profiles', id);
  if (!profile) return null;
  const self = id === accountId;
  // Gender is for aggregated statistics only: never shown on a profile page, not even one's own.
  const shown: ProfileView = { ...profile, gender: null, visibility: self ? profile.visibility : null };
  return { profile: shown, displayName: client.get('accounts', id)?.displayName ?? null, self };
}
