/**
 * A deterministic roster file of any size, shaped like a real leader's export from Excel
 * (Russian headers, `;`, phones in five spellings, Kyrgyz names in Cyrillic, diaspora cities
 * weighted by size), with known quirks at known lines so tests and the benchmark can check the
 * plan exactly: duplicates of earlier rows, bad emails, rows without a name, phones Excel cut
 * to exponent form.
 */
import { REGIONS } from '@mekendesh/core';
import { DIASPORA_CITIES, FEMALE_GIVEN, MALE_GIVEN, SURNAME_ROOTS, surname } from '@mekendesh/core/names';
import type { RowReason } from './reasons.ts';

export interface GeneratedRow {
  line: number;
  status: 'create' | 'skip' | 'invalid';
  reason: RowReason | null;
  /** The values the import should find (for valid rows). */
  name: string;
  email: string | null;
  phone: string;
  country: string;
  city: string;
  /** For a duplicate: the line it repeats. */
  duplicateOf: number | null;
}

export interface GeneratedRoster {
  csv: string;
  rows: GeneratedRow[];
  expected: { rows: number; create: number; skipped: number; invalid: number; byReason: Partial<Record<RowReason, number>> };
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GENERATED_HEADER = ['ФИО', 'Телефон', 'E-mail', 'Страна', 'Город', 'Область', 'Дата вступления', 'Оплачено до', 'Группа', 'Теги', 'Роль', 'Примечание'];
const KG_PREFIXES = ['555', '700', '770', '500', '990', '559'];
const TAGS = ['волонтёр', 'спонсор', 'студент', 'врач', 'строитель', 'повар', 'водитель'];
const COUNTRY_LABEL: Record<string, string> = { RU: 'Россия', KZ: 'Казахстан', TR: 'Турция', US: 'США', KR: 'Южная Корея', AE: 'ОАЭ', DE: 'Германия', GB: 'Великобритания', JP: 'Япония', IT: 'Италия' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function generateRosterCsv(count: number, seed = 2026): GeneratedRoster {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const totalWeight = DIASPORA_CITIES.reduce((s, c) => s + c.weight, 0);
  const pickCity = () => {
    let r = random() * totalWeight;
    for (const c of DIASPORA_CITIES) if ((r -= c.weight) < 0) return c;
    return DIASPORA_CITIES[0]!;
  };

  const cells: string[][] = [];
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < count; i++) {
    const line = i + 2;
    if (i % 97 === 96 && i >= 50) {
      // The same person again, further down (copied from another sheet): same cells, name in
      // the other order.
      const source = rows[i - 50]!;
      const copy = [...cells[i - 50]!];
      copy[0] = copy[0]!.split(' ').reverse().join(' ');
      cells.push(copy);
      rows.push({ ...source, line, status: source.status === 'invalid' ? 'invalid' : 'skip', duplicateOf: source.status === 'invalid' ? null : source.line });
      continue;
    }
    const gender = random() < 0.5 ? 'female' : 'male';
    const given = pick(gender === 'female' ? FEMALE_GIVEN : MALE_GIVEN);
    const family = surname(pick(SURNAME_ROOTS), gender);
    const name = i % 2 === 0 ? `${family.cyr} ${given.cyr}` : `${given.cyr} ${family.cyr}`;
    const city = pickCity();
    const countryText = i % 10 === 0 ? city.country : i % 10 === 1 ? city.country.toLowerCase() : (COUNTRY_LABEL[city.country] ?? city.country);

    // Phones: unique per row. Russian numbers for some rows living in Russia, else Kyrgyz ones.
    let phoneText: string;
    let phone: string;
    if (city.country === 'RU' && i % 7 === 3) {
      const nsn = `916${pad(i, 7)}`;
      phone = `+7${nsn}`;
      phoneText = i % 2 ? `8 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)}-${nsn.slice(6, 8)}-${nsn.slice(8)}` : `+7 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6, 8)} ${nsn.slice(8)}`;
    } else {
      const nsn = `${KG_PREFIXES[i % KG_PREFIXES.length]}${pad(Math.floor(i / KG_PREFIXES.length), 6)}`;
      phone = `+996${nsn}`;
      const a = nsn.slice(0, 3);
      const b = nsn.slice(3);
      // A national "0…" number reads as the row's country first (as a leader means it): only
      // rows in Russia and Kazakhstan, where it cannot be local, write Kyrgyz numbers that way.
      const national = city.country === 'RU' || city.country === 'KZ';
      phoneText = [
        national ? `0${a} ${b.slice(0, 3)} ${b.slice(3)}` : `+996 ${a} ${b.slice(0, 3)} ${b.slice(3)}`,
        `+996 (${a}) ${b.slice(0, 2)}-${b.slice(2, 4)}-${b.slice(4)}`,
        `996${nsn}`,
        `+996${nsn}`,
        `996${nsn}.0`,
      ][i % 5]!;
    }
    const email = i % 6 === 5 ? null : `${given.lat}.${family.lat}.${i}@example.kg`.toLowerCase();
    const joined = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3650) * 86_400_000);
    const joinedText = `${pad(joined.getUTCDate())}.${pad(joined.getUTCMonth() + 1)}.${joined.getUTCFullYear()}`;
    const due = new Date(joined.getTime() + (365 + Math.floor(random() * 3650)) * 86_400_000);
    const renewal = i % 3 === 0 ? '' : `${due.getUTCFullYear()}-${pad(due.getUTCMonth() + 1)}-${pad(due.getUTCDate())}`;
    const tags = random() < 0.4 ? [pick(TAGS), pick(TAGS)].join(', ') : '';
    const role = i % 1000 === 0 ? 'руководитель' : i % 500 === 0 ? 'секретарь' : 'участник';
    const notes = i % 50 === 0 ? 'Позвонить после 18:00;\nговорит по-русски' : '';

    let status: GeneratedRow['status'] = 'create';
    let reason: RowReason | null = null;
    let nameCell = name;
    let emailCell = email ?? '';
    let phoneCell = phoneText;
    if (i % 131 === 130) {
      [status, reason, nameCell] = ['invalid', 'name_required', ''];
    } else if (i % 113 === 112) {
      [status, reason, emailCell] = ['invalid', 'bad_email', `${given.lat.toLowerCase()}@@example.kg`];
    } else if (i % 151 === 150) {
      [status, reason, phoneCell] = ['invalid', 'phone_truncated', '9.96555E+11'];
    }
    cells.push([nameCell, phoneCell, emailCell, countryText, city.city.ru, pick(REGIONS).labels.ru, joinedText, renewal, city.city.ru, tags, role, notes]);
    rows.push({ line, status, reason, name, email, phone, country: city.country, city: city.city.ru, duplicateOf: null });
  }

  const csv = [GENERATED_HEADER, ...cells].map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n';
  const expected: GeneratedRoster['expected'] = { rows: count, create: 0, skipped: 0, invalid: 0, byReason: {} };
  for (const r of rows) {
    if (r.status === 'create') expected.create++;
    else if (r.status === 'skip') expected.skipped++;
    else {
      expected.invalid++;
      expected.byReason[r.reason!] = (expected.byReason[r.reason!] ?? 0) + 1;
    }
  }
  return { csv, rows, expected };
}
