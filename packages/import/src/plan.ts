/**
 * The import plan: a dry run over the rows of a file. For each data row, the roster fields it
 * would create or the issues that stop it; duplicates within the file and against the roster
 * already kept; a summary. Nothing is written here: the desktop backend applies `creates` and
 * `merges` in one transaction (and can undo the batch by its import id).
 */
import { EMPTY_ROSTER_FIELDS, RosterEntryFieldsSchema, type AssociationRole, type RosterFields } from '@mekendesh/core';
import { TARGETS, type Mapping, type Target } from './mapping.ts';
import type { RowReason } from './reasons.ts';
import { normalizeTerm } from '@mekendesh/search';
import {
  type Parsed,
  foldedKey, isCyrillic, parseCountry, parseDate, parseEmail, parseLabels, parseLanguages, parsePhone, parseRegion, parseRole,
  parseSettlement, parseSkills, settlementRegion,
} from './values.ts';

export type RosterField = keyof RosterFields;

export interface Issue {
  /** The row as a spreadsheet numbers it: the header is usually line 1. */
  line: number;
  /** 1-based column of the file (A = 1), or null for a row-level issue (no name at all). */
  column: number | null;
  header: string | null;
  field: RosterField | Target;
  reason: RowReason;
  /** The text found (cut to 200 characters), to show next to the message. */
  value: string;
}

export type DuplicateKey = 'email' | 'phone' | 'name_city';
export interface Duplicate {
  key: DuplicateKey;
  /** An earlier line of the same file, or an entry of the roster. */
  of: { line: number } | { existingId: string };
}

export type RowStatus = 'create' | 'merge' | 'skip' | 'invalid';

export interface RowReport {
  line: number;
  status: RowStatus;
  /** What the row reads as (null when it has no usable value at all). */
  fields: RosterFields | null;
  /** Empty when the row is fine; with `dropInvalidValues`, a created row may still list dropped values. */
  issues: Issue[];
  duplicate: Duplicate | null;
}

export interface PlanSummary {
  /** Data rows looked at (empty rows are not counted). */
  rows: number;
  create: number;
  merge: number;
  skipped: number;
  invalid: number;
  /** Rows whose issues include each reason (a row with two bad values counts under both). */
  byReason: Partial<Record<RowReason, number>>;
  /** Duplicates found, by key, whatever was decided for them. */
  duplicates: Record<DuplicateKey, number>;
}

export interface ImportPlan {
  summary: PlanSummary;
  rows: RowReport[];
  /** Applying the plan: insert each of these… */
  creates: { line: number; fields: RosterFields }[];
  /** …and replace these entries' fields (already merged with what they had). */
  merges: { existingId: string; lines: number[]; fields: RosterFields }[];
}

/** A roster entry as the caller has it (a `RosterEntry` fits). */
export type ExistingEntry = RosterFields & { id: string };

export type DuplicateAction = 'merge' | 'skip';

export interface PlanInput {
  /** Every row of the table (`readTable(…).table.rows`), header included. */
  rows: readonly (readonly string[])[];
  mapping: Mapping;
  /** 0-based index of the header row in `rows` (see `detectHeader`). */
  headerRow?: number;
  existing?: readonly ExistingEntry[];
  /**
   * Values for rows that leave a field empty: scalars fill empty cells (the association's
   * country, a role); tags and groups are added to every row ("import 2025").
   */
  defaults?: Partial<RosterFields>;
  /** Country for phone numbers written without a `+` when the row names no country; `KG` by default. */
  phoneCountry?: string;
  /** Tried after those (see `parsePhone`); `['RU']` by default. */
  phoneFallbackCountries?: readonly string[];
  /** What to do with a duplicate row, per line; `onDuplicate` (skip by default) for the others. */
  decisions?: ReadonlyMap<number, DuplicateAction> | Readonly<Record<number, DuplicateAction>>;
  onDuplicate?: DuplicateAction;
  /**
   * When true, a bad optional value (a phone, a date, an unknown place…) is left out and the row
   * is still imported, the issue kept in its report. By default such a row is not imported.
   */
  dropInvalidValues?: boolean;
  /** Also run the roster schema over each row (slower; off by default, see convertRow). */
  validate?: boolean;
}

const LIST_MAX: Record<'tags' | 'groups' | 'languages' | 'skills', number> = { tags: 20, groups: 10, languages: 10, skills: 30 };
const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);
const collapse = (s: string) => s.trim().replace(/\s+/g, ' ');

