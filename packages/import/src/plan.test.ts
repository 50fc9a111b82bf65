import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROSTER_FIELDS, RosterEntryFieldsSchema, type RosterFields } from '@mekendesh/core';
import { CATALOGUES, LOCALES, t } from '@mekendesh/i18n';
import { detectHeader } from './mapping.ts';
import { mergeFields, planImport, type ExistingEntry, type PlanInput } from './plan.ts';
import { readTable } from './read.ts';
import { FILE_REASONS, ROW_REASONS, fileReasonKey, rowReasonKey } from './reasons.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url)));

async function plan(name: string, extra: Partial<PlanInput> = {}) {
  const r = await readTable(fixture(name), name);
  if (!r.ok) throw new Error(r.reason);
  const { headerRow, mapping } = detectHeader(r.table.rows);
  const p = planImport({ rows: r.table.rows, mapping, headerRow, ...extra });
  // Whatever the plan would create passes the roster's own schema.
  for (const c of [...p.creates, ...p.merges]) expect(RosterEntryFieldsSchema.safeParse(c.fields).success, JSON.stringify(c)).toBe(true);
  return { plan: p, table: r.table };
}

const entry = (fields: Partial<RosterFields>, id = 'existing-0001'): ExistingEntry => ({ ...EMPTY_ROSTER_FIELDS, ...fields, id });

