import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_UNZIPPED_BYTES, numberText, readTable, zipUncompressedSize, type ReadResult, type Table } from './read.ts';
import { MAX_FILE_BYTES } from './reasons.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url)));
const read = (name: string) => readTable(fixture(name), name);
const table = async (name: string): Promise<Table> => {
  const r: ReadResult = await read(name);
  if (!r.ok) throw new Error(`${name}: ${r.reason}`);
  return r.table;
};

describe('readTable: CSV', () => {
  it('UTF-8 with a BOM: the BOM is not part of the first header; Kyrgyz letters intact', async () => {
    const t = await table('utf8-bom.csv');
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.delimiter).toBe(';');
    expect(t.rows[0]![0]).toBe('Аты-жөнү');
    expect(t.rows[2]![0]).toBe('Нурбек Үсөнов');
    expect(t.rows).toHaveLength(4);
  });

  it('UTF-8 without a BOM, comma-delimited', async () => {
    const t = await table('utf8-nobom.csv');
    expect(t.encoding).toBe('utf-8');
    expect(t.delimiter).toBe(',');
    expect(t.rows[0]).toEqual(['First name', 'Last name', 'Phone', 'Email', 'Country', 'City', 'Home region', 'Role', 'Groups', 'Joined', 'Paid until']);
    expect(t.rows[2]!.length).toBe(10); // empty "Paid until" at the end of the row: trimmed
  });

  it('Windows-1251 (Russian Excel) with CRLF: decoded, ё included', async () => {
    const t = await table('windows-1251.csv');
    expect(t.encoding).toBe('windows-1251');
    expect(t.delimiter).toBe(';');
    expect(t.rows[0]![0]).toBe('ФИО');
    expect(t.rows[1]![0]).toBe('Иванова Анна Сергеевна');
    expect(t.rows[3]![8]).toBe('Ёлка, ёж — буква ё');
    expect(t.rows.flat().some((c) => c.includes('\r'))).toBe(false);
  });

  it('semicolons with commas inside values', async () => {
    const t = await table('semicolon.csv');
    expect(t.delimiter).toBe(';');
    expect(t.rows[1]![7]).toBe('волонтёр, спонсор');
  });

  it('CRLF line ends and a quoted comma', async () => {
    const t = await table('crlf.csv');
    expect(t.delimiter).toBe(',');
    expect(t.rows[1]).toEqual(['Asel Kasymova', '+996 555 000 111', 'asel@example.kg', 'Seoul', 'Works in Incheon, commutes']);
    expect(t.rows.flat().some((c) => c.includes('\r'))).toBe(false);
  });

  it('quoted new lines and doubled quotes: one row, numbered as Excel shows it', async () => {
    const t = await table('quoted-newlines.csv');
    expect(t.rows).toHaveLength(3);
    expect(t.rows[1]![2]).toBe('Первая строка\nвторая строка с "кавычками"\nтретья');
    expect(t.rows[2]![0]).toBe('Бекмуратов Улан');
  });

  it('trailing empty columns are dropped; empty lines stay as empty rows (line numbers hold)', async () => {
    const t = await table('trailing-empty-columns.csv');
    expect(t.rows[0]).toEqual(['ФИО', 'Телефон', 'Город']);
    expect(t.rows[1]).toEqual(['Абдыкадыров Марат', '0555 666 777', 'Москва']);
    expect(t.rows[2]).toEqual([]);
    expect(t.rows[3]![0]).toBe('Касымалиева Айжан');
    expect(t.rows[5]![0]).toBe('Сатыбалдиев Бакыт');
    expect(t.rows).toHaveLength(6); // the last all-empty line is not a row
  });

  it("Excel's sep= hint line decides the delimiter; the line stays row 1 and is not taken for the header", async () => {
    const r = await readTable(new TextEncoder().encode('sep=,\r\nФИО,Город\r\nАйбек Токтогулов,Бишкек\r\n'), 'hint.csv');
    expect(r.ok && r.table.delimiter).toBe(',');
    expect(r.ok && r.table.rows).toEqual([['sep='], ['ФИО', 'Город'], ['Айбек Токтогулов', 'Бишкек']]);
  });

  it("Excel's Unicode text (UTF-16 LE, tabs)", async () => {
    const t = await table('unicode-text.txt');
    expect(t.encoding).toBe('utf-16le');
    expect(t.delimiter).toBe('\t');
    expect(t.rows[1]).toEqual(['Төрөбаев Үмөт', '0555 303 303', 'Бишкек']);
  });
});

