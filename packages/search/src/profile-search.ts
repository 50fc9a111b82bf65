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
type BioDoc = { id: number; bio: string };
const BIO_OPTIONS = {
  fields: ['bio'],
  tokenize,
  processTerm: (t: string) => normalizeTerm(t) || null,
  searchOptions: SEARCH_OPTIONS,
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

/**
 * What is saved. Shaped for a fast start on 100,000 profiles: ids and dates as one string
 * each (split, not parsed item by item), posting lists as saved rather than rebuilt from every
 * profile, nothing that can be rebuilt lazily (the id → slot map).
 */
interface Snapshot {
  v: 4;
  /** Distinct name terms (normalised) and, per term code, the live slots. */
  nameTerms: string[];
  namePostings: [number, number[]][];
  /** MiniSearch over the bios (only profiles that have one). */
  bios: unknown;
  /** Slot ids joined by newlines; an empty line is a removed slot. */
  ids: string;
  /** `updatedAt` per slot, joined by newlines. */
  updatedAt: string;
  single: Record<(typeof SINGLE)[number], number[]>;
  multi: Record<(typeof MULTI)[number], number[]>;
  /** Vocabulary code → live slots. */
  postings: [number, number[]][];
  cities: string[];
  /** City code → live slots. */
  cityPostings: [number, number[]][];
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
  /** Makes room for `n` slots at once and counts them as used (a snapshot load). */
  reserve(n: number): void {
    const size = Math.max(1024, n);
    for (const f of SINGLE) this.single[f] = new Int16Array(size);
    for (const f of MULTI) this.multi[f] = new Uint32Array(size);
    this.n = n;
  }
}

/**
 * The skills-bank search, offline over the local store. Its parts:
 * - names: a small MiniSearch index of the distinct name terms (a few thousand given names and
 *   surnames in both scripts for 100,000 people), whose hits map to profiles through posting
 *   lists; so a saved index loads as plain arrays instead of 100,000 documents;
 * - a MiniSearch index of the bios (free text, only for profiles that have one);
 * - a small MiniSearch index of the reference vocabulary (skills, sectors, regions, settlements,
 *   countries, languages in ky, ru and en), and one of cities, mapped to profiles the same way.
 * Facets are filters kept in typed columns, never scored terms: matching a tenth of all
 * profiles costs a mask test, not a scored merge. All terms go through the same
 * transliteration (`normalizeTerm`).
 */
export class ProfileSearch {
  private readonly nameIndex = smallIndex();
  private nameTerms: string[] = [];
  private readonly nameCode = new Map<string, number>();
  private namePostings = new Map<number, number[]>();
  private bios = new MiniSearch<BioDoc>(BIO_OPTIONS);
  private cols = new Columns();
  /** Id of each slot; null once removed (slots are never reused, MiniSearch keeps its ids). */
  private ids: (string | null)[] = [];
  private updatedAt: string[] = [];
  /** Slot of each id; built on first use after a snapshot load (a search does not need it). */
  private slots: Map<string, number> | null = new Map();
  /** Slots per vocabulary entry. Append-only: a removed or replaced slot is skipped at query time. */
  private postings = new Map<number, number[]>();
  /**
   * Cities are few and shared by many (a tenth of all members may live in Moscow): like the
   * vocabulary, they get their own small index and posting sets instead of a scored field.
   */
  private readonly cityIndex = smallIndex();
  private cities: string[] = [];
  private readonly cityCode = new Map<string, number>();
  private cityPostings = new Map<number, number[]>();
  /**
   * Scratch space for scoring, reused by every query (allocating 100,000-slot arrays per
   * keystroke feeds the garbage collector, which shows as latency spikes). `seenGen` marks the
   * slots this query has touched, so nothing needs clearing between queries.
   */
  private scratch = { scores: new Float32Array(0), steps: new Uint8Array(0), seenGen: new Uint32Array(0), gen: 0 };

  private get byId(): Map<string, number> {
    if (!this.slots) {
      this.slots = new Map();
      for (let i = 0; i < this.ids.length; i++) {
        const id = this.ids[i];
        if (id) this.slots.set(id, i);
      }
    }
    return this.slots;
  }

  /** Number of profiles indexed. */
  get size(): number {
    return this.byId.size;
  }

  /** Indexes many profiles at once (first build). */
  addAll(profiles: Iterable<ProfileView>): void {
    const batch: BioDoc[] = [];
    for (const p of profiles) {
      if (this.byId.has(p.id)) this.remove(p.id);
      const bio = this.addDoc(p);
      if (bio) batch.push(bio);
    }
    this.bios.addAll(batch);
  }

  /** Adds or replaces one profile (after a sync or a local edit). */
  upsert(profile: ProfileView): void {
    if (this.byId.has(profile.id)) this.remove(profile.id);
    const bio = this.addDoc(profile);
    if (bio) this.bios.add(bio);
  }

  remove(id: string): void {
    const i = this.byId.get(id);
    if (i === undefined) return;
    this.ids[i] = null;
    this.byId.delete(id);
    if (this.bios.has(i)) this.bios.discard(i);
    // Postings keep the slot; `ids[i] === null` makes every query skip it.
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

  private addDoc(p: ProfileView): BioDoc | null {
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
    this.byId.set(p.id, i);
    this.post(i, vocab);
    if (p.city) this.postCity(i, p.city);
    for (const t of tokenize(`${p.nameCyrillic ?? ''} ${p.nameLatin ?? ''}`)) this.postName(i, t);
    return p.bio ? { id: i, bio: p.bio } : null;
  }

  private postName(i: number, term: string): void {
    const key = normalizeTerm(term);
    if (!key) return;
    let code = this.nameCode.get(key);
    if (code === undefined) {
      code = this.nameTerms.length;
      this.nameTerms.push(key);
      this.nameCode.set(key, code);
      this.nameIndex.add({ id: code, text: key });
    }
    const list = this.namePostings.get(code);
    // "Бакыт" and "Bakyt" are one term: post the slot once.
    if (!list) this.namePostings.set(code, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
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
    // Names, vocabulary and cities: matching terms lead to their profiles. For names every
    // match counts (a typo or another spelling); for the vocabulary and cities, the best
    // matches and those close to them.
    const viaPostings = (hits: { id: unknown; score: number }[], postings: Map<number, number[]>, weight: number, cutoff = 0.5) => {
      const best = hits[0]?.score ?? 0;
      for (const v of hits) {
        if (v.score < best * cutoff) break;
        const docs = postings.get(v.id as number);
        if (!docs) continue;
        const score = (v.score / best) * weight;
        for (const i of docs) add(i, score);
      }
    };
    viaPostings(this.nameIndex.search(term), this.namePostings, 3, 0);
    for (const r of this.bios.search(term)) add(r.id as number, r.score);
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
    const live = (postings: Map<number, number[]>): [number, number[]][] =>
      [...postings].map(([code, slots]) => [code, slots.filter((i) => this.ids[i])] as [number, number[]]).filter(([, slots]) => slots.length > 0);
    const snapshot: Snapshot = {
      v: 4,
      nameTerms: this.nameTerms,
      namePostings: live(this.namePostings),
      bios: this.bios.toJSON(),
      ids: this.ids.map((id) => id ?? '').join('\n'),
      updatedAt: this.updatedAt.join('\n'),
      single: Object.fromEntries(SINGLE.map((f) => [f, Array.from(this.cols.single[f].subarray(0, n))])) as Snapshot['single'],
      multi: Object.fromEntries(MULTI.map((f) => [f, Array.from(this.cols.multi[f].subarray(0, n))])) as Snapshot['multi'],
      postings: live(this.postings),
      cities: this.cities,
      cityPostings: live(this.cityPostings),
    };
    return JSON.stringify(snapshot);
  }

  static fromJSON(json: string): ProfileSearch {
    const data = JSON.parse(json) as Snapshot;
    if (data.v !== 4) throw new Error('unknown search index version');
    performance.mark('mk:snapshot-parsed');
    const search = new ProfileSearch();
    search.bios = MiniSearch.loadJS<BioDoc>(data.bios as Parameters<typeof MiniSearch.loadJS>[0], BIO_OPTIONS);
    data.nameTerms.forEach((t, code) => {
      search.nameTerms.push(t);
      search.nameCode.set(t, code);
    });
    search.nameIndex.addAll(data.nameTerms.map((text, id) => ({ id, text })));
    search.namePostings = new Map(data.namePostings);
    performance.mark('mk:names-loaded');
    const ids = data.ids === '' ? [] : data.ids.split('\n');
    const n = ids.length;
    search.cols.reserve(n);
    for (const f of SINGLE) search.cols.single[f].set(data.single[f]);
    for (const f of MULTI) search.cols.multi[f].set(data.multi[f]);
    search.ids = ids.map((id) => id || null);
    search.updatedAt = data.updatedAt === '' ? [] : data.updatedAt.split('\n');
    search.slots = null;
    search.postings = new Map(data.postings);
    data.cities.forEach((c, code) => {
      search.cities.push(c);
      search.cityCode.set(c, code);
    });
    search.cityIndex.addAll(data.cities.map((text, id) => ({ id, text })));
    search.cityPostings = new Map(data.cityPostings);
    return search;
  }
}
