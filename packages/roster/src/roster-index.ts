/**
 * A roster in memory, for a table that must feel faster than Excel at 50,000 people: any sort,
 * filter and search answers in milliseconds, and only the visible window of rows is returned
 * (the table is virtualised).
 *
 * How: every entry gets a slot with precomputed values (a folded search text, a sort key per
 * column, its standing). For each column, the slots in sorted order (a permutation) are built
 * once, on first use, and then kept up to date entry by entry (binary search), so switching the
 * sort costs nothing and an edit costs one insertion. A query is one pass over the permutation
 * of the chosen column: filters, search terms and facet counts together.
 */
import { ROSTER_STANDINGS, rosterStanding, type AssociationRole, type RosterEntry, type RosterStanding } from '@mekendesh/core';
import { normalizeTerm } from '@mekendesh/search';

export const SORT_COLUMNS = ['name', 'city', 'country', 'role', 'standing', 'joinedOn', 'renewalDate', 'email', 'phone', 'createdAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface RosterQuery {
  /** Every term must occur in the entry's names, email, phone, city, tags or groups (Cyrillic and Latin alike). */
  text?: string;
  standing?: readonly RosterStanding[];
  roles?: readonly AssociationRole[];
  /** Entries with any of these tags. */
  tags?: readonly string[];
  groups?: readonly string[];
  sort?: { column: SortColumn; dir: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

/** What a table row shows. `name` is the best name available (an account's profile name for linked entries). */
export interface RosterRow extends RosterEntry {
  name: string;
  standing: RosterStanding;
}

export interface RosterCounts {
  standing: Record<RosterStanding, number>;
  roles: Record<AssociationRole, number>;
  /** Tags and groups with their counts, most used first. */
  tags: [string, number][];
  groups: [string, number][];
}

export interface RosterResult {
  /** How many entries match. */
  total: number;
  /** The matching entries from `offset`, at most `limit`. */
  rows: RosterRow[];
  /** Per facet, how many entries would match with that facet's own filter left out. */
  counts: RosterCounts;
}

/** Names of people who have accounts, as their profiles show them to the association. */
export type NameOf = (accountId: string) => { nameCyrillic: string | null; nameLatin: string | null } | null;

const ROLE_ORDER: Record<AssociationRole, number> = { leader: 0, secretary: 1, member: 2 };
const ROLES = Object.keys(ROLE_ORDER) as AssociationRole[];

/**
 * Sort keys compare with plain `<`, which is an order of magnitude faster than a collator. The
 * Kyrgyz Cyrillic alphabet (with ң, ө, ү) comes first, in its own order, then Latin; case and
 * accents are ignored.
 */
const ALPHABET = 'абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя' + 'abcdefghijklmnopqrstuvwxyz';
const RANK = new Map([...ALPHABET].map((ch, i) => [ch, String.fromCharCode(0x4e00 + i)]));
function sortKey(text: string | null): string {
  if (!text) return '\uffff'; // empty values sort last
  let out = '';
  for (const ch of text.toLowerCase()) {
    const r = RANK.get(ch);
    if (r) out += r;
    else if (ch >= '0' && ch <= '9') out += ch;
    else if (ch === ' ' || ch === '-') out += ' ';
    else {
      const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += RANK.get(plain) ?? '';
    }
  }
  return out || '\uffff';
}

const fold = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((w) => normalizeTerm(w))
    .join(' ');

interface Slot {
  row: RosterRow;
  haystack: string;
  keys: Record<SortColumn, string>;
  /** Facet values as small integers, so the scan compares numbers and counts into typed arrays. */
  standing: number;
  role: number;
  tags: number[];
  groups: number[];
}

/** Interns labels (tags, groups) as small integers. */
class Labels {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(label: string): number {
    let id = this.ids.get(label);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(label, id);
      this.names.push(label);
    }
    return id;
  }
  /** Ids of known labels; unknown ones can match nothing. */
  lookup(labels: readonly string[]): Set<number> {
    const out = new Set<number>();
    for (const l of labels) {
      const id = this.ids.get(l);
      if (id !== undefined) out.add(id);
    }
    return out;
  }
}

export class RosterIndex {
  private slots: (Slot | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  /** Sorted slot numbers per column (ascending), built on first use. */
  private readonly perms = new Map<SortColumn, number[]>();
  private readonly tagLabels = new Labels();
  /**
   * The last query's matches and counts: scrolling a virtualised table asks for the next window
   * of the same query, which then costs nothing. Any change clears it.
   */
  private last: { key: string; matched: Int32Array; total: number; counts: RosterCounts } | null = null;
  private readonly groupLabels = new Labels();

  constructor(
    private today: string,
    private readonly nameOf: NameOf = () => null,
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  /** Replaces everything (a roster loaded from the store). */
  load(entries: Iterable<RosterEntry>): void {
    this.last = null;
    this.slots = [];
    this.slotOf.clear();
    this.free.length = 0;
    this.perms.clear();
    for (const e of entries) {
      this.slotOf.set(e.id, this.slots.length);
      this.slots.push(this.slot(e));
    }
  }

  /** Adds or replaces one entry, keeping built sort orders in place. */
  upsert(entry: RosterEntry): void {
    this.last = null;
    const existing = this.slotOf.get(entry.id);
    if (existing !== undefined) this.unsort(existing);
    const n = existing ?? this.free.pop() ?? this.slots.length;
    this.slots[n] = this.slot(entry);
    this.slotOf.set(entry.id, n);
    for (const [column, perm] of this.perms) perm.splice(this.position(perm, column, n), 0, n);
  }

  remove(id: string): void {
    this.last = null;
    const n = this.slotOf.get(id);
    if (n === undefined) return;
    this.unsort(n);
    this.slots[n] = null;
    this.slotOf.delete(id);
    this.free.push(n);
  }

  /** Forgets the last query's result, so the next query scans again (benchmarks measure scans). */
  forgetLastQuery(): void {
    this.last = null;
  }

  get(id: string): RosterRow | null {
    const n = this.slotOf.get(id);
    return n === undefined ? null : this.slots[n]!.row;
  }

  /** A new day: standings move (new → current, current → grace → expired). */
  setToday(today: string): void {
    if (today === this.today) return;
    this.today = today;
    const entries = this.slots.filter((s): s is Slot => s !== null).map((s) => s.row);
    this.load(entries);
  }

  query(q: RosterQuery = {}): RosterResult {
    const column = q.sort?.column ?? 'name';
    const terms = q.text ? fold(q.text).split(' ').filter(Boolean) : [];
    const offset = Math.max(0, q.offset ?? 0);
    const limit = Math.max(0, q.limit ?? 100);
    const key = JSON.stringify([column, terms, q.standing ?? [], q.roles ?? [], q.tags ?? [], q.groups ?? []]);
    const found = this.last?.key === key ? this.last : (this.last = { key, ...this.scan(column, terms, q) });
    const { matched, total, counts } = found;
    const desc = q.sort?.dir === 'desc';
    const rows: RosterRow[] = [];
    for (let k = offset; k < Math.min(total, offset + limit); k++) {
      rows.push(this.slots[matched[desc ? total - 1 - k : k]!]!.row);
    }
    return { total, rows, counts };
  }

  /** One pass over the column's order: filters, text and facet counts together. */
  private scan(column: SortColumn, terms: string[], q: RosterQuery): { matched: Int32Array; total: number; counts: RosterCounts } {
    const perm = this.permutation(column);
    const standing = q.standing?.length ? new Set(q.standing.map((s) => ROSTER_STANDINGS.indexOf(s))) : null;
    const roles = q.roles?.length ? new Set(q.roles.map((r) => ROLE_ORDER[r])) : null;
    const tags = q.tags?.length ? this.tagLabels.lookup(q.tags) : null;
    const groups = q.groups?.length ? this.groupLabels.lookup(q.groups) : null;

    const standingCounts = new Int32Array(ROSTER_STANDINGS.length);
    const roleCounts = new Int32Array(ROLES.length);
    const tagCounts = new Int32Array(this.tagLabels.names.length);
    const groupCounts = new Int32Array(this.groupLabels.names.length);
    const matched = new Int32Array(perm.length);
    let total = 0;

    const anyOf = (ids: number[], wanted: Set<number>) => {
      for (let k = 0; k < ids.length; k++) if (wanted.has(ids[k]!)) return true;
      return false;
    };
    for (let i = 0; i < perm.length; i++) {
      const n = perm[i]!;
      const slot = this.slots[n]!;
      if (terms.length > 0) {
        let textOk = true;
        for (let k = 0; k < terms.length; k++) {
          if (!slot.haystack.includes(terms[k]!)) {
            textOk = false;
            break;
          }
        }
        if (!textOk) continue;
      }
      const sOk = !standing || standing.has(slot.standing);
      const rOk = !roles || roles.has(slot.role);
      const tOk = !tags || anyOf(slot.tags, tags);
      const gOk = !groups || anyOf(slot.groups, groups);
      // Disjunctive counts: each facet counted with the other facets' filters only.
      if (rOk && tOk && gOk) standingCounts[slot.standing]!++;
      if (sOk && tOk && gOk) roleCounts[slot.role]!++;
      if (sOk && rOk && gOk) for (let k = 0; k < slot.tags.length; k++) tagCounts[slot.tags[k]!]!++;
      if (sOk && rOk && tOk) for (let k = 0; k < slot.groups.length; k++) groupCounts[slot.groups[k]!]!++;
      if (sOk && rOk && tOk && gOk) matched[total++] = n;
    }
    const labelCounts = (counts: Int32Array, names: string[]) =>
      names
        .map((name, id): [string, number] => [name, counts[id]!])
        .filter(([, c]) => c > 0)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const counts: RosterCounts = {
      standing: Object.fromEntries(ROSTER_STANDINGS.map((s, i) => [s, standingCounts[i]!])) as Record<RosterStanding, number>,
      roles: Object.fromEntries(ROLES.map((r) => [r, roleCounts[ROLE_ORDER[r]]!])) as Record<AssociationRole, number>,
      tags: labelCounts(tagCounts, this.tagLabels.names),
      groups: labelCounts(groupCounts, this.groupLabels.names),
    };
    return { matched, total, counts };
  }

  /** Ids of every entry matching the query's filters and text, in its order (for "select all"). */
  ids(q: Omit<RosterQuery, 'offset' | 'limit'> = {}): string[] {
    this.query({ ...q, limit: 0 }); // fills `last` with this query's matches
    const { matched, total } = this.last!;
    const desc = q.sort?.dir === 'desc';
    const out: string[] = new Array(total);
    for (let k = 0; k < total; k++) out[k] = this.slots[matched[desc ? total - 1 - k : k]!]!.row.id;
    return out;
  }

  private slot(entry: RosterEntry): Slot {
    const profile = entry.accountId && !entry.nameCyrillic && !entry.nameLatin ? this.nameOf(entry.accountId) : null;
    const nameCyrillic = entry.nameCyrillic ?? profile?.nameCyrillic ?? null;
    const nameLatin = entry.nameLatin ?? profile?.nameLatin ?? null;
    const name = nameCyrillic ?? nameLatin ?? '';
    const standing = rosterStanding(entry, this.today);
    const row: RosterRow = { ...entry, name, standing };
    // Names, places and labels are folded (either script, any case); email and phone are ASCII.
    const haystack = [
      fold([nameCyrillic, nameLatin, entry.city, ...entry.tags, ...entry.groups].filter(Boolean).join(' ')),
      entry.email ?? '',
      entry.phone ?? '',
    ].join(' ');
    const keys: Record<SortColumn, string> = {
      name: `${sortKey(name)}\u0000${sortKey(nameLatin)}`,
      city: sortKey(entry.city),
      country: entry.country ?? '\uffff',
      role: String(ROLE_ORDER[entry.role]),
      standing: String(ROSTER_STANDINGS.indexOf(standing)),
      joinedOn: entry.joinedOn ?? '\uffff',
      renewalDate: entry.renewalDate ?? '\uffff',
      email: entry.email ?? '\uffff',
      phone: entry.phone ?? '\uffff',
      createdAt: entry.createdAt,
    };
    return {
      row,
      haystack,
      keys,
      standing: ROSTER_STANDINGS.indexOf(standing),
      role: ROLE_ORDER[entry.role],
      tags: entry.tags.map((t) => this.tagLabels.id(t)),
      groups: entry.groups.map((g) => this.groupLabels.id(g)),
    };
  }

  /** Compares two slots by a column; ties by name, then id, so the order is total and stable. */
  private compare(column: SortColumn, a: number, b: number): number {
    const x = this.slots[a]!;
    const y = this.slots[b]!;
    const kx = x.keys[column];
    const ky = y.keys[column];
    if (kx !== ky) return kx < ky ? -1 : 1;
    if (column !== 'name' && x.keys.name !== y.keys.name) return x.keys.name < y.keys.name ? -1 : 1;
    return x.row.id < y.row.id ? -1 : x.row.id > y.row.id ? 1 : 0;
  }

  private permutation(column: SortColumn): number[] {
    let perm = this.perms.get(column);
    if (!perm) {
      perm = [...this.slotOf.values()];
      perm.sort((a, b) => this.compare(column, a, b));
      this.perms.set(column, perm);
    }
    return perm;
  }

  /** Where slot `n` belongs in a sorted permutation (binary search). */
  private position(perm: number[], column: SortColumn, n: number): number {
    let lo = 0;
    let hi = perm.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(column, perm[mid]!, n) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private unsort(n: number): void {
    for (const perm of this.perms.values()) {
      const at = perm.indexOf(n);
      if (at >= 0) perm.splice(at, 1);
    }
  }
}
