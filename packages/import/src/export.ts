/**
 * Exporting the roster as CSV or XLSX with headers and values in the leader's language.
 *
 * CSV choices (for Excel, which is what leaders open it with):
 * - UTF-8 **with a BOM**: without it Excel reads a CSV in the system's ANSI code page
 *   (Windows-1251 on Russian Windows), which has no ү, ө or ң: Kyrgyz names would be garbled.
 * - `;` as the delimiter by default: Excel splits a double-clicked CSV on the system's list
 *   separator, which is `;` wherever the decimal separator is a comma (ru-RU, ky-KG, most of
 *   Europe, Türkiye). Pass `delimiter: ','` for en-US/UK systems. A `sep=;` first line would
 *   work everywhere but makes Excel ignore the BOM, so it is not used.
 * - CRLF line ends and RFC 4180 quoting; a cell starting with `=`, `+`, `-` or `@` (other than a
 *   phone number) gets a leading `'` so Excel does not run it as a formula (our import strips it).
 * - Phones in international format with spaces (`+996 555 123 456`): written as digits, Excel
 *   would turn them into numbers and lose the `+` (and digits, in exponent form).
 * XLSX keeps every value as text except dates (real date cells), so it round-trips exactly: it
 * is the format to recommend to leaders who edit in Excel.
 */
import ExcelJS from 'exceljs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { COUNTRIES, LANGUAGES, REGIONS, SETTLEMENTS, SKILLS, type RosterFields } from '@mekendesh/core';
import { t, type Locale, type MessageKey } from '@mekendesh/i18n';

export type ExportColumn = keyof RosterFields;
export type ExportFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  /** CSV only; `;` by default (see above). */
  delimiter?: ';' | ',' | '\t';
  /** XLSX only: the sheet's name. */
  sheetName?: string;
}

const labelsOf = (rows: readonly { id: string; labels: Record<Locale, string> }[]) => new Map(rows.map((r) => [r.id, r.labels]));
const COUNTRY = labelsOf(COUNTRIES);
const REGION = labelsOf(REGIONS);
const SETTLEMENT = labelsOf(SETTLEMENTS);
const LANGUAGE = labelsOf(LANGUAGES);
const SKILL = labelsOf(SKILLS);

export const columnHeader = (column: ExportColumn, locale: Locale) => t(locale, `import.column.${column}` as MessageKey);

function phoneText(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** A field's value as text in `locale` (dates stay `YYYY-MM-DD`, lists joined with `, `). */
export function exportValue(fields: RosterFields, column: ExportColumn, locale: Locale): string {
  const label = (map: Map<string, Record<Locale, string>>, id: string | null) => (id ? (map.get(id)?.[locale] ?? id) : '');
  switch (column) {
    case 'phone':
      return fields.phone ? phoneText(fields.phone) : '';
    case 'country':
      return label(COUNTRY, fields.country);
    case 'homeRegion':
      return label(REGION, fields.homeRegion);
    case 'homeSettlement':
      return label(SETTLEMENT, fields.homeSettlement);
    case 'languages':
      return fields.languages.map((id) => label(LANGUAGE, id)).join(', ');
    case 'skills':
      return fields.skills.map((id) => label(SKILL, id)).join(', ');
    case 'role':
      return t(locale, `import.role.${fields.role}` as MessageKey);
    case 'tags':
    case 'groups':
      return fields[column].join(', ');
    default:
      return fields[column] ?? '';
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PHONE_LIKE = /^\+[\d ]+$/;

function csvCell(value: string, delimiter: string): string {
  let v = value;
  if (FORMULA_START.test(v) && !PHONE_LIKE.test(v)) v = `'${v}`;
  return v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function exportRosterCsv(entries: readonly RosterFields[], columns: readonly ExportColumn[], locale: Locale, options: ExportOptions = {}): Uint8Array {
  const d = options.delimiter ?? ';';
  const lines = [columns.map((c) => csvCell(columnHeader(c, locale), d)).join(d)];
  for (const e of entries) lines.push(columns.map((c) => csvCell(exportValue(e, c, locale), d)).join(d));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

const DATE_COLUMNS: ReadonlySet<ExportColumn> = new Set(['joinedOn', 'renewalDate']);

export async function exportRosterXlsx(entries: readonly RosterFields[], columns: readonly ExportColumn[], locale: Locale, options: ExportOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mekendesh';
  const sheet = workbook.addWorksheet(options.sheetName ?? t(locale, 'app.name'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: columnHeader(c, locale),
    key: c,
    width: DATE_COLUMNS.has(c) ? 12 : c === 'notes' ? 40 : 22,
    // Dates as Kyrgyz and Russian readers write them; ISO for English.
    style: DATE_COLUMNS.has(c) ? { numFmt: locale === 'en' ? 'yyyy-mm-dd' : 'dd.mm.yyyy' } : { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) {
    sheet.addRow(
      columns.map((c) => {
        if (DATE_COLUMNS.has(c)) {
          const v = e[c as 'joinedOn' | 'renewalDate'];
          return v ? new Date(`${v}T00:00:00Z`) : null;
        }
        const v = exportValue(e, c, locale);
        return v === '' ? null : v;
      }),
    );
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** The roster as a file: `columns` are the fields the caller may share, in order. */
export async function exportRoster(
  entries: readonly RosterFields[],
  columns: readonly ExportColumn[],
  format: ExportFormat,
  locale: Locale,
  options: ExportOptions = {},
): Promise<Uint8Array> {
  return format === 'csv' ? exportRosterCsv(entries, columns, locale, options) : exportRosterXlsx(entries, columns, locale, options);
}
