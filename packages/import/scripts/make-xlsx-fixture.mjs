// Writes tests/fixtures/import/roster.xlsx the way leaders' workbooks come: a second sheet,
// phones typed as numbers, real date cells, a formula, rich text, a mailto: hyperlink, an
// empty row, and a column Excel formats as text. Run: node packages/import/scripts/make-xlsx-fixture.mjs
// (JavaScript, not TypeScript: packages/ sources may not import node:*, and this writes a file.)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const wb = new ExcelJS.Workbook();
wb.creator = 'fixture';
// Fixed dates so the file's bytes only change when this script does.
wb.created = new Date(Date.UTC(2025, 0, 1));
wb.modified = new Date(Date.UTC(2025, 0, 1));
const ws = wb.addWorksheet('Мүчөлөр');
ws.addRow(['Аты-жөнү', 'Name (Latin)', 'Телефон', 'E-mail', 'Өлкө', 'Шаар', 'Дата вступления', 'Оплачено до', 'Группа', 'Примечание']);
ws.addRow(['Айгүл Токтогулова', 'Aigul Toktogulova', 996555123456, 'aigul@example.kg', 'Россия', 'Москва', new Date(Date.UTC(2021, 2, 5)), new Date(Date.UTC(2026, 2, 5)), 'Москва', 'Телефон введён как число']);
ws.addRow([
  { richText: [{ text: 'Нурбек ', font: { bold: true } }, { text: 'Үсөнов' }] },
  'Nurbek Usonov',
  '+996 700 123 456',
  { text: 'nurbek@example.kg', hyperlink: 'mailto:nurbek@example.kg' },
  'KG',
  'Бишкек',
  '12.01.2022',
  { formula: 'G3+365', result: new Date(Date.UTC(2023, 0, 12)) },
  'Бишкек',
  null,
]);
ws.addRow([]);
ws.addRow(['Жылдыз Өмүрбекова', null, 79161234567, 'zhyldyz@example.ru', 'Russia', 'Казань', 44197, null, null, 'Дата вступления как число Excel']);
ws.getCell('G5').numFmt = '0';
const other = wb.addWorksheet('Архив');
other.addRow(['ФИО', 'Телефон']);
other.addRow(['Архивный Член', '0555 999 999']);
const buffer = await wb.xlsx.writeBuffer();
const out = fileURLToPath(new URL('../../../tests/fixtures/import/roster.xlsx', import.meta.url));
writeFileSync(out, Buffer.from(buffer));
console.log(`wrote ${out} (${buffer.byteLength} bytes)`);