describe('planImport over the fixtures', () => {
  it('Kyrgyz file with a BOM: every field converted', async () => {
    const { plan: p } = await plan('utf8-bom.csv');
    expect(p.summary).toMatchObject({ rows: 3, create: 3, invalid: 0 });
    expect(p.creates[0]).toEqual({
      line: 2,
      fields: {
        ...EMPTY_ROSTER_FIELDS,
        nameCyrillic: 'Айгүл Токтогулова',
        phone: '+996555123456',
        email: 'aigul@example.kg',
        country: 'RU',
        city: 'Москва',
        homeRegion: 'osh',
        homeSettlement: 'osh.kashkaldak',
        role: 'member',
        tags: ['ыктыярчы'],
        joinedOn: '2021-03-05',
      },
    });
    expect(p.creates[1]!.fields).toMatchObject({ role: 'leader', country: 'TR', homeRegion: 'naryn', tags: ['демөөрчү', 'ыктыярчы'], joinedOn: '2019-11-20' });
    expect(p.creates[2]!.fields).toMatchObject({ role: 'secretary', country: 'KZ', homeRegion: 'chui', email: null, phone: '+996770123456', joinedOn: '2020-02-01' });
  });

  it('English file with name parts joined into a Latin name', async () => {
    const { plan: p } = await plan('utf8-nobom.csv');
    expect(p.summary.create).toBe(3);
    expect(p.creates[0]!.fields).toMatchObject({ nameLatin: 'Aibek Toktogulov', nameCyrillic: null, phone: '+12125550123', country: 'US', homeRegion: 'talas', role: 'leader', groups: ['Board'], joinedOn: '2018-04-01', renewalDate: '2026-04-01' });
    expect(p.creates[1]!.fields).toMatchObject({ phone: '+442079460958', country: 'GB', homeRegion: 'issyk_kul' });
    expect(p.creates[2]!.fields).toMatchObject({ country: 'KG', homeRegion: 'bishkek_city', role: 'secretary', joinedOn: '2022-01-12' });
  });

  it('Windows-1251: Russian numbers with 8, country aliases', async () => {
    const { plan: p } = await plan('windows-1251.csv');
    expect(p.creates.map((c) => [c.fields.nameCyrillic, c.fields.phone, c.fields.country, c.fields.homeRegion])).toEqual([
      ['Иванова Анна Сергеевна', '+79161234567', 'RU', 'chui'],
      ['Асанов Эрлан', '+79167654321', 'RU', 'issyk_kul'],
      ['Жумабаева Чолпон', '+996555111222', 'KG', 'bishkek_city'],
    ]);
    expect(p.creates[0]!.fields.renewalDate).toBe('2026-01-15');
  });

  it('Фамилия + Имя + Отчество joined; tags and groups split', async () => {
    const { plan: p } = await plan('semicolon.csv');
    expect(p.creates[0]!.fields).toMatchObject({ nameCyrillic: 'Айбек Жумабекович Токтогулов', tags: ['волонтёр', 'спонсор'], groups: ['Стамбул', 'Анкара'], role: 'leader' });
    expect(p.creates[1]!.fields.nameCyrillic).toBe('Гүлзат Осмонова');
  });

  it('quoted new lines stay in the note; lines count as Excel rows', async () => {
    const { plan: p } = await plan('quoted-newlines.csv');
    expect(p.creates.map((c) => c.line)).toEqual([2, 3]);
    expect(p.creates[0]!.fields.notes).toBe('Первая строка\nвторая строка с "кавычками"\nтретья');
  });

  it('empty lines are skipped without a report and do not shift line numbers', async () => {
    const { plan: p } = await plan('trailing-empty-columns.csv');
    expect(p.summary.rows).toBe(3);
    expect(p.creates.map((c) => [c.line, c.fields.nameCyrillic])).toEqual([[2, 'Абдыкадыров Марат'], [4, 'Касымалиева Айжан'], [6, 'Сатыбалдиев Бакыт']]);
  });

  it('a title above the header', async () => {
    const { plan: p } = await plan('title-row.csv');
    expect(p.creates).toEqual([{ line: 4, fields: expect.objectContaining({ nameCyrillic: 'Маматов Эркин', city: 'Новосибирск', country: 'RU', phone: '+996555121212' }) }]);
  });

  it('phones.csv: every format to its expected E.164 or reason', async () => {
    const { plan: p, table } = await plan('phones.csv');
    for (const report of p.rows) {
      const expected = table.rows[report.line - 1]![3]!;
      if (expected.startsWith('+')) expect(report.fields?.phone, `line ${report.line}`).toBe(expected);
      else expect(report.issues.map((i) => i.reason), `line ${report.line}`).toEqual([expected]);
    }
    expect(p.rows).toHaveLength(20);
  });

  it('the XLSX: number-typed phones, date cells, an Excel day number, Latin names', async () => {
    const { plan: p } = await plan('roster.xlsx');
    expect(p.summary).toMatchObject({ rows: 3, create: 3, invalid: 0 });
    expect(p.creates.map((c) => c.line)).toEqual([2, 3, 5]);
    expect(p.creates[0]!.fields).toMatchObject({ nameCyrillic: 'Айгүл Токтогулова', nameLatin: 'Aigul Toktogulova', phone: '+996555123456', joinedOn: '2021-03-05', renewalDate: '2026-03-05', groups: ['Москва'] });
    expect(p.creates[1]!.fields).toMatchObject({ nameCyrillic: 'Нурбек Үсөнов', email: 'nurbek@example.kg', country: 'KG', joinedOn: '2022-01-12', renewalDate: '2023-01-12' });
    expect(p.creates[2]!.fields).toMatchObject({ phone: '+79161234567', country: 'RU', joinedOn: '2021-01-01' });
  });

  it('malformed.csv: one report per bad row with line, column, field and reason', async () => {
    const { plan: p } = await plan('malformed.csv');
    const issues = p.rows.filter((r) => r.status === 'invalid').flatMap((r) => r.issues.map((i) => [i.line, i.column, i.field, i.reason, i.value]));
    expect(issues).toEqual([
      [3, null, 'name', 'name_required', ''],
      [4, 2, 'phone', 'bad_phone', '12345'],
      [5, 3, 'email', 'bad_email', 'bad@@example'],
      [6, 6, 'joinedOn', 'bad_date', '31.02.2020'],
      [7, 4, 'country', 'unknown_country', 'Атлантида'],
      [8, 5, 'homeRegion', 'unknown_region', 'Северная область'],
      [9, 7, 'role', 'unknown_role', 'император'],
      [11, 8, 'tags', 'label_too_long', 'это очень длинная метка длиннее сорока символов без сомнения'],
      [12, 3, 'email', 'bad_email', 'nope'],
      [12, 2, 'phone', 'bad_phone', '0'],
      [12, 6, 'joinedOn', 'bad_date', '99.99.9999'],
    ]);
    expect(p.rows.find((r) => r.line === 4)!.issues[0]!.header).toBe('Телефон');
    expect(p.summary).toMatchObject({ rows: 11, create: 1, skipped: 1, invalid: 9 });
    expect(p.summary.byReason).toEqual({ name_required: 1, bad_phone: 2, bad_email: 2, bad_date: 2, unknown_country: 1, unknown_region: 1, unknown_role: 1, label_too_long: 1 });
    expect(p.rows.find((r) => r.line === 10)).toMatchObject({ status: 'skip', duplicate: { key: 'email', of: { line: 2 } } });
  });

  it('dropInvalidValues: the row is kept without the bad value, the issue still reported', async () => {
    const { plan: p } = await plan('malformed.csv', { dropInvalidValues: true });
    const row = p.rows.find((r) => r.line === 4)!;
    expect(row).toMatchObject({ status: 'create', fields: expect.objectContaining({ phone: null, email: 'bad.phone@example.kg' }) });
    expect(row.issues.map((i) => i.reason)).toEqual(['bad_phone']);
    expect(p.rows.find((r) => r.line === 3)!.status).toBe('invalid'); // no name: nothing to keep
  });
});

