/**
 * Turning one cell's text into a roster value: phones to E.164, dates to `YYYY-MM-DD`, places,
 * languages and skills to their reference ids (by label in Kyrgyz, Russian or English, or by
 * code), role words to roles, lists split on `,` or `;`.
 */
import { PhoneNumber, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode as PhoneCountry, type E164Number } from 'libphonenumber-js/max';
import { COUNTRIES, LANGUAGES, REGIONS, SETTLEMENTS, SKILLS, Email, type AssociationRole, type Labels } from '@mekendesh/core';
import { normalizeTerm } from '@mekendesh/search';
import type { RowReason } from './reasons.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RowReason };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: RowReason): Parsed<never> => ({ ok: false, reason });

/** Lower case, `ё` as `е`, letters and digits only: "E-mail:" = "email", "Аты-жөнү" = "атыжөнү". */
export function simpleKey(text: string): string {
  let key = simpleMemo.get(text);
  if (key === undefined) {
    key = text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, '');
    if (simpleMemo.size > 50_000) simpleMemo.clear();
    simpleMemo.set(text, key);
  }
  return key;
}
const simpleMemo = new Map<string, string>();

/** Cyrillic/Latin-insensitive key (via the search package's folding): "Кыргызстан" = "Kyrgyzstan". */
export function foldedKey(text: string): string {
  let key = foldMemo.get(text);
  if (key === undefined) {
    key = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((t) => normalizeTerm(t))
      .join('');
    // Cities, countries and given names repeat across a roster: remember a bounded number.
    if (foldMemo.size > 50_000) foldMemo.clear();
    foldMemo.set(text, key);
  }
  return key;
}
const foldMemo = new Map<string, string>();

/** A lookup by label in any of the three languages, and by extra spellings. */
class Lookup<T extends string> {
  private readonly exact = new Map<string, T>();
  private readonly folded = new Map<string, T>();
  /** Keys that name two different things: those resolve to nothing rather than a guess. */
  private readonly ambiguous = new Set<string>();

  add(text: string, id: T): void {
    for (const [map, key] of [[this.exact, simpleKey(text)], [this.folded, foldedKey(text)]] as const) {
      if (!key) continue;
      const had = map.get(key);
      if (had === undefined) map.set(key, id);
      else if (had !== id) this.ambiguous.add(`${map === this.exact ? 'e' : 'f'}:${key}`);
    }
  }

  /** Adds a key only when no other id has it yet (short forms like "Ош" that may clash). */
  addWeak(text: string, id: T): void {
    const e = simpleKey(text);
    const f = foldedKey(text);
    if (e && !this.exact.has(e)) this.exact.set(e, id);
    if (f && !this.folded.has(f)) this.folded.set(f, id);
  }

  get(text: string): T | undefined {
    const e = simpleKey(text);
    if (!e) return undefined;
    if (!this.ambiguous.has(`e:${e}`)) {
      const hit = this.exact.get(e);
      if (hit !== undefined) return hit;
    }
    const f = foldedKey(text);
    return this.ambiguous.has(`f:${f}`) ? undefined : this.folded.get(f);
  }
}

const addLabels = <T extends string>(lookup: Lookup<T>, labels: Labels, id: T) => {
  lookup.add(labels.ky, id);
  lookup.add(labels.ru, id);
  lookup.add(labels.en, id);
};

// --- countries -------------------------------------------------------------------------------

const COUNTRY_ALIASES: Record<string, string[]> = {
  KG: ['Кыргыз Республикасы', 'Киргизия', 'Кыргызская Республика', 'КР', 'Kyrgyz Republic', 'Kirghizia', 'Kyrgyzia'],
  RU: ['РФ', 'Российская Федерация', 'Орусия', 'Russian Federation'],
  US: ['США', 'АКШ', 'Америка', 'USA', 'United States of America', 'America'],
  GB: ['Великобритания', 'Англия', 'Британия', 'UK', 'England', 'Great Britain', 'Англия'],
  KR: ['Корея', 'Южная Корея', 'Түштүк Корея', 'Korea', 'Republic of Korea'],
  AE: ['ОАЭ', 'БАЭ', 'Эмираты', 'UAE', 'Emirates'],
  TR: ['Турция', 'Turkey', 'Turkiye'],
  DE: ['ФРГ', 'Deutschland'],
  CZ: ['Чешская Республика', 'Czech Republic'],
  NL: ['Голландия', 'Holland'],
};

