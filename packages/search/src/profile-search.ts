import MiniSearch from 'minisearch';
import {
  AVAILABILITY,
  COUNTRIES,
  FORMATS,
  LANGUAGES,
  REGIONS,
  SECTORS,
  SETTLEMENTS,
  SKILLS,
  type Labels,
  type ProfileView,
} from '@mekendesh/core';
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

/** Single-valued facets are stored as a code per profile; multi-valued ones as a bit mask. */
const SINGLE = ['country', 'homeRegion', 'availability'] as const;
const MULTI = ['sector', 'language', 'format'] as const;
const VALUES: Record<Facet, readonly string[]> = {
  country: COUNTRIES.map((c) => c.id),
  homeRegion: REGIONS.map((r) => r.id),
  availability: AVAILABILITY,
  sector: SECTORS.map((s) => s.id),
  language: LANGUAGES.map((l) => l.id),
  format: FORMATS,
};
for (const f of MULTI) if (VALUES[f].length > 32) throw new Error(`facet ${f} has more than 32 values: widen its mask`);
const CODE = Object.fromEntries(FACETS.map((f) => [f, new Map(VALUES[f].map((v, i) => [v, i]))])) as Record<Facet, Map<string, number>>;

const labelText = (l: Labels) => `${l.ky} ${l.ru} ${l.en}`;
/** The reference vocabulary: a profile is findable by the names of its skills, sectors and places. */
const VOCAB: { id: string; text: string }[] = [
  ...SKILLS.map((s) => ({ id: `skill:${s.id}`, text: labelText(s.labels) })),
  ...SECTORS.map((s) => ({ id: `sector:${s.id}`, text: labelText(s.labels) })),
  ...REGIONS.map((r) => ({ id: `region:${r.id}`, text: labelText(r.labels) })),
  ...SETTLEMENTS.map((s) => ({ id: `settlement:${s.id}`, text: labelText(s.labels) })),
  ...COUNTRIES.map((c) => ({ id: `country:${c.id}`, text: labelText(c.labels) })),
  ...LANGUAGES.map((l) => ({ id: `language:${l.id}`, text: labelText(l.labels) })),
];
const VOCAB_CODE = new Map(VOCAB.map((v, i) => [v.id, i]));

const SEARCH_OPTIONS = {
  prefix: (term: string) => term.length >= 2,
  fuzzy: (term: string) => (term.length >= 4 ? 0.2 : false),
  combineWith: 'OR' as const,
};
type NameDoc = { id: number; name: string; bio: string };
const NAMES_OPTIONS = {
  fields: ['name', 'bio'],
  tokenize,
  processTerm: (t: string) => normalizeTerm(t) || null,
  searchOptions: { ...SEARCH_OPTIONS, boost: { name: 3 } },
};
const smallIndex = () =>
  new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize,
    processTerm: (t) => normalizeTerm(t) || null,
    searchOptions: SEARCH_OPTIONS,
  });
const VOCAB_INDEX = smallIndex();
VOCAB_INDEX.addAll(VOCAB.map((v, i) => ({ id: i, text: v.text })));

interface Snapshot {
  v: 3;
  names: unknown;
  ids: (string | null)[];
  updatedAt: string[];
  single: Record<(typeof SINGLE)[number], number[]>;
  multi: Record<(typeof MULTI)[number], number[]>;
  vocab: number[][];
  cities: string[];
  city: number[];
}

/** Growable typed columns, one slot per document. */
class Columns {
  n = 0;
  single = Object.fromEntries(SINGLE.map((f) => [f, new Int16Array(1024)])) as Record<(typeof SINGLE)[number], Int16Array>;
  multi = Object.fromEntries(MULTI.map((f) => [f, new Uint32Array(1024)])) as Record<(typeof MULTI)[number], Uint32Array>;
  grow(): number {
    if (this.n === this.single.country.length) {
      for (const f of SINGLE) {
        const next = new Int16Array(this.n * 2);
        next.set(this.single[f]);
        this.single[f] = next;
      }
      for (const f of MULTI) {
        const next = new Uint32Array(this.n * 2);
        next.set(this.multi[f]);
        this.multi[f] = next;
      }
    }
    return this.n++;
  }
}

/**
 * The skills-bank search, offline over the local store. Two parts:
 * - a MiniSearch index of what is particular to each person (names in both scripts, city, bio);
 * - a small MiniSearch index of the reference vocabulary (skills, sectors, regions, settlements,
 *   countries, languages in ky, ru and en), whose hits map to profiles through posting sets.
 * Facets are filters kept in typed columns, never scored terms: matching a tenth of all
 * profiles costs a mask test, not a scored merge. All terms go through the same
 * transliteration (`normalizeTerm`).
 */
