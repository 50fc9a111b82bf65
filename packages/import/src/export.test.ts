import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { EMPTY_ROSTER_FIELDS, type RosterFields } from '@mekendesh/core';
import type { Locale } from '@mekendesh/i18n';
import { exportRoster, type ExportColumn } from './export.ts';
import { detectHeader } from './mapping.ts';
import { planImport } from './plan.ts';
import { readTable } from './read.ts';

const ALL: ExportColumn[] = ['nameCyrillic', 'nameLatin', 'email', 'phone', 'country', 'city', 'homeRegion', 'homeSettlement', 'languages', 'skills', 'role', 'tags', 'groups', 'joinedOn', 'renewalDate', 'notes'];

const ENTRIES: RosterFields[] = [
  {
    nameCyrillic: 'Айгүл Токтогулова',
    nameLatin: 'Aigul Toktogulova',
    email: 'aigul@example.kg',
    phone: '+996555123456',
    country: 'RU',
    city: 'Москва',
    homeRegion: 'osh',
    homeSettlement: 'osh.kashkaldak',
    languages: ['ky', 'ru'],
    skills: ['trade.import_export', 'construction.welding'],
    role: 'leader',
    tags: ['ыктыярчы', 'демөөрчү'],
    groups: ['Правление'],
    joinedOn: '2021-03-05',
    renewalDate: '2026-03-05',
    notes: 'Первая строка; "кавычки"\nвторая строка',
  },
  { ...EMPTY_ROSTER_FIELDS, nameLatin: 'John Smith', phone: '+12125550123', country: 'US', city: 'New York', role: 'secretary' },
  { ...EMPTY_ROSTER_FIELDS, nameCyrillic: 'Нурбек Үсөнов', phone: '+79161234567', notes: '=1+1 is not a formula', tags: ['-минус'] },
];

async function roundTrip(format: 'csv' | 'xlsx', locale: Locale, columns = ALL) {
  const bytes = await exportRoster(ENTRIES, columns, format, locale);
  const r = await readTable(bytes, `roster.${format}`);
  if (!r.ok) throw new Error(r.reason);
  const { headerRow, mapping } = detectHeader(r.table.rows);
  expect(mapping.columns.map((c) => c.target)).toEqual(columns);
  return { bytes, table: r.table, plan: planImport({ rows: r.table.rows, mapping, headerRow }) };
}

describe('exportRoster', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    for (const locale of ['ky', 'ru', 'en'] as const) {
      it(`${format}, ${locale}: export then import gives the same entries`, async () => {
        const { plan } = await roundTrip(format, locale);
        expect(plan.summary).toMatchObject({ create: 3, invalid: 0 });
        expect(plan.creates.map((c) => c.fields)).toEqual(ENTRIES);
      });
    }
  }

  it('CSV for Excel: UTF-8 BOM, semicolons, CRLF, headers and values in the locale, lists joined with ", "', async () => {
    const bytes = await exportRoster(ENTRIES, ['nameCyrillic', 'phone', 'country', 'role', 'languages', 'tags', 'joinedOn'], 'csv', 'ru');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('ФИО (кириллица);Телефон;Страна проживания;Роль;Языки;Метки;Дата вступления');
    expect(lines[1]).toBe('Айгүл Токтогулова;+996 555 123 456;Россия;Руководитель;Кыргызский, Русский;ыктыярчы, демөөрчү;2021-03-05');
    expect(lines[3]).toBe("Нурбек Үсөнов;+7 916 123 45 67;;Участник;;'-минус;");
  });

  it('CSV: a cell that starts like a formula gets a leading apostrophe (and import strips it)', async () => {
    const { table, plan } = await roundTrip('csv', 'en');
    expect(table.rows[3]![15]).toBe("'=1+1 is not a formula");
    expect(plan.creates[2]!.fields.notes).toBe('=1+1 is not a formula');
  });

  it('CSV with commas for English-language Excel', async () => {
    const bytes = await exportRoster(ENTRIES.slice(1, 2), ['nameLatin', 'city'], 'csv', 'en', { delimiter: ',' });
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFName (Latin),City of residence\r\nJohn Smith,New York\r\n');
  });

  it('only the columns asked for, in their order', async () => {
    const { table } = await roundTrip('csv', 'ky', ['city', 'nameCyrillic', 'nameLatin']);
    expect(table.rows[0]).toEqual(['Жашаган шаары', 'Аты-жөнү (кириллица)', 'Аты-жөнү (латынча)']);
    expect(table.rows[1]).toEqual(['Москва', 'Айгүл Токтогулова', 'Aigul Toktogulova']);
  });

  it('XLSX: a bold header row, phones as text, dates as date cells', async () => {
    const bytes = await exportRoster(ENTRIES, ['nameCyrillic', 'phone', 'joinedOn'], 'xlsx', 'ky');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A1').value).toBe('Аты-жөнү (кириллица)');
    expect(sheet.getCell('B2').value).toBe('+996 555 123 456');
    expect(sheet.getCell('C2').value).toEqual(new Date('2021-03-05T00:00:00Z'));
    expect(sheet.getCell('C2').numFmt).toBe('dd.mm.yyyy');
  });
});