const countries = new Lookup<string>();
for (const c of COUNTRIES) {
  addLabels(countries, c.labels, c.id);
  countries.add(c.id, c.id);
}
for (const [id, names] of Object.entries(COUNTRY_ALIASES)) for (const n of names) countries.addWeak(n, id);
const COUNTRY_IDS = new Set(COUNTRIES.map((c) => c.id));

export function parseCountry(text: string): Parsed<string> {
  const code = text.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && COUNTRY_IDS.has(code)) return ok(code);
  const id = countries.get(text);
  return id ? ok(id) : fail('unknown_country');
}

// --- regions and settlements -----------------------------------------------------------------

const REGION_WORDS = /\s*(облусу|облысы|областы|область|обл\.?|region|oblast|province|шаары|шаар|город|г\.|city)\s*/giu;
const regions = new Lookup<string>();
for (const r of REGIONS) addLabels(regions, r.labels, r.id);
for (const r of REGIONS) {
  // Short forms: "Чүй", "Чуйская", "Chui", "Бишкек". The oblast comes first in REGIONS, so a bare
  // "Ош" is Osh Region; "Ош шаары", "город Ош" and "Osh City" are the city.
  for (const label of [r.labels.ky, r.labels.ru, r.labels.en]) regions.addWeak(label.replace(REGION_WORDS, ' ').trim(), r.id);
  regions.addWeak(r.id, r.id);
}
regions.addWeak('Чуй', 'chui');
regions.addWeak('Chüy', 'chui');
regions.addWeak('Иссык-Куль', 'issyk_kul');
regions.addWeak('Ysyk-Kol', 'issyk_kul');
regions.addWeak('Джалал-Абад', 'jalal_abad');
regions.addWeak('Жалалабад', 'jalal_abad');
const REGION_IDS = new Set(REGIONS.map((r) => r.id));

export function parseRegion(text: string): Parsed<string> {
  const t = text.trim();
  if (REGION_IDS.has(t)) return ok(t);
  const id = regions.get(t);
  return id ? ok(id) : fail('unknown_region');
}

/** Settlements by label: one name can be a village in two regions, so each key keeps every id. */
const settlementsByKey = new Map<string, string[]>();
const SETTLEMENT_REGION = new Map(SETTLEMENTS.map((s) => [s.id, s.region]));
for (const s of SETTLEMENTS) {
  for (const label of [s.labels.ky, s.labels.ru, s.labels.en, s.id]) {
    for (const key of [`e:${simpleKey(label)}`, `f:${foldedKey(label)}`]) {
      const ids = settlementsByKey.get(key) ?? [];
      if (!ids.includes(s.id)) ids.push(s.id);
      settlementsByKey.set(key, ids);
    }
  }
}

