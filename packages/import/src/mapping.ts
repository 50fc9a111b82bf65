/**
 * Which column holds what: headers in Kyrgyz, Russian or English, matched case-, spacing- and
 * punctuation-insensitively. Detection proposes; the leader confirms or changes the mapping
 * before anything is planned (planImport takes the mapping, not the header).
 */
import { CATALOGUES, LOCALES } from '@mekendesh/i18n';
import { simpleKey } from './values.ts';

/** Where a column goes: a roster field, or a part of the name to be joined. */
export const TARGETS = [
  /** A full name ("ФИО", "Аты-жөнү", "Full name"): Cyrillic or Latin by its letters. */
  'name',
  'nameCyrillic',
  'nameLatin',
  /** Name parts in separate columns, joined as "first middle last" (as the demo data writes names). */
  'firstName',
  'middleName',
  'lastName',
  'email',
  'phone',
  'country',
  'city',
  'homeRegion',
  'homeSettlement',
  'languages',
  'skills',
  'role',
  'tags',
  'groups',
  'joinedOn',
  'renewalDate',
  'notes',
] as const;
export type Target = (typeof TARGETS)[number];

export interface ColumnMapping {
  /** 0-based column index in the file. */
  index: number;
  header: string;
  /** null: the column is ignored. */
  target: Target | null;
  /** 1 for a known header, less for a header that only contains a known word, 0 when unmapped. */
  confidence: number;
}

export interface Mapping {
  columns: ColumnMapping[];
}

/** Exact headers (compared after {@link simpleKey}). Export headers of all three languages are added below. */
const EXACT: Record<Target, string[]> = {
  name: [
    'ФИО', 'Ф.И.О.', 'Фамилия Имя', 'Фамилия Имя Отчество', 'Имя Фамилия', 'Фамилия, имя', 'Полное имя', 'Член', 'Участник',
    'Аты-жөнү', 'Аты жөнү', 'Аты-жөнүңүз', 'Толук аты', 'Аты-жөнү (толук)', 'Мүчө',
    'Name', 'Full name', 'Fullname', 'Member', 'Member name', 'Name and surname', 'Person',
  ],
  nameCyrillic: ['ФИО (кириллица)', 'ФИО кириллицей', 'Аты-жөнү (кириллица)', 'Name (Cyrillic)', 'Cyrillic name', 'Name in Cyrillic'],
  nameLatin: [
    'ФИО (латиница)', 'ФИО латиницей', 'ФИО на латинице', 'Имя латиницей', 'Аты-жөнү (латынча)', 'Аты-жөнү латынча', 'Латынча',
    'Name (Latin)', 'Latin name', 'Name in Latin', 'Name (English)', 'Name in English', 'Passport name',
  ],
  firstName: ['Имя', 'Аты', 'Атыңыз', 'First name', 'Firstname', 'Given name', 'Forename'],
  middleName: ['Отчество', 'Атасынын аты', 'Middle name', 'Patronymic'],
  lastName: ['Фамилия', 'Фамилиясы', 'Тегі', 'Last name', 'Lastname', 'Surname', 'Family name'],
  email: ['E-mail', 'Email', 'Эл. почта', 'Электронная почта', 'Электрондук почта', 'Почта', 'Эл почта', 'Е-mail', 'Mail', 'Email address', 'E-mail адрес', 'Адрес электронной почты'],
  phone: ['Телефон', 'Тел.', 'Тел', 'Моб.', 'Моб. телефон', 'Мобильный', 'Мобильный телефон', 'Номер телефона', 'Телефон номери', 'Телефону', 'Phone', 'Tel', 'Tel.', 'Telephone', 'Mobile', 'Mobile phone', 'Phone number', 'Cell', 'WhatsApp', 'Ватсап'],
  country: ['Страна', 'Страна проживания', 'Өлкө', 'Өлкөсү', 'Жашаган өлкөсү', 'Country', 'Country of residence'],
  city: ['Город', 'Город проживания', 'Шаар', 'Шаары', 'Жашаган шаары', 'City', 'Town', 'City of residence'],
  homeRegion: ['Область', 'Регион', 'Родная область', 'Облус', 'Облусу', 'Туулган облусу', 'Region', 'Oblast', 'Home region', 'Region of origin'],
  homeSettlement: ['Село', 'Родное село', 'Населенный пункт', 'Айыл', 'Айылы', 'Туулган айылы', 'Туулган жери', 'Village', 'Home village', 'Settlement', 'Home settlement', 'Home town', 'Hometown'],
  languages: ['Языки', 'Язык', 'Тилдер', 'Тилдери', 'Languages', 'Language'],
  skills: ['Навыки', 'Умения', 'Специальность', 'Профессия', 'Көндүмдөр', 'Көндүмдөрү', 'Кесиби', 'Skills', 'Profession', 'Occupation'],
  role: ['Роль', 'Роль в ассоциации', 'Ролу', 'Ролу (уюмда)', 'Role'],
  tags: ['Теги', 'Тег', 'Метки', 'Белгилер', 'Тегдер', 'Tags', 'Labels'],
  groups: ['Группа', 'Группы', 'Отделение', 'Филиал', 'Топ', 'Топтор', 'Тобу', 'Group', 'Groups', 'Branch', 'Committee'],
  joinedOn: ['Дата вступления', 'Дата регистрации', 'Вступил', 'Член с', 'Кошулган күнү', 'Мүчө болгон күнү', 'Кирген күнү', 'Joined', 'Joined on', 'Date joined', 'Join date', 'Member since', 'Joining date'],
  renewalDate: ['Оплачено до', 'Взнос оплачен до', 'Членство до', 'Дата продления', 'Действует до', 'Төлөнгөн мөөнөтү', 'Төлөндү (чейин)', 'Мүчөлүк мөөнөтү', 'Paid until', 'Paid up to', 'Dues paid until', 'Renewal date', 'Renewal', 'Expires', 'Membership expires', 'Valid until'],
  notes: ['Примечание', 'Примечания', 'Комментарий', 'Комментарии', 'Заметки', 'Эскертүү', 'Эскертме', 'Комментарий', 'Notes', 'Note', 'Comment', 'Comments', 'Remarks'],
};

