import MiniSearch from 'minisearch';
import { COUNTRIES, LANGUAGES, REGIONS, SECTORS, SETTLEMENTS, SKILLS, type Labels, type ProfileView } from '@mekendesh/core';
import { normalizeTerm, tokenize } from './normalize.ts';

/** Fields a search can be narrowed by. Values are reference ids (country codes, region ids…). */
export const FACETS = ['country', 'homeRegion', 'sector', 'language', 'availability', 'format'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, readonly string[]>>;

export interface SearchQuery {
  text?: string;
  /** Within a facet any value may match; across facets all must. */
  filters?: Filters;
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  /** How many profiles match the text and every filter. */
  total: number;
  hits: { id: string; score: number }[];
  /**
   * Per facet, how many profiles each value would give: counted over the profiles that match
   * the text and every *other* facet's filter, so the counts show where a change of filter leads.
   */
  facets: Record<Facet, Record<string, number>>;
}

interface Doc {
  id: string;
  updatedAt: string;
  alive: boolean;
  values: Record<Facet, string[]>;
  /** Reference ids this profile is findable by: skills, sectors, places, languages. */
  vocab: string[];
}

interface SerializedIndex {
  v: 1;
  names: unknown;
  docs: Doc[];
}

const SEARCH_OPTIONS = {
  prefix: (term: string) => term.length >= 2,
  fuzzy: (term: string) => (term.length >= 4 ? 0.2 : false),
  combineWith: 'OR' as const,
};

const labelText = (l: Labels) => `${l.ky} ${l.ru} ${l.en}`;

type NameDoc = { id: number; name: string; city: string; bio: string };
const NAMES_OPTIONS = {
  fields: ['name', 'city', 'bio'],
  tokenize,
  processTerm: (t: string) => normalizeTerm(t) || null,
  searchOptions: { ...SEARCH_OPTIONS, boost: { name: 3, city: 1.5 } },
};

/**
 * The skills-bank search, offline over the local store. Two parts:
 * - a MiniSearch index of what is particular to each person (names in both scripts, city, bio);
 * - a small MiniSearch index of the reference vocabulary (skills, sectors, regions, settlements,
 *   countries, languages in ky, ru and en), whose hits map to profiles through posting sets.
 * Facets are filters, never scored terms: matching a tenth of all profiles costs a set lookup,
 * not a scored merge. All terms go through the same transliteration (`normalizeTerm`).
 */
export class ProfileSearch {
  private names = ProfileSearch.namesIndex();
  private readonly vocab = ProfileSearch.vocabIndex();
  private docs: Doc[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, Set<number>>();

  private static namesIndex() {
    return new MiniSearch<NameDoc>(NAMES_OPTIONS);
  }

  private static vocabIndex() {
    const index = new MiniSearch<{ id: string; text: string }>({
      fields: ['text'],
      tokenize,
      processTerm: (t) => normalizeTerm(t) || null,
      searchOptions: SEARCH_OPTIONS,
    });
    index.addAll([
      ...SKILLS.map((s) => ({ id: `skill:${s.id}`, text: labelText(s.labels) })),
      ...SECTORS.map((s) => ({ id: `sector:${s.id}`, text: labelText(s.labels) })),
      ...REGIONS.map((r) => ({ id: `region:${r.id}`, text: labelText(r.labels) })),
      ...SETTLEMENTS.map((s) => ({ id: `settlement:${s.id}`, text: labelText(s.labels) })),
      ...COUNTRIES.map((c) => ({ id: `country:${c.id}`, text: labelText(c.labels) })),
      ...LANGUAGES.map((l) => ({ id: `language:${l.id}`, text: labelText(l.labels) })),
    ]);
    return index;
  }

  /** Number of profiles indexed. */
  get size(): number {
    return this.byId.size;
  }

  /** Indexes many profiles at once (first build). */
  addAll(profiles: Iterable<ProfileView>): void {
    const batch: NameDoc[] = [];
    for (const p of profiles) {
      if (this.byId.has(p.id)) this.remove(p.id);
      batch.push(this.addDoc(p));
    }
    this.names.addAll(batch);
  }

  /** Adds or replaces one profile (after a sync or a local edit). */
  upsert(profile: ProfileView): void {
    if (this.byId.has(profile.id)) this.remove(profile.id);
    this.names.add(this.addDoc(profile));
  }

  remove(id: string): void {
    const i = this.byId.get(id);
    if (i === undefined) return;
    const doc = this.docs[i]!;
    doc.alive = false;
    this.byId.delete(id);
    this.names.discard(i);
    for (const v of doc.vocab) this.postings.get(v)?.delete(i);
  }

  /** What the index holds, by id and `updatedAt`: compare with the store to catch up after a reload. */
  *entries(): Generator<[string, string]> {
    for (const d of this.docs) if (d.alive) yield [d.id, d.updatedAt];
  }

  private addDoc(p: ProfileView) {
    const i = this.docs.length;
    const vocab = [
      ...new Set([...p.skills, ...p.skillsAbroad].map((s) => `skill:${s}`)),
      ...p.sectors.map((s) => `sector:${s}`),
      ...(p.homeRegion ? [`region:${p.homeRegion}`] : []),
      ...(p.homeSettlement ? [`settlement:${p.homeSettlement}`] : []),
      ...(p.country ? [`country:${p.country}`] : []),
      ...p.languages.map((l) => `language:${l}`),
    ];
    this.docs.push({
      id: p.id,
      updatedAt: p.updatedAt,
      alive: true,
      vocab,
      values: {
        country: p.country ? [p.country] : [],
        homeRegion: p.homeRegion ? [p.homeRegion] : [],
        sector: [...p.sectors],
        language: [...p.languages],
        availability: p.availability ? [p.availability] : [],
        format: [...p.formats],
      },
    });
    this.byId.set(p.id, i);
    this.post(i, vocab);
    return { id: i, name: `${p.nameCyrillic ?? ''} ${p.nameLatin ?? ''}`, city: p.city ?? '', bio: p.bio ?? '' };
  }

  private post(i: number, vocab: readonly string[]) {
    for (const v of vocab) {
      let set = this.postings.get(v);
      if (!set) this.postings.set(v, (set = new Set()));
      set.add(i);
    }
  }

  /** Scores of the documents one query term finds: in names, and through the vocabulary. */
  private termHits(term: string): Map<number, number> {
    const hits = new Map<number, number>();
    for (const r of this.names.search(term)) hits.set(r.id as number, r.score);
    const vocab = this.vocab.search(term);
    const best = vocab[0]?.score ?? 0;
    for (const v of vocab) {
      if (v.score < best * 0.5) break;
      const docs = this.postings.get(v.id as string);
      if (!docs) continue;
      const score = (v.score / best) * 2;
      for (const i of docs) hits.set(i, Math.max(hits.get(i) ?? 0, score));
    }
    return hits;
  }

  search(query: SearchQuery = {}): SearchResult {
    const terms = tokenize(query.text ?? '').filter((t) => normalizeTerm(t));
    let scored: Map<number, number> | null = null;
    for (const term of terms) {
      const hits = this.termHits(term);
      if (scored === null) scored = hits;
      else {
        const next = new Map<number, number>();
        for (const [i, s] of scored) {
          const h = hits.get(i);
          if (h !== undefined) next.set(i, s + h);
        }
        scored = next;
      }
      if (scored.size === 0) break;
    }

    const filters = FACETS.map((f) => {
      const wanted = query.filters?.[f];
      return wanted && wanted.length > 0 ? new Set(wanted) : null;
    });
    const facets = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as SearchResult['facets'];
    const hits: { i: number; score: number }[] = [];
    const consider = (i: number, score: number) => {
      const doc = this.docs[i]!;
      if (!doc.alive) return;
      let failed = -1;
      for (let f = 0; f < FACETS.length; f++) {
        const want = filters[f];
        if (!want) continue;
        if (!doc.values[FACETS[f]!].some((v) => want.has(v))) {
          if (failed !== -1) return; // fails two facets: counts nowhere
          failed = f;
        }
      }
      for (let f = 0; f < FACETS.length; f++) {
        if (failed !== -1 && failed !== f) continue;
        const counts = facets[FACETS[f]!];
        for (const v of doc.values[FACETS[f]!]) counts[v] = (counts[v] ?? 0) + 1;
      }
      if (failed === -1) hits.push({ i, score });
    };
    if (scored === null) for (let i = 0; i < this.docs.length; i++) consider(i, 0);
    else for (const [i, s] of scored) consider(i, s);

    hits.sort((a, b) => b.score - a.score || a.i - b.i);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    return {
      total: hits.length,
      hits: hits.slice(offset, offset + limit).map((h) => ({ id: this.docs[h.i]!.id, score: h.score })),
      facets,
    };
  }

  /** A snapshot to persist, so a reload does not rebuild the index from scratch. */
  toJSON(): string {
    // Removed profiles stay as holes (a flag): MiniSearch keeps its own ids, so renumbering
    // would mean re-indexing texts the index does not keep.
    const data: SerializedIndex = { v: 1, names: this.names.toJSON(), docs: this.docs };
    return JSON.stringify(data);
  }

  static fromJSON(json: string): ProfileSearch {
    const data = JSON.parse(json) as SerializedIndex;
    if (data.v !== 1) throw new Error('unknown search index version');
    const search = new ProfileSearch();
    search.names = MiniSearch.loadJSON<NameDoc>(JSON.stringify(data.names), NAMES_OPTIONS);
    data.docs.forEach((d, i) => {
      search.docs.push(d);
      if (!d.alive) return;
      search.byId.set(d.id, i);
      search.post(i, d.vocab);
    });
    return search;
  }
}