/** Merges a later row into an earlier one: fills only empty fields, unions tags and groups. */
export function mergeFields(existing: RosterFields, incoming: RosterFields): RosterFields {
  const out: RosterFields = { ...existing };
  for (const key of Object.keys(EMPTY_ROSTER_FIELDS) as RosterField[]) {
    const had = existing[key];
    const add = incoming[key];
    if (key === 'tags' || key === 'groups') {
      const seen = new Set((had as string[]).map((s) => s.toLowerCase()));
      const union = [...(had as string[])];
      for (const label of add as string[]) {
        if (union.length >= LIST_MAX[key]) break;
        if (!seen.has(label.toLowerCase())) {
          seen.add(label.toLowerCase());
          union.push(label);
        }
      }
      out[key] = union;
    } else if (Array.isArray(had)) {
      if (had.length === 0) (out as Record<string, unknown>)[key] = add;
    } else if (had === null) {
      (out as Record<string, unknown>)[key] = add;
    }
    // `role` is never empty: the roster's role stays (an import never promotes anyone).
  }
  return out;
}

/** Name + city keys, folded across scripts and word order: "Токтогулов Айбек" = "Aibek Toktogulov". */
function nameKeys(f: RosterFields): string[] {
  if (!f.city) return [];
  const city = foldedKey(f.city);
  const keys: string[] = [];
  for (const name of [f.nameCyrillic, f.nameLatin]) {
    if (!name) continue;
    const words = name.toLowerCase().split(WORDS).filter(Boolean).map(normalizeTerm).sort();
    keys.push(`${words.join(' ')}|${city}`);
  }
  return keys;
}
// Names are already collapsed to single spaces; hyphens and dots separate parts too ("Абдыкадыр-уулу").
const WORDS = /[\s\-.,'’]+/;

/** Where a matched person lives now: an entry to create (by index) or an existing entry. */
type Holder = { kind: 'create'; index: number; line: number } | { kind: 'existing'; id: string; merge: number | null };
interface Known {
  target: Holder;
  email: string | null;
  phone: string | null;
}

class DuplicateIndex {
  private readonly email = new Map<string, Known>();
  private readonly phone = new Map<string, Known>();
  private readonly nameCity = new Map<string, Known[]>();

  add(f: RosterFields, names: readonly string[], known: Known): void {
    if (f.email && !this.email.has(f.email)) this.email.set(f.email, known);
    if (f.phone && !this.phone.has(f.phone)) this.phone.set(f.phone, known);
    for (const k of names) {
      const list = this.nameCity.get(k) ?? [];
      list.push(known);
      this.nameCity.set(k, list);
    }
  }

  find(f: RosterFields, names: readonly string[]): { known: Known; key: DuplicateKey } | null {
    const byEmail = f.email ? this.email.get(f.email) : undefined;
    if (byEmail) return { known: byEmail, key: 'email' };
    const byPhone = f.phone ? this.phone.get(f.phone) : undefined;
    if (byPhone) return { known: byPhone, key: 'phone' };
    // Two people of the same name live in one city often enough: a name match counts only when
    // no contact says they differ.
    for (const k of names) {
      for (const known of this.nameCity.get(k) ?? []) {
        const emailsDiffer = f.email && known.email && f.email !== known.email;
        const phonesDiffer = f.phone && known.phone && f.phone !== known.phone;
        if (!emailsDiffer && !phonesDiffer) return { known, key: 'name_city' };
      }
    }
    return null;
  }
}

interface Converted {
  fields: RosterFields | null;
  issues: Issue[];
  empty: boolean;
}

interface Column {
  index: number;
  /** 1-based, as a spreadsheet counts. */
  column: number;
  header: string;
}
type Columns = Record<Target, Column[]>;
interface Found {
  value: string;
  column: number;
  header: string;
}

/** The columns of each target, in file order, resolved once for all rows. */
function columnsByTarget(mapping: Mapping): Columns {
  const by = Object.fromEntries(TARGETS.map((t) => [t, [] as Column[]])) as Columns;
  for (const c of mapping.columns) if (c.target) by[c.target].push({ index: c.index, column: c.index + 1, header: c.header });
  return by;
}

// Row helpers are module functions, not closures made per row: 50,000 rows × a dozen closures
// showed up in profiles (and tsx names every one of them).

/** A cell's text, trimmed, without the `'` our CSV export puts before a formula-like value. */
function cellText(row: readonly string[], index: number): string {
  const v = (row[index] ?? '').trim();
  return v.charCodeAt(0) === 39 && /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

/** The first filled cell among a target's columns. */
function firstOf(row: readonly string[], columns: readonly Column[]): Found | null {
  for (const c of columns) {
    const value = cellText(row, c.index);
    if (value) return { value, column: c.column, header: c.header };
  }
  return null;
}

/** Every filled cell among a target's columns. */
function allOf(row: readonly string[], columns: readonly Column[]): Found[] {
  const out: Found[] = [];
  for (const c of columns) {
    const value = cellText(row, c.index);
    if (value) out.push({ value, column: c.column, header: c.header });
  }
  return out;
}

function addIssue(issues: Issue[], line: number, field: RosterField | Target, reason: RowReason, at: Found | null): void {
  issues.push({ line, column: at?.column ?? null, header: at?.header ?? null, field, reason, value: cut(at?.value ?? '') });
}

/** Sets a name from a cell: the script decides which name unless the column says. */
function setName(fields: RosterFields, issues: Issue[], line: number, at: Found, value: string, prefer?: 'nameCyrillic' | 'nameLatin'): void {
  const name = collapse(value);
  const field = prefer ?? (isCyrillic(name) ? 'nameCyrillic' : 'nameLatin');
  if (fields[field] !== null) return;
  if (name.length > 120) addIssue(issues, line, field, 'name_too_long', at);
  else fields[field] = name;
}

/** Where a contact cell holds several: `;`, new lines, or a comma before a space or `+` (not Excel's "996555123456,0"). */
const PHONES = /[;\n]+|,(?=\s|\+)/;
const EMAILS = /[,;\s]+/;

/** The first piece of a cell that parses; the other pieces are pushed to `extras`. */
function firstGood<T>(value: string, separator: RegExp, parse: (text: string) => Parsed<T>, extras: string[]): Parsed<T> {
  const whole = parse(value);
  if (whole.ok) return whole;
  const pieces = value.split(separator).map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 2) return whole;
  for (let i = 0; i < pieces.length; i++) {
    const r = parse(pieces[i]!);
    if (r.ok) {
      extras.push(...pieces.filter((_, j) => j !== i));
      return r;
    }
  }
  return whole;
}

const NAME_PARTS = ['firstName', 'middleName', 'lastName'] as const;
const LIST_PARSERS = [['languages', parseLanguages], ['skills', parseSkills]] as const;

function convertRow(row: readonly string[], line: number, cols: Columns, input: PlanInput): Converted {
  const issues: Issue[] = [];
  let blank = true;
  for (const v of row) {
    if (v.trim() !== '') {
      blank = false;
      break;
    }
  }
  if (blank) return { fields: null, issues, empty: true };
  const fields: RosterFields = { ...EMPTY_ROSTER_FIELDS, languages: [], skills: [], tags: [], groups: [] };
  const defaults = input.defaults;

  // Names: dedicated columns, then a full-name column, then parts joined.
  for (const t of ['nameCyrillic', 'nameLatin'] as const) {
    const v = firstOf(row, cols[t]);
    if (v) setName(fields, issues, line, v, v.value, t);
  }
  for (const v of allOf(row, cols.name)) setName(fields, issues, line, v, v.value);
  if (cols.firstName.length || cols.lastName.length || cols.middleName.length) {
    const parts: Found[] = [];
    for (const t of NAME_PARTS) {
      const p = firstOf(row, cols[t]);
      if (p) parts.push(p);
    }
    if (parts.length) setName(fields, issues, line, parts[0]!, parts.map((p) => p.value).join(' '));
  }

  // A cell may hold two contacts ("0555 123 456, 0700 111 222"): the first good one is the
  // entry's, the others go to the notes rather than being lost.
  const extras: string[] = [];
  const email = firstOf(row, cols.email);
  if (email) {
    const r = firstGood(email.value, EMAILS, parseEmail, extras);
    if (r.ok) fields.email = r.value;
    else addIssue(issues, line, 'email', r.reason, email);
  }

  const country = firstOf(row, cols.country);
  if (country) {
    const r = parseCountry(country.value);
    if (r.ok) fields.country = r.value;
    else addIssue(issues, line, 'country', r.reason, country);
  } else if (defaults?.country) fields.country = defaults.country;

  const phone = firstOf(row, cols.phone);
  if (phone) {
    const options = { country: fields.country, defaultCountry: input.phoneCountry ?? 'KG', fallbackCountries: input.phoneFallbackCountries ?? DEFAULT_FALLBACK };
    const r = firstGood(phone.value, PHONES, (text) => parsePhone(text, options), extras);
    if (r.ok) fields.phone = r.value;
    else addIssue(issues, line, 'phone', r.reason, phone);
  }

  const city = firstOf(row, cols.city);
  if (city) {
    const v = collapse(city.value);
    if (v.length > 100) addIssue(issues, line, 'city', 'text_too_long', city);
    else fields.city = v;
  } else if (defaults?.city) fields.city = defaults.city;

  const region = firstOf(row, cols.homeRegion);
  if (region) {
    const r = parseRegion(region.value);
    if (r.ok) fields.homeRegion = r.value;
    else addIssue(issues, line, 'homeRegion', r.reason, region);
  }
  const settlement = firstOf(row, cols.homeSettlement);
  if (settlement) {
    const r = parseSettlement(settlement.value, fields.homeRegion);
    if (r.ok) {
      fields.homeSettlement = r.value;
      fields.homeRegion ??= settlementRegion(r.value);
    } else addIssue(issues, line, 'homeSettlement', r.reason, settlement);
  }

  for (const [t, parse] of LIST_PARSERS) {
    for (const v of allOf(row, cols[t])) {
      const r = parse(v.value);
      if (!r.ok) addIssue(issues, line, t, r.reason, v);
      else for (const id of r.value) if (!fields[t].includes(id)) fields[t].push(id);
    }
    if (fields[t].length > LIST_MAX[t]) {
      addIssue(issues, line, t, 'too_many_items', firstOf(row, cols[t]));
      fields[t] = [];
    }
  }

  const role = firstOf(row, cols.role);
  if (role) {
    const r = parseRole(role.value);
    if (r.ok) fields.role = r.value;
    else addIssue(issues, line, 'role', r.reason, role);
  } else if (defaults?.role) fields.role = defaults.role as AssociationRole;

  for (const t of ['tags', 'groups'] as const) {
    const found = allOf(row, cols[t]);
    const extra = defaults?.[t];
    if (!found.length && !extra?.length) continue;
    const text = [...found.map((v) => v.value), ...(extra ?? [])].join(';');
    const r = parseLabels(text, LIST_MAX[t]);
    if (r.ok) fields[t] = r.value;
    else addIssue(issues, line, t, r.reason, found[0] ?? null);
  }

  for (const t of ['joinedOn', 'renewalDate'] as const) {
    const v = firstOf(row, cols[t]);
    if (v) {
      const r = parseDate(v.value);
      if (r.ok) fields[t] = r.value;
      else addIssue(issues, line, t, r.reason, v);
    } else if (defaults?.[t]) fields[t] = defaults[t]!;
  }

  const notes = allOf(row, cols.notes);
  if (notes.length || extras.length) {
    // Several note columns ("Примечание", "Комментарий") are kept together, each under its header.
    const parts = notes.length === 1 ? [notes[0]!.value] : notes.map((n) => `${n.header}: ${n.value}`);
    const text = [...parts, ...extras].join('\n');
    if (text.length > 2000) addIssue(issues, line, 'notes', 'text_too_long', notes[0] ?? null);
    else fields.notes = text;
  }
  if (!fields.notes && defaults?.notes) fields.notes = defaults.notes;

  if (fields.nameCyrillic === null && fields.nameLatin === null && !issues.some((i) => i.reason === 'name_too_long')) {
    addIssue(issues, line, 'name', 'name_required', null);
  }

  // No zod pass over every row here: each value above comes from a parser that only yields what
  // the roster schema accepts (a test runs RosterEntryFieldsSchema over every created row of the
  // fixtures and of the 50,000-row file), and the mutator that applies the plan validates again.
  // It cost a sixth of the planning time.
  if (input.validate && issues.length === 0) {
    const check = RosterEntryFieldsSchema.safeParse(fields);
    if (!check.success) {
      for (const problem of check.error.issues) {
        const field = String(problem.path[0] ?? 'name') as RosterField;
        addIssue(issues, line, field, 'invalid_value', field in cols ? firstOf(row, cols[field as Target]) : null);
      }
    }
  }
  return { fields, issues, empty: false };
}

const DEFAULT_FALLBACK = ['RU'] as const;

/** Reasons that stop a row even when invalid values may be dropped: without a name there is no entry. */
const FATAL: ReadonlySet<RowReason> = new Set(['name_required', 'name_too_long', 'invalid_value']);

/** Drops the values an issue points at, leaving the field empty (for `dropInvalidValues`). */
function dropped(fields: RosterFields, issues: Issue[]): RosterFields {
  const out = { ...fields };
  for (const i of issues) {
    const f = i.field as RosterField;
    if (f in EMPTY_ROSTER_FIELDS) (out as Record<string, unknown>)[f] = EMPTY_ROSTER_FIELDS[f];
  }
  return out;
}

/** Plans the import of a table: see {@link ImportPlan}. Pure: same input, same plan. */
export function planImport(input: PlanInput): ImportPlan {
  const headerRow = input.headerRow ?? 0;
  const columns = columnsByTarget(input.mapping);
  const decisions = input.decisions instanceof Map ? input.decisions : new Map(Object.entries(input.decisions ?? {}).map(([k, v]) => [Number(k), v]));
  const decide = (line: number) => decisions.get(line) ?? input.onDuplicate ?? 'skip';

  const index = new DuplicateIndex();
  const existingById = new Map<string, ExistingEntry>();
  for (const e of input.existing ?? []) {
    existingById.set(e.id, e);
    index.add(e, nameKeys(e), { target: { kind: 'existing', id: e.id, merge: null }, email: e.email, phone: e.phone });
  }

  const creates: ImportPlan['creates'] = [];
  const merges: ImportPlan['merges'] = [];
  const reports: RowReport[] = [];
  const summary: PlanSummary = { rows: 0, create: 0, merge: 0, skipped: 0, invalid: 0, byReason: {}, duplicates: { email: 0, phone: 0, name_city: 0 } };

  for (let r = headerRow + 1; r < input.rows.length; r++) {
    const line = r + 1;
    const converted = convertRow(input.rows[r]!, line, columns, input);
    if (converted.empty) continue;
    summary.rows++;
    const { issues } = converted;
    for (const reason of new Set(issues.map((i) => i.reason))) summary.byReason[reason] = (summary.byReason[reason] ?? 0) + 1;

    let fields = converted.fields!;
    const fatal = issues.some((i) => FATAL.has(i.reason));
    if (issues.length > 0 && (fatal || !input.dropInvalidValues)) {
      summary.invalid++;
      reports.push({ line, status: 'invalid', fields, issues, duplicate: null });
      continue;
    }
    if (issues.length > 0) fields = dropped(fields, issues);

    const names = nameKeys(fields);
    const dup = index.find(fields, names);
    if (!dup) {
      const known: Known = { target: { kind: 'create', index: creates.length, line }, email: fields.email, phone: fields.phone };
      creates.push({ line, fields });
      index.add(fields, names, known);
      summary.create++;
      reports.push({ line, status: 'create', fields, issues, duplicate: null });
      continue;
    }

    summary.duplicates[dup.key]++;
    const target = dup.known.target;
    const duplicate: Duplicate = { key: dup.key, of: target.kind === 'create' ? { line: target.line } : { existingId: target.id } };
    if (decide(line) === 'skip') {
      summary.skipped++;
      reports.push({ line, status: 'skip', fields, issues, duplicate });
      continue;
    }
    // Merge: into the entry this file creates, or into the roster's entry (one merge per entry).
    if (target.kind === 'create') {
      const c = creates[target.index]!;
      c.fields = mergeFields(c.fields, fields);
    } else {
      if (target.merge === null) {
        target.merge = merges.length;
        merges.push({ existingId: target.id, lines: [], fields: pickFields(existingById.get(target.id)!) });
      }
      const m = merges[target.merge]!;
      m.lines.push(line);
      m.fields = mergeFields(m.fields, fields);
    }
    // What the merged row brings (a new phone, say) now identifies the same person for later rows.
    index.add(fields, names, dup.known);
    summary.merge++;
    reports.push({ line, status: 'merge', fields, issues, duplicate });
  }
  return { summary, rows: reports, creates, merges };
}

/** The roster fields of an entry (without id, timestamps and links). */
function pickFields(e: ExistingEntry): RosterFields {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(EMPTY_ROSTER_FIELDS)) out[k] = (e as Record<string, unknown>)[k];
  return out as RosterFields;
}