describe('readTable: XLSX', () => {
  it('first sheet by default, sheet names listed; dates as YYYY-MM-DD, numbers without exponent, rich text, links, formulas', async () => {
    const t = await table('roster.xlsx');
    expect(t.format).toBe('xlsx');
    expect(t.sheet).toBe('Мүчөлөр');
    expect(t.sheets).toEqual(['Мүчөлөр', 'Архив']);
    expect(t.rows[0]![0]).toBe('Аты-жөнү');
    expect(t.rows[1]!.slice(2, 8)).toEqual(['996555123456', 'aigul@example.kg', 'Россия', 'Москва', '2021-03-05', '2026-03-05']);
    expect(t.rows[2]![0]).toBe('Нурбек Үсөнов');
    expect(t.rows[2]![3]).toBe('nurbek@example.kg');
    expect(t.rows[2]![7]).toBe('2023-01-12');
    expect(t.rows[3]).toEqual([]); // the empty row keeps its place
    expect(t.rows[4]![2]).toBe('79161234567');
    expect(t.rows[4]![6]).toBe('44197'); // an Excel day number in a number-formatted cell: planImport reads it as a date
  });

  it('another sheet by name', async () => {
    const r = await readTable(fixture('roster.xlsx'), 'roster.xlsx', { sheet: 'Архив' });
    expect(r.ok && r.table.rows[1]).toEqual(['Архивный Член', '0555 999 999']);
  });

  it('numbers typed into cells come back as the digits typed', () => {
    expect(numberText(996555123456)).toBe('996555123456');
    expect(numberText(9.96555123456e11)).toBe('996555123456');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(0.5)).toBe('0.5');
  });
});

describe('readTable: refusals', () => {
  it.each([
    ['roster.pdf', 'import_bad_type'],
    ['roster.xls', 'import_bad_type'],
    ['roster.docx', 'import_bad_type'],
    ['empty.csv', 'import_empty'],
    ['blank-lines.csv', 'import_empty'],
  ])('%s → %s', async (name, reason) => {
    const r = await read(name);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });

  it('a spreadsheet by content but an unknown extension, or an XLSX renamed .csv, is refused', async () => {
    expect(await readTable(fixture('utf8-bom.csv'), 'roster.json')).toMatchObject({ ok: false, reason: 'import_bad_type' });
    expect(await readTable(fixture('roster.xlsx'), 'roster.csv')).toMatchObject({ ok: false, reason: 'import_bad_type' });
  });

  it('an XLSX that would unpack to more than the limit is refused before unpacking', async () => {
    const bytes = fixture('roster.xlsx');
    const declared = zipUncompressedSize(bytes)!;
    expect(declared).toBeGreaterThan(bytes.byteLength); // the real sizes, read from the central directory
    expect(declared).toBeLessThan(MAX_UNZIPPED_BYTES);
    // Declare 300 MiB for every entry in the central directory (what a zip bomb looks like).
    const bomb = bytes.slice();
    const view = new DataView(bomb.buffer);
    for (let i = 0; i + 4 <= bomb.byteLength; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 300 * 2 ** 20, true);
    expect(zipUncompressedSize(bomb)).toBeGreaterThan(MAX_UNZIPPED_BYTES);
    expect(await readTable(bomb, 'bomb.xlsx')).toMatchObject({ ok: false, reason: 'import_too_large' });
  });

  it('a damaged XLSX is unreadable, not a crash', async () => {
    const bytes = fixture('roster.xlsx').slice(0, 600);
    expect(await readTable(bytes, 'roster.xlsx')).toMatchObject({ ok: false, reason: 'import_unreadable' });
  });

  it('too large: by bytes (before parsing) and by rows', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
    expect(await readTable(big, 'big.csv')).toMatchObject({ ok: false, reason: 'import_too_large' });
    const rows = new TextEncoder().encode(`ФИО\n${'Айбек\n'.repeat(30)}`);
    expect(await readTable(rows, 'rows.csv', { maxRows: 20 })).toMatchObject({ ok: false, reason: 'import_too_large' });
    expect(await readTable(rows, 'rows.csv', { maxRows: 31 })).toMatchObject({ ok: true });
  });
});