/**
 * Words that decide a header containing them ("Номер мобильного телефона", "E-mail (личный)"),
 * most specific first: "телефон" before nothing else would do, "дата рождения" maps to nothing.
 */
const CONTAINS: [string, Target | null][] = [
  ['рожд', null], ['почтов', null], ['индекс', null], ['туулган күн', null], ['birth', null], ['паспорт', null], ['passport', null],
  ['латин', 'nameLatin'], ['латын', 'nameLatin'], ['latin', 'nameLatin'],
  ['кирилл', 'nameCyrillic'], ['cyrillic', 'nameCyrillic'],
  ['фио', 'name'], ['атыжөн', 'name'], ['fullname', 'name'], ['фамилияимя', 'name'],
  ['оплачен', 'renewalDate'], ['продлен', 'renewalDate'], ['paiduntil', 'renewalDate'], ['renewal', 'renewalDate'], ['төлөн', 'renewalDate'], ['мөөнөт', 'renewalDate'],
  ['вступлен', 'joinedOn'], ['joined', 'joinedOn'], ['кошулган', 'joinedOn'],
  ['email', 'email'], ['почт', 'email'], ['mail', 'email'], ['адрес', null], ['address', null],
  ['телефон', 'phone'], ['phone', 'phone'], ['mobile', 'phone'], ['мобил', 'phone'], ['whatsapp', 'phone'],
  ['фамили', 'lastName'], ['surname', 'lastName'], ['lastname', 'lastName'],
  ['отчеств', 'middleName'],
  ['firstname', 'firstName'],
  ['страна', 'country'], ['өлкө', 'country'], ['country', 'country'],
  ['город', 'city'], ['шаар', 'city'], ['city', 'city'],
  ['облус', 'homeRegion'], ['област', 'homeRegion'], ['region', 'homeRegion'], ['oblast', 'homeRegion'],
  ['село', 'homeSettlement'], ['айыл', 'homeSettlement'], ['village', 'homeSettlement'],
  ['язык', 'languages'], ['тил', 'languages'], ['language', 'languages'],
  ['навык', 'skills'], ['көндүм', 'skills'], ['skill', 'skills'],
  ['метк', 'tags'], ['tag', 'tags'],
  ['групп', 'groups'], ['group', 'groups'],
  ['примечан', 'notes'], ['коммент', 'notes'], ['эскерт', 'notes'], ['note', 'notes'], ['comment', 'notes'],
  ['роль', 'role'], ['role', 'role'],
];

