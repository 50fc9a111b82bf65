/**
 * Reading a leader's file into rows of strings: CSV (any of the encodings and delimiters Excel
 * and LibreOffice write) or XLSX. Older and other formats are refused with a reason, never guessed.
 *
 * Row numbers are kept as a spreadsheet shows them: `rows[i]` is row `i + 1` of the file (empty
 * rows stay, as empty arrays), so a report can say "line 17" and the leader finds it in Excel. A
 * quoted cell spanning several physical lines is one row, as in Excel.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { FILE_REASONS, MAX_FILE_BYTES, MAX_ROWS, type FileReason } from './reasons.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1251';
export type Delimiter = ';' | ',' | '\t';

export interface Table {
  /** Rows as a spreadsheet shows them: row `i + 1` of the file; trailing empty cells removed. */
  rows: string[][];
  format: 'csv' | 'xlsx';
  /** For CSV: the encoding found. XLSX is always UTF-8 inside. */
  encoding: Encoding;
  delimiter?: Delimiter;
  /** For XLSX: the sheet read, and every sheet's name (so the leader can pick another). */
  sheet?: string;
  sheets?: string[];
}

export type ReadResult = { ok: true; table: Table } | { ok: false; reason: FileReason; detail?: string };

export interface ReadOptions {
  /** XLSX: the sheet to read, by name or 0-based position; the first by default. */
  sheet?: string | number;
  maxBytes?: number;
  maxRows?: number;
}

const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'txt', '']);
const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm']);

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls, .doc (Office 97–2003)
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];

/** What the bytes are, from their first bytes and then the file name's extension. */
export function sniffType(bytes: Uint8Array, fileName: string): { type: 'csv' | 'xlsx' } | { type: null; detail: string } {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, ZIP)) {
    // .docx, .ods and .zip are ZIP too: only a spreadsheet extension is opened as XLSX.
    return XLSX_EXTENSIONS.has(ext) ? { type: 'xlsx' } : { type: null, detail: ext || 'zip' };
  }
  if (startsWith(bytes, OLE2)) return { type: null, detail: ext || 'ole2' };
  if (startsWith(bytes, PDF)) return { type: null, detail: 'pdf' };
  if (!TEXT_EXTENSIONS.has(ext)) return { type: null, detail: ext };
  if (startsWith(bytes, UTF16LE_BOM)) return { type: 'csv' };
  // Text has no NUL bytes (UTF-16 without a BOM is not something Excel writes).
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { type: null, detail: 'binary' };
  return { type: 'csv' };
}

/** Decodes CSV bytes: a BOM decides; else strict UTF-8; else Windows-1251 (Russian Excel's "CSV"). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (startsWith(bytes, UTF8_BOM)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, UTF16LE_BOM)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Any byte sequence decodes in Windows-1251; a file that is not valid UTF-8 and came from a
    // Kyrgyz or Russian Excel is Windows-1251 in practice (KOI8-R and CP866 are not written by it).
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

const trimRow = (row: string[]) => {
  let end = row.length;
  while (end > 0 && row[end - 1]!.trim() === '') end--;
  return end === row.length ? row : row.slice(0, end);
};

/**
 * The delimiter: the candidate that splits the first lines into the same number of cells (more
 * than one), as Papa Parse guesses; when no candidate is consistent (a file of one column, a
 * title line above the header), the one that occurs most.
 */
function guessDelimiter(text: string): Delimiter {
  // Excel's own hint line, `sep=;`, written by some exports: it says, no need to guess.
  const hint = /^sep=([;,\t])\r?\n/.exec(text)?.[1];
  if (hint) return hint as Delimiter;
  const head = text.slice(0, 65_536);
  const guess = Papa.parse<string[]>(head, { delimitersToGuess: [';', ',', '\t'], preview: 20 }).meta.delimiter;
  if (guess === ';' || guess === '\t' || (guess === ',' && head.includes(','))) return guess;
  const count = (d: string) => head.split(d).length - 1;
  const best = ([';', '\t', ','] as const).reduce((a, b) => (count(b) > count(a) ? b : a));
  return count(best) > 0 ? best : ',';
}

export function readCsv(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    // One more than allowed, to know the limit was passed without parsing the rest.
    preview: maxRows + 1,
  });
  const rows = parsed.data.map((r) => trimRow(r));
  // A file ending with a newline yields one last empty row: not a row of the file.
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  if (rows.length > maxRows) return { ok: false, reason: 'import_too_large', detail: `rows>${maxRows}` };
  if (rows.length === 0) return { ok: false, reason: 'import_empty' };
  const delimiter = ([';', ',', '\t'] as const).find((d) => d === parsed.meta.delimiter) ?? ',';
  return { ok: true, table: { rows, format: 'csv', encoding, delimiter } };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDate = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A number as the text a person typed: no exponent, no float noise (phones typed as numbers). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  return s.includes('e') ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

/** One XLSX cell value as text: dates as `YYYY-MM-DD`, numbers without exponent, formulas by result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) {
      const t = typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
      return t || value.hyperlink.replace(/^mailto:/i, '');
    }
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** What an XLSX may unpack to: a 20 MiB workbook of text compresses about 10:1; a bomb far more. */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;

/**
 * The total uncompressed size a ZIP declares in its central directory, or null when it cannot
 * be read (then exceljs will say the file is damaged). Checked before unpacking, so a small file
 * that inflates to gigabytes is refused instead of filling memory.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: more than 4 GiB in one entry
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

export async function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const unzipped = zipUncompressedSize(bytes);
  if (unzipped !== null && unzipped > MAX_UNZIPPED_BYTES) return { ok: false, reason: 'import_too_large', detail: `unzipped>${MAX_UNZIPPED_BYTES}` };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types want a Node Buffer; a Uint8Array view over the same memory is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, reason: 'import_unreadable', detail: e instanceof Error ? e.message.slice(0, 200) : undefined };
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const wanted = options.sheet ?? 0;
  const sheet = typeof wanted === 'number' ? workbook.worksheets[wanted] : workbook.worksheets.find((w) => w.name === wanted);
  if (!sheet) return sheets.length === 0 ? { ok: false, reason: 'import_empty' } : { ok: false, reason: 'import_empty', detail: `sheet:${String(wanted)}` };
  if (sheet.actualRowCount > maxRows) return { ok: false, reason: 'import_too_large', detail: `rows>${maxRows}` };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    while (rows.length < rowNumber - 1) rows.push([]);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      while (cells.length < col - 1) cells.push('');
      cells.push(cellText(cell.value));
    });
    rows.push(trimRow(cells));
  });
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  if (rows.length === 0) return { ok: false, reason: 'import_empty' };
  return { ok: true, table: { rows, format: 'xlsx', encoding: 'utf-8', sheet: sheet.name, sheets } };
}

/**
 * Reads a file a leader picked: refuses wrong types, oversize and empty files with a reason,
 * else returns its rows of text.
 */
export async function readTable(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.byteLength > (options.maxBytes ?? MAX_FILE_BYTES)) return { ok: false, reason: 'import_too_large', detail: `bytes>${options.maxBytes ?? MAX_FILE_BYTES}` };
  if (bytes.byteLength === 0) return { ok: false, reason: 'import_empty' };
  const kind = sniffType(bytes, fileName);
  if (kind.type === null) return { ok: false, reason: 'import_bad_type', detail: kind.detail };
  const result = kind.type === 'xlsx' ? await readXlsx(bytes, options) : readCsv(bytes, options);
  if (result.ok && result.table.rows.every((r) => r.length === 0)) return { ok: false, reason: 'import_empty' };
  return result;
}

export { FILE_REASONS };