export class ProfileSearch {
  private names = new MiniSearch<NameDoc>(NAMES_OPTIONS);
  private cols = new Columns();
  /** Id of each slot; null once removed (slots are never reused, MiniSearch keeps its ids). */
  private ids: (string | null)[] = [];
  private updatedAt: string[] = [];
  private docVocab: number[][] = [];
  private readonly byId = new Map<string, number>();
  /** Slots per vocabulary entry. Append-only: a removed or replaced slot is skipped at query time. */
  private readonly postings = new Map<number, number[]>();
  /**
   * Cities are few and shared by many (a tenth of all members may live in Moscow): like the
   * vocabulary, they get their own small index and posting sets instead of a scored field.
   */
  private readonly cityIndex = smallIndex();
  private cities: string[] = [];
  private readonly cityCode = new Map<string, number>();
  private readonly cityPostings = new Map<number, number[]>();
  private docCity: number[] = [];
  /**
   * Scratch space for scoring, reused by every query (allocating 100,000-slot arrays per
   * keystroke feeds the garbage collector, which shows as latency spikes). `seenGen` marks the
   * slots this query has touched, so nothing needs clearing between queries.
   */
  private scratch = { scores: new Float32Array(0), steps: new Uint8Array(0), seenGen: new Uint32Array(0), gen: 0 };

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
    this.ids[i] = null;
    this.byId.delete(id);
    this.names.discard(i);
    // Postings keep the slot; `ids[i] === null` makes every query skip it.
    this.docVocab[i] = [];
    this.docCity[i] = -1;
  }

  /** The `updatedAt` of the indexed version of a profile, or undefined when it is not indexed. */
  updatedAtOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.updatedAt[i];
  }

  /** What the index holds, by id and `updatedAt`: compare with the store to catch up after a reload. */
  *entries(): Generator<[string, string]> {
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i];
      if (id) yield [id, this.updatedAt[i]!];
    }
  }

  private addDoc(p: ProfileView): NameDoc {
    const i = this.cols.grow();
    const code = (f: Facet, v: string | null) => (v === null ? -1 : (CODE[f].get(v) ?? -1));
    const mask = (f: Facet, vs: readonly string[]) => {
      let m = 0;
      for (const v of vs) {
        const c = CODE[f].get(v);
        if (c !== undefined) m |= 1 << c;
      }
      return m >>> 0;
    };
    this.cols.single.country[i] = code('country', p.country);
    this.cols.single.homeRegion[i] = code('homeRegion', p.homeRegion);
    this.cols.single.availability[i] = code('availability', p.availability);
    this.cols.multi.sector[i] = mask('sector', p.sectors);
    this.cols.multi.language[i] = mask('language', p.languages);
    this.cols.multi.format[i] = mask('format', p.formats);
    const vocab: number[] = [];
    const addVocab = (key: string) => {
      const c = VOCAB_CODE.get(key);
      if (c !== undefined && !vocab.includes(c)) vocab.push(c);
    };
    for (const s of p.skills) addVocab(`skill:${s}`);
    for (const s of p.skillsAbroad) addVocab(`skill:${s}`);
    for (const s of p.sectors) addVocab(`sector:${s}`);
    if (p.homeRegion) addVocab(`region:${p.homeRegion}`);
    if (p.homeSettlement) addVocab(`settlement:${p.homeSettlement}`);
    if (p.country) addVocab(`country:${p.country}`);
    for (const l of p.languages) addVocab(`language:${l}`);
    this.ids[i] = p.id;
    this.updatedAt[i] = p.updatedAt;
    this.docVocab[i] = vocab;
    this.byId.set(p.id, i);
    this.post(i, vocab);
    this.docCity[i] = p.city ? this.postCity(i, p.city) : -1;
    return { id: i, name: `${p.nameCyrillic ?? ''} ${p.nameLatin ?? ''}`, bio: p.bio ?? '' };
  }

  private postCity(i: number, city: string): number {
    const key = city.trim().toLowerCase();
    let code = this.cityCode.get(key);
    if (code === undefined) {
      code = this.cities.length;
      this.cities.push(key);
      this.cityCode.set(key, code);
      this.cityIndex.add({ id: code, text: key });
    }
    const list = this.cityPostings.get(code);
    if (list) list.push(i);
    else this.cityPostings.set(code, [i]);
    return code;
  }

  private post(i: number, vocab: readonly number[]) {
    for (const v of vocab) {
      const list = this.postings.get(v);
      if (list) list.push(i);
      else this.postings.set(v, [i]);
    }
  }

  /** Adds one term's hits to the running scores; only documents hit by every earlier term count. */
  private scoreTerm(term: string, k: number, touched: number[]): void {
    const { scores, steps, seenGen, gen } = this.scratch;
    const add = (i: number, s: number) => {
      if (seenGen[i] !== gen) {
        if (k !== 0) return;
        seenGen[i] = gen;
        steps[i] = 0;
        scores[i] = 0;
      }
      if (steps[i] === k) {
        steps[i] = k + 1;
        scores[i]! += s;
        if (k === 0) touched.push(i);
      }
      // A document this term already found (by name and by vocabulary) counts once.
    };
    for (const r of this.names.search(term)) add(r.id as number, r.score);
    // Vocabulary and cities: the best matches (and those close to them) lead to their profiles.
    const viaPostings = (hits: { id: unknown; score: number }[], postings: Map<number, number[]>, weight: number) => {
      const best = hits[0]?.score ?? 0;
      for (const v of hits) {
        if (v.score < best * 0.5) break;
        const docs = postings.get(v.id as number);
        if (!docs) continue;
        const score = (v.score / best) * weight;
        for (const i of docs) add(i, score);
      }
    };
    viaPostings(VOCAB_INDEX.search(term), this.postings, 2);
    viaPostings(this.cityIndex.search(term), this.cityPostings, 1.5);
  }

  search(query: SearchQuery = {}): SearchResult {
    const n = this.cols.n;
    const terms = tokenize(query.text ?? '').filter((t) => normalizeTerm(t));
    let scores: Float32Array | null = null;
    let candidates: number[] | null = null;
    if (terms.length > 0) {
      if (this.scratch.scores.length < n) {
        const size = Math.max(1024, n * 2);
        this.scratch = { scores: new Float32Array(size), steps: new Uint8Array(size), seenGen: new Uint32Array(size), gen: 0 };
      }
      this.scratch.gen++;
      const touched: number[] = [];
      const used = terms.slice(0, 250);
      used.forEach((t, k) => this.scoreTerm(t, k, touched));
      const { steps } = this.scratch;
      scores = this.scratch.scores;
      candidates = touched.filter((i) => steps[i] === used.length);
    }

    // Filters as lookup tables (single-valued) and masks (multi-valued); -1 means "no filter".
    const table: Partial<Record<Facet, Uint8Array>> = {};
    const fmask: Partial<Record<Facet, number>> = {};
    for (const f of FACETS) {
      const wanted = query.filters?.[f];
      if (!wanted || wanted.length === 0) continue;
      if ((SINGLE as readonly string[]).includes(f)) {
        const t = new Uint8Array(VALUES[f].length);
        for (const v of wanted) {
          const c = CODE[f].get(v);
          if (c !== undefined) t[c] = 1;
        }
        table[f] = t;
      } else {
        fmask[f] = wanted.reduce((m, v) => (CODE[f].has(v) ? m | (1 << CODE[f].get(v)!) : m), 0) >>> 0;
      }
    }
    const singleCounts = Object.fromEntries(SINGLE.map((f) => [f, new Int32Array(VALUES[f].length)])) as Record<(typeof SINGLE)[number], Int32Array>;
    const multiCounts = Object.fromEntries(MULTI.map((f) => [f, new Int32Array(32)])) as Record<(typeof MULTI)[number], Int32Array>;
    const { single, multi } = this.cols;

    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const keep = offset + limit;
    const top: { i: number; score: number }[] = [];
    let total = 0;

    // The loop below runs once per profile (100,000 of them for a filter-only query): facet
    // columns and filters are hoisted into locals and the six facets are written out.
    const ids = this.ids;
    const cCountry = single.country, cRegion = single.homeRegion, cAvail = single.availability;
    const cSector = multi.sector, cLang = multi.language, cFormat = multi.format;
    const tCountry = table.country, tRegion = table.homeRegion, tAvail = table.availability;
    const mSector = fmask.sector ?? -1, mLang = fmask.language ?? -1, mFormat = fmask.format ?? -1;
    const nCountry = singleCounts.country, nRegion = singleCounts.homeRegion, nAvail = singleCounts.availability;
    const nSector = multiCounts.sector, nLang = multiCounts.language, nFormat = multiCounts.format;
    const all = candidates === null;
    const count = all ? n : candidates!.length;
    for (let k = 0; k < count; k++) {
      const i = all ? k : candidates![k]!;
      if (!ids[i]) continue;
      const country = cCountry[i]!, region = cRegion[i]!, avail = cAvail[i]!;
      const sector = cSector[i]!, lang = cLang[i]!, format = cFormat[i]!;
      // Bit f set when facet f rejects the document. Order: country, region, availability,
      // sector, language, format.
      let failed = 0;
      if (tCountry && !(country >= 0 && tCountry[country])) failed |= 1;
      if (tRegion && !(region >= 0 && tRegion[region])) failed |= 2;
      if (tAvail && !(avail >= 0 && tAvail[avail])) failed |= 4;
      if (mSector !== -1 && (sector & mSector) === 0) failed |= 8;
      if (mLang !== -1 && (lang & mLang) === 0) failed |= 16;
      if (mFormat !== -1 && (format & mFormat) === 0) failed |= 32;
      // Two or more facets reject it: it counts nowhere. One: it counts for that facet only.
      if ((failed & (failed - 1)) !== 0) continue;
      if ((failed === 0 || failed === 1) && country >= 0) nCountry[country]!++;
      if ((failed === 0 || failed === 2) && region >= 0) nRegion[region]!++;
      if ((failed === 0 || failed === 4) && avail >= 0) nAvail[avail]!++;
      if (failed === 0 || failed === 8) for (let m = sector; m !== 0; m &= m - 1) nSector[31 - Math.clz32(m & -m)]!++;
      if (failed === 0 || failed === 16) for (let m = lang; m !== 0; m &= m - 1) nLang[31 - Math.clz32(m & -m)]!++;
      if (failed === 0 || failed === 32) for (let m = format; m !== 0; m &= m - 1) nFormat[31 - Math.clz32(m & -m)]!++;
      if (failed !== 0) continue;
      total++;
      const score = scores ? scores[i]! : 0;
      if (top.length < keep) {
        top.push({ i, score });
        if (top.length === keep && scores) top.sort((a, b) => b.score - a.score || a.i - b.i);
      } else if (scores && score > top[keep - 1]!.score) {
        // Insert in order, drop the last: the list stays short (offset + limit).
        let lo = 0;
        let hi = keep - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (top[mid]!.score >= score) lo = mid + 1;
          else hi = mid;
        }
        top.splice(lo, 0, { i, score });
        top.pop();
      }
    }
    if (scores) top.sort((a, b) => b.score - a.score || a.i - b.i);

    const facets = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as SearchResult['facets'];
    for (const f of SINGLE) singleCounts[f].forEach((c, code) => c > 0 && (facets[f][VALUES[f][code]!] = c));
    for (const f of MULTI) multiCounts[f].forEach((c, bit) => c > 0 && (facets[f][VALUES[f][bit]!] = c));
    return { total, hits: top.slice(offset, keep).map((h) => ({ id: this.ids[h.i]!, score: h.score })), facets };
  }

  /** A snapshot to persist, so a reload does not rebuild the index from scratch. */
  toJSON(): string {
    const n = this.cols.n;
    const snapshot: Snapshot = {
      v: 3,
      names: this.names.toJSON(),
      ids: this.ids,
      updatedAt: this.updatedAt,
      single: Object.fromEntries(SINGLE.map((f) => [f, Array.from(this.cols.single[f].subarray(0, n))])) as Snapshot['single'],
      multi: Object.fromEntries(MULTI.map((f) => [f, Array.from(this.cols.multi[f].subarray(0, n))])) as Snapshot['multi'],
      vocab: this.docVocab,
      cities: this.cities,
      city: this.docCity,
    };
    return JSON.stringify(snapshot);
  }

  static fromJSON(json: string): ProfileSearch {
    const data = JSON.parse(json) as Snapshot;
    if (data.v !== 3) throw new Error('unknown search index version');
    performance.mark('mk:snapshot-parsed');
    const search = new ProfileSearch();
    search.names = MiniSearch.loadJS<NameDoc>(data.names as Parameters<typeof MiniSearch.loadJS>[0], NAMES_OPTIONS);
    performance.mark('mk:names-loaded');
    const n = data.ids.length;
    for (let i = 0; i < n; i++) search.cols.grow();
    for (const f of SINGLE) search.cols.single[f].set(data.single[f]);
    for (const f of MULTI) search.cols.multi[f].set(data.multi[f]);
    search.ids = data.ids;
    search.updatedAt = data.updatedAt;
    search.docVocab = data.vocab;
    data.cities.forEach((c, code) => {
      search.cities.push(c);
      search.cityCode.set(c, code);
    });
    search.cityIndex.addAll(data.cities.map((text, id) => ({ id, text })));
    search.docCity = data.city;
    for (let i = 0; i < n; i++) {
      const id = data.ids[i];
      if (!id) continue;
      search.byId.set(id, i);
      search.post(i, data.vocab[i]!);
      const city = data.city[i]!;
      if (city >= 0) {
        const list = search.cityPostings.get(city);
        if (list) list.push(i);
        else search.cityPostings.set(city, [i]);
      }
    }
    return search;
  }
}