/** A settlement by label; within `region` when known (the same village name recurs). */
export function parseSettlement(text: string, region: string | null): Parsed<string> {
  const t = text.trim();
  // "Кашкалдак, Ноокат району": the settlement is the first part.
  const name = t.split(/[,(]/)[0]!.trim();
  for (const key of [`e:${simpleKey(name)}`, `f:${foldedKey(name)}`]) {
    let ids = settlementsByKey.get(key);
    if (!ids) continue;
    if (region) ids = ids.filter((id) => SETTLEMENT_REGION.get(id) === region);
    if (ids.length === 1) return ok(ids[0]!);
  }
  return fail('unknown_settlement');
}

export const settlementRegion = (id: string) => SETTLEMENT_REGION.get(id) ?? null;

// --- languages and skills --------------------------------------------------------------------

const languages = new Lookup<string>();
for (const l of LANGUAGES) {
  addLabels(languages, l.labels, l.id);
  languages.add(l.id, l.id);
  // "Кыргыз тили" is also written "кыргызча", "кыргыз"; "Русский" as "русский язык".
  languages.addWeak(l.labels.ky.replace(/\s*тили$/u, ''), l.id);
  languages.addWeak(`${l.labels.ru} язык`, l.id);
}
languages.addWeak('кыргызча', 'ky');
languages.addWeak('орусча', 'ru');
languages.addWeak('англисче', 'en');
languages.addWeak('Kyrgyz', 'ky');
languages.addWeak('Киргизский', 'ky');

const skills = new Lookup<string>();
for (const s of SKILLS) {
  addLabels(skills, s.labels, s.id);
  skills.add(s.id, s.id);
}

/**
 * Splits a list cell on `;`, `,` and new lines, then joins neighbouring pieces back when together
 * they name one item: some labels contain a comma ("Импорт, экспорт жана тышкы соода").
 */
function splitLabels(text: string, find: (s: string) => string | undefined): { found: string[]; unknown: string[] } {
  const found: string[] = [];
  const unknown: string[] = [];
  for (const chunk of text.split(/[;\n]+/)) {
    const parts = chunk.split(',').map((p) => p.trim());
    let i = 0;
    while (i < parts.length) {
      if (!parts[i]) {
        i++;
        continue;
      }
      let matched = 0;
      for (let j = parts.length; j > i; j--) {
        const id = find(parts.slice(i, j).join(', '));
        if (id) {
          if (!found.includes(id)) found.push(id);
          matched = j - i;
          break;
        }
      }
      if (matched === 0) {
        unknown.push(parts[i]!);
        i++;
      } else i += matched;
    }
  }
  return { found, unknown };
}

export function parseLanguages(text: string): Parsed<string[]> {
  const { found, unknown } = splitLabels(text, (s) => languages.get(s));
  if (unknown.length) return fail('unknown_language');
  return found.length > 10 ? fail('too_many_items') : ok(found);
}

export function parseSkills(text: string): Parsed<string[]> {
  const { found, unknown } = splitLabels(text, (s) => skills.get(s));
  if (unknown.length) return fail('unknown_skill');
  return found.length > 30 ? fail('too_many_items') : ok(found);
}

// --- roles, tags ----------------------------------------------------------------------------

const ROLE_WORDS: Record<AssociationRole, string[]> = {
  leader: ['leader', 'head', 'chair', 'chairman', 'chairperson', 'president', 'лидер', 'руководитель', 'председатель', 'президент', 'глава', 'жетекчи', 'төрага', 'башчы', 'лидери'],
  secretary: ['secretary', 'секретарь', 'катчы', 'секретары'],
  member: ['member', 'участник', 'член', 'член ассоциации', 'мүчө', 'мүчөсү', 'участница'],
};
const roles = new Map<string, AssociationRole>();
for (const [role, words] of Object.entries(ROLE_WORDS) as [AssociationRole, string[]][]) for (const w of words) roles.set(simpleKey(w), role);

export function parseRole(text: string): Parsed<AssociationRole> {
  const role = roles.get(simpleKey(text));
  return role ? ok(role) : fail('unknown_role');
}

/** Tags or groups: split on `,` or `;`, trimmed, case-insensitively distinct, in file order. */
export function parseLabels(text: string, max: number): Parsed<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(/[,;\n]+/)) {
    const label = piece.trim().replace(/\s+/g, ' ');
    if (!label) continue;
    if (label.length > 40) return fail('label_too_long');
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(label);
  }
  return out.length > max ? fail('too_many_items') : ok(out);
}

// --- email ---------------------------------------------------------------------------------

export function parseEmail(text: string): Parsed<string> {
  // Cells from Excel hyperlinks may keep "mailto:"; some lists wrap addresses in <…>.
  const t = text.trim().replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1').trim();
  const r = Email.safeParse(t);
  return r.success ? ok(r.data) : fail('bad_email');
}

// --- phones --------------------------------------------------------------------------------

export interface PhoneOptions {
  /** The row's country of residence, tried first for numbers without a `+`. */
  country?: string | null;
  /** Tried next (the association's country, else Kyrgyzstan). */
  defaultCountry?: string;
  /**
   * Tried last: a national number that is valid in neither of the above. Russia by default:
   * "8 916 123-45-67" from a list kept in Moscow whose rows name no country.
   */
  fallbackCountries?: readonly string[];
}

/**
 * Excel turns long digit strings into numbers: "996555123456.0" after a round trip through a
 * float, "9.96555E+11" when the column was too narrow. The first is exact; the second lost
 * digits unless the mantissa still holds all of them.
 */
function excelNumber(text: string): Parsed<string> | null {
  const float = /^(\d+)[.,]0+$/.exec(text);
  if (float) return ok(float[1]!);
  const exp = /^(\d)(?:[.,](\d+))?[eE]\+?(\d{1,2})$/.exec(text);
  if (!exp) return null;
  const digits = exp[1]! + (exp[2] ?? '');
  const exponent = Number(exp[3]);
  if (digits.length - 1 > exponent) return fail('bad_phone');
  if (digits.length - 1 < exponent) return fail('phone_truncated');
  return ok(digits);
}