describe('duplicates', () => {
  const header = ['ФИО', 'Телефон', 'E-mail', 'Город', 'Теги', 'Группа', 'Дата вступления'];
  const rows = [
    header,
    ['Токтогулов Айбек', '0555 123 456', 'aibek@example.kg', 'Москва', 'волонтёр', '', ''],
    ['Aibek Toktogulov', '', '', 'Moskva', 'спонсор', 'Правление', '01.02.2020'], // same name + city, other script and order
    ['Асанова Бермет', '+996 555 123 456', '', 'Казань', '', '', ''], // same phone as line 2
    ['Асанова Бермет', '0700 000 001', 'AIBEK@example.kg', 'Казань', '', '', ''], // same email as line 2
    ['Токтогулов Айбек', '0555 000 999', '', 'Москва', '', '', ''], // same name and city but another phone: another person
    ['Кадыров Марат', '0555 777 888', 'marat@example.kg', 'Бишкек', 'новый', '', ''], // in the roster already
  ];
  const { mapping } = detectHeader(rows);
  const existing = [entry({ nameCyrillic: 'Марат Кадыров', email: 'marat@example.kg', city: 'Бишкек', tags: ['старый'] }, 'entry-marat-01')];

  it('found within the file and against the roster, each with its key and where; skipped by default', () => {
    const p = planImport({ rows, mapping, existing });
    expect(p.rows.map((r) => [r.line, r.status, r.duplicate])).toEqual([
      [2, 'create', null],
      [3, 'skip', { key: 'name_city', of: { line: 2 } }],
      [4, 'skip', { key: 'phone', of: { line: 2 } }],
      [5, 'skip', { key: 'email', of: { line: 2 } }],
      [6, 'create', null],
      [7, 'skip', { key: 'email', of: { existingId: 'entry-marat-01' } }],
    ]);
    expect(p.summary).toMatchObject({ create: 2, merge: 0, skipped: 4, duplicates: { email: 2, phone: 1, name_city: 1 } });
    expect(p.merges).toEqual([]);
  });

  it('merge, chosen per line: fills empty fields and unions tags and groups, never overwrites', () => {
    const p = planImport({ rows, mapping, existing, decisions: { 3: 'merge', 7: 'merge' } });
    expect(p.rows.map((r) => r.status)).toEqual(['create', 'merge', 'skip', 'skip', 'create', 'merge']);
    expect(p.creates[0]!.fields).toMatchObject({ nameCyrillic: 'Токтогулов Айбек', nameLatin: 'Aibek Toktogulov', city: 'Москва', tags: ['волонтёр', 'спонсор'], groups: ['Правление'], joinedOn: '2020-02-01', phone: '+996555123456' });
    expect(p.merges).toEqual([
      { existingId: 'entry-marat-01', lines: [7], fields: expect.objectContaining({ nameCyrillic: 'Марат Кадыров', phone: '+996555777888', tags: ['старый', 'новый'] }) },
    ]);
    expect(p.summary).toMatchObject({ create: 2, merge: 2, skipped: 2 });
  });

  it('onDuplicate: merge for all', () => {
    const p = planImport({ rows, mapping, existing, onDuplicate: 'merge' });
    expect(p.summary).toMatchObject({ create: 2, merge: 4, skipped: 0 });
    expect(p.creates[0]!.fields.tags).toEqual(['волонтёр', 'спонсор']);
  });

  it('mergeFields keeps what the entry has', () => {
    const a: RosterFields = { ...EMPTY_ROSTER_FIELDS, nameCyrillic: 'А', role: 'leader', tags: ['x'], languages: ['ky'] };
    const b: RosterFields = { ...EMPTY_ROSTER_FIELDS, nameCyrillic: 'Б', nameLatin: 'B', role: 'member', tags: ['X', 'y'], languages: ['ru'], notes: 'n' };
    expect(mergeFields(a, b)).toEqual({ ...a, nameLatin: 'B', tags: ['x', 'y'], notes: 'n' });
  });
});