const exact = new Map<string, Target>();
// Export headers first: a file this app exported maps back exactly, in any language.
for (const locale of LOCALES) {
  const catalogue = CATALOGUES[locale] as Record<string, string>;
  for (const t of TARGETS) {
    const label = catalogue[`import.column.${t}`];
    if (label && !exact.has(simpleKey(label))) exact.set(simpleKey(label), t);
  }
}
for (const [target, words] of Object.entries(EXACT) as [Target, string[]][]) {
  for (const w of words) if (!exact.has(simpleKey(w))) exact.set(simpleKey(w), target);
}

/** The target one header names, with how sure we are. */
export function detectColumn(header: string): { target: Target | null; confidence: number } {
  // A trailing "*" (required) or a leading "№" is decoration.
  const key = simpleKey(header.replace(/^\s*№\s*/, ''));
  if (!key) return { target: null, confidence: 0 };
  const hit = exact.get(key);
  if (hit) return { target: hit, confidence: 1 };
  for (const [word, target] of CONTAINS) {
    if (key.includes(simpleKey(word))) return target ? { target, confidence: 0.7 } : { target: null, confidence: 0 };
  }
  return { target: null, confidence: 0 };
}

const SINGLE: ReadonlySet<Target> = new Set(TARGETS.filter((t) => !['tags', 'groups', 'notes', 'phone', 'email'].includes(t)));

/**
 * Proposes a mapping for a header row. A field that only one column can fill (a name, a date, a
 * country) goes to the most confident column; the others with the same guess are left unmapped
 * for the leader to look at. Several columns may feed tags, groups and notes (joined), and
 * phone or email (the first filled one is taken).
 */
export function detectMapping(header: readonly string[]): Mapping {
  const columns: ColumnMapping[] = header.map((h, index) => ({ index, header: h, ...detectColumn(h) }));
  const best = new Map<Target, ColumnMapping>();
  for (const c of columns) {
    if (!c.target || !SINGLE.has(c.target)) continue;
    const had = best.get(c.target);
    if (!had || c.confidence > had.confidence) best.set(c.target, c);
  }
  for (const c of columns) {
    if (c.target && SINGLE.has(c.target) && best.get(c.target) !== c) {
      c.target = null;
      c.confidence = 0;
    }
  }
  return { columns };
}

/** How well a row reads as a header: the sum of confidences of what it maps. */
export const mappingScore = (m: Mapping) => m.columns.reduce((s, c) => s + (c.target ? c.confidence : 0), 0);

/**
 * Finds the header row among the first rows: some files open with a title ("Список членов
 * ассоциации, 2025") or a blank line above it. The first row that maps a name wins, else the
 * best-scoring one.
 */
export function detectHeader(rows: readonly (readonly string[])[], lookAhead = 10): { headerRow: number; mapping: Mapping } {
  let bestRow = rows.findIndex((r) => r.length > 0);
  if (bestRow < 0) bestRow = 0;
  let best = detectMapping(rows[bestRow] ?? []);
  let bestScore = mappingScore(best);
  for (let i = bestRow; i < Math.min(rows.length, bestRow + lookAhead); i++) {
    const m = detectMapping(rows[i]!);
    const score = mappingScore(m);
    const named = m.columns.some((c) => c.target && ['name', 'nameCyrillic', 'nameLatin', 'firstName', 'lastName'].includes(c.target));
    if (named && score >= 2) return { headerRow: i, mapping: m };
    if (score > bestScore) [bestRow, best, bestScore] = [i, m, score];
  }
  return { headerRow: bestRow, mapping: best };
}

/** The mapping with one column sent elsewhere (or ignored, with `null`): the leader's override. */
export function remap(mapping: Mapping, index: number, target: Target | null): Mapping {
  return { columns: mapping.columns.map((c) => (c.index === index ? { ...c, target, confidence: target ? 1 : 0 } : c)) };
}