const callingCodes = new Map<string, string>();
function callingCode(country: string): string {
  let code = callingCodes.get(country);
  if (code === undefined) {
    try {
      code = getCountryCallingCode(country as PhoneCountry);
    } catch {
      code = '-'; // not a country the library knows: never a prefix of digits
    }
    callingCodes.set(country, code);
  }
  return code;
}

/**
 * `+digits` checked without the library's text parser (2–3× faster; most cells reduce to this
 * form): the same PhoneNumber object and validity rules the parser would return. Null when not
 * valid as written; the caller then lets the parser try (it also strips a "(0)" after the code).
 */
function validE164(candidate: string): string | null {
  if (!/^\+[1-9]\d{6,14}$/.test(candidate)) return null;
  try {
    const p = new PhoneNumber(candidate as E164Number);
    return p.isValid() ? p.number : null;
  } catch {
    return null;
  }
}

export function parsePhone(text: string, options: PhoneOptions = {}): Parsed<string> {
  let t = text.trim().replace(/^'/, '');
  const excel = excelNumber(t);
  if (excel) {
    if (!excel.ok) return excel;
    t = excel.value;
  }
  // Spacing and punctuation say nothing the library needs (and parsing them costs), and "00996…"
  // is the international prefix dialled from most countries: "+" is what it means.
  t = t.replace(/^tel:/i, '').replace(/[\s().\-\u00a0\u2010-\u2015/]/g, '').replace(/^00(?=[1-9])/, '+');
  if (!/^\+?\d{4,17}$/.test(t)) {
    // Letters ("ext. 12", "нет") or nothing usable: let the library judge the original text.
    t = text.trim();
  }
  if (t.startsWith('+')) {
    const fast = validE164(t);
    if (fast) return ok(fast);
  }
  const candidates = [options.country, options.defaultCountry ?? 'KG', ...(options.fallbackCountries ?? ['RU'])];
  // "996555123456", "79161234567": an international number written without its "+". When the
  // digits start with the calling code of a country we would try anyway, read them that way
  // first (one parse instead of three failing national ones).
  if (/^[1-9]\d{10,14}$/.test(t) && candidates.some((c) => c && t.startsWith(callingCode(c)))) {
    const fast = validE164(`+${t}`);
    if (fast) return ok(fast);
    const p = parsePhoneNumberFromString(`+${t}`);
    if (p?.isValid()) return ok(p.number);
  }
  const tried = new Set<string>();
  for (const country of candidates) {
    if (!country || tried.has(country)) continue;
    tried.add(country);
    const p = parsePhoneNumberFromString(t, country as PhoneCountry);
    if (p?.isValid()) return ok(p.number);
    if (t.startsWith('+')) return fail('bad_phone'); // an international number does not depend on the country
  }
  if (/^[1-9]\d{9,14}$/.test(t)) {
    const p = parsePhoneNumberFromString(`+${t}`);
    if (p?.isValid()) return ok(p.number);
  }
  return fail('bad_phone');
}

// --- dates ---------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function calendar(y: number, m: number, d: number): Parsed<string> {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return fail('bad_date');
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return fail('bad_date'); // 31.02.2024
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included). */
export function excelSerialDate(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A date as leaders write it: `dd.mm.yyyy` (also `d.m.yy`), `yyyy-mm-dd` (with a time, ignored),
 * `dd/mm/yyyy` (day first, as in Kyrgyzstan and Russia; `mm/dd/yyyy` only when the day cannot be
 * the first number), or an Excel day number (a date column saved as numbers).
 */
export function parseDate(text: string): Parsed<string> {
  const t = text.trim();
  let m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T].*)?$/.exec(t);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})(?:\s*(?:г\.?|ж\.?))?(?:[ T]\d{1,2}:\d{2}.*)?$/u.exec(t);
  if (m) {
    let day = Number(m[1]);
    let month = Number(m[3]);
    let year = Number(m[4]);
    if (m[4]!.length === 2) year += year < 70 ? 2000 : 1900;
    if (m[2] === '/' && month > 12 && day <= 12) [day, month] = [month, day];
    return calendar(year, month, day);
  }
  if (/^\d{4,5}(?:[.,]0+)?$/.test(t)) {
    const serial = Number(t.replace(',', '.'));
    // 1 Jan 1950 to 31 Dec 2100: a plain number outside that is not a date someone meant.
    if (serial >= 18264 && serial <= 73415) return ok(excelSerialDate(serial));
  }
  return fail('bad_date');
}

const HAS_CYRILLIC = /[\u0400-\u04FF]/u;
export const isCyrillic = (text: string) => HAS_CYRILLIC.test(text);