describe('defaults and messages', () => {
  it('defaults fill empty cells; default tags are added to every row', () => {
    const p = planImport({
      rows: [['ФИО', 'Страна', 'Теги'], ['Айбек', '', 'a'], ['Бермет', 'Казахстан', '']],
      mapping: detectHeader([['ФИО', 'Страна', 'Теги']]).mapping,
      defaults: { country: 'TR', role: 'member', tags: ['импорт-2025'] },
    });
    expect(p.creates.map((c) => [c.fields.country, c.fields.tags])).toEqual([['TR', ['a', 'импорт-2025']], ['KZ', ['импорт-2025']]]);
  });

  it('the summary reads in each language', () => {
    const args = { rows: 21, create: 18, merge: 1, skipped: 1, invalid: 1 };
    expect(t('ru', 'import.summary', args)).toBe('21 строка: новых 18, объединить 1, пропустить 1, с ошибками 1.');
    expect(t('en', 'import.summary', { ...args, rows: 1 })).toBe('1 row: 18 new, 1 to merge, 1 skipped, 1 with errors.');
    expect(t('ky', 'import.summary', args)).toContain('21 сап');
  });

  it('every reason has a message in ky, ru and en', () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(CATALOGUES[locale]);
      for (const r of ROW_REASONS) expect(keys, `${locale} ${r}`).toContain(rowReasonKey(r));
      for (const r of FILE_REASONS) expect(keys, `${locale} ${r}`).toContain(fileReasonKey(r));
    }
  });
});

describe('cells with two contacts', () => {
  it('the first good one is kept, the others go to the notes', () => {
    const rows = [
      ['ФИО', 'Телефон', 'E-mail', 'Примечание'],
      ['Айбек Токтогулов', '0555 123 456, +7 916 123 45 67', 'aibek@example.kg; aibek.work@example.com', 'староста'],
      ['Бермет Асанова', 'нет; 0700 111 222', 'bermet@example.kg', ''],
      ['Марат Кадыров', '996555777888,0', '', ''],
    ];
    const p = planImport({ rows, mapping: detectHeader(rows).mapping });
    expect(p.creates.map((c) => [c.fields.phone, c.fields.email, c.fields.notes])).toEqual([
      ['+996555123456', 'aibek@example.kg', 'староста\naibek.work@example.com\n+7 916 123 45 67'],
      ['+996700111222', 'bermet@example.kg', null], // the library finds the number in the text; "нет" is noise
      ['+996555777888', null, null],
    ]);
  });
});
