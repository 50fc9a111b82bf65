import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  type PDFFont,
  type PDFPage,
  type RGB,
  PageSizes,
  rgb,
  setCharacterSpacing,
} from 'pdf-lib';
import { formatCertificateDate, parseIsoDate } from './dates.ts';
import { type Locale, LOCALES, labels } from './labels.ts';
import { qrMatrix, qrRuns } from './qr.ts';

export type Localized = { ky: string; ru: string; en: string };

export interface CertificateInput {
  /** As the recipient writes it; printed as is in every language. */
  recipientName: string;
  /** The year the biennial cycle ran, e.g. 2026. */
  cycleYear: number;
  categoryName: Localized;
  /** `YYYY-MM-DD`; also the PDF's creation date, so the same award gives the same bytes. */
  awardedOn: string;
  credentialId: string;
  /** The public verification page, `https://…/verify/<credentialId>`; the QR code encodes it. */
  verifyUrl: string;
  issuerName: Localized;
  signatories?: { name: string; title: Localized }[];
}

/**
 * Font files as bytes. The renderer takes bytes rather than paths so the same code runs in
 * Node (read the files) and in a browser (fetch them); see `certificateFontUrls`.
 * Without `bold` or `italic` the regular face stands in.
 */
export interface CertificateFonts {
  regular: Uint8Array;
  bold?: Uint8Array;
  italic?: Uint8Array;
}

/** Where the QR code's modules were drawn on a page, in PDF points from the bottom-left corner. */
export interface QrPlacement {
  /** Left edge and bottom edge of the module area (the quiet zone lies outside it). */
  x: number;
  y: number;
  /** Side of one module. */
  module: number;
  /** `matrix[row][col]`, row 0 at the top; exactly what was drawn. */
  matrix: boolean[][];
}

export interface RenderedCertificate {
  pdf: Uint8Array;
  /** One per page, in page order. */
  qr: QrPlacement[];
}

/** A4 landscape, in points. */
export const PAGE_WIDTH = PageSizes.A4[1];
export const PAGE_HEIGHT = PageSizes.A4[0];

// Ivory paper, bronze-gold rules and a deep crimson taken from the flag's red, darkened so it
// prints as ink rather than as a warning colour.
const PAPER = rgb(0.984, 0.969, 0.925);
const GOLD = rgb(0.722, 0.569, 0.227);
const CRIMSON = rgb(0.55, 0.11, 0.17);
const INK = rgb(0.12, 0.16, 0.27);
const MUTED = rgb(0.33, 0.31, 0.29);
const BRONZE = rgb(0.37, 0.29, 0.18);

interface Faces {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** Renders one certificate page per language ('all': ky, ru and en, in that order). */
export async function renderCertificate(
  input: CertificateInput,
  locale: Locale | 'all',
  fonts: CertificateFonts,
): Promise<RenderedCertificate> {
  validate(input);
  // updateMetadata: false keeps pdf-lib from stamping "now" into the file; the dates below
  // come from the award, so re-rendering a certificate yields identical bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // Subsetting keeps only the glyphs used: about 30 KB per face instead of 350 KB. Ligatures
  // are off so "fi" in "Certificate" stays two glyphs and copies and searches as text.
  const embed = (bytes: Uint8Array, name: string) =>
    doc.embedFont(bytes, { subset: true, customName: name, features: { liga: false, clig: false, dlig: false } });
  const regular = await embed(fonts.regular, 'MKDREG+DejaVuSerif');
  const faces: Faces = {
    regular,
    bold: fonts.bold ? await embed(fonts.bold, 'MKDBLD+DejaVuSerif-Bold') : regular,
    italic: fonts.italic ? await embed(fonts.italic, 'MKDITA+DejaVuSerif-Italic') : regular,
  };

  const locales: Locale[] = locale === 'all' ? [...LOCALES] : [locale];
  const qr = locales.map((l) => drawPage(doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]), input, l, faces));

  const primary = locales[0]!;
  const t = labels[primary];
  const name = clean(input.recipientName);
  doc.setTitle(`${t.documentTitle} — ${name}`, { showInWindowTitleBar: true });
  doc.setSubject(`${t.awardName}. ${t.cycle}: ${input.cycleYear}. ${t.category}: ${clean(input.categoryName[primary])}`);
  doc.setAuthor(clean(input.issuerName[primary]));
  doc.setKeywords(['Mykty Mekendesh', input.credentialId, String(input.cycleYear)]);
  doc.setCreator('Mekendesh');
  doc.setProducer('Mekendesh (pdf-lib)');
  doc.setLanguage(primary);
  const { year, month, day } = parseIsoDate(input.awardedOn);
  const date = new Date(Date.UTC(year, month - 1, day));
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return { pdf: await doc.save(), qr };
}

/** The certificate as PDF bytes: one A4 landscape page, or three for 'all'. */
export async function renderCertificatePdf(
  input: CertificateInput,
  locale: Locale | 'all',
  fonts: CertificateFonts,
): Promise<Uint8Array> {
  return (await renderCertificate(input, locale, fonts)).pdf;
}

function validate(input: CertificateInput): void {
  parseIsoDate(input.awardedOn);
  if (!clean(input.recipientName)) throw new RangeError('recipientName is empty');
  if (!Number.isInteger(input.cycleYear) || input.cycleYear < 1990 || input.cycleYear > 9999) {
    throw new RangeError(`cycleYear out of range: ${input.cycleYear}`);
  }
  if (!clean(input.credentialId)) throw new RangeError('credentialId is empty');
  if (!/^https?:\/\/\S+$/.test(input.verifyUrl)) throw new RangeError(`verifyUrl is not an http(s) URL: ${input.verifyUrl}`);
}

/** Collapses newlines and runs of spaces: drawText would start a new line at each "\n". */
function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function drawPage(page: PDFPage, input: CertificateInput, locale: Locale, f: Faces): QrPlacement {
  const t = labels[locale];
  const W = PAGE_WIDTH;
  const H = PAGE_HEIGHT;
  const cx = W / 2;

  page.drawRectangle({ x: 0, y: 0, width: W, height: H, color: PAPER });
  drawFrame(page);
  drawEmblem(page, cx, H - 70);

  // Issuer: small capitals, letter-spaced, up to two lines; the font shrinks before a third.
  const issuer = clean(input.issuerName[locale]).toLocaleUpperCase(locale);
  let issuerSize = 10;
  let issuerLines = balancedWrap(issuer, f.regular, issuerSize, 1, 640);
  while (issuerLines.length > 2 && issuerSize > 7) {
    issuerSize -= 0.5;
    issuerLines = balancedWrap(issuer, f.regular, issuerSize, 1, 640);
  }
  let y = H - 122;
  for (const line of issuerLines.slice(0, 3)) {
    centered(page, line, f.regular, issuerSize, y, BRONZE, 1);
    y -= issuerSize + 3.5;
  }

  const title = t.title.toLocaleUpperCase(locale);
  y -= 42;
  centered(page, title, f.bold, fit(title, f.bold, 38, 3, 600), y, CRIMSON, 3);
  y -= 28;
  centered(page, t.awardName, f.italic, fit(t.awardName, f.italic, 15, 0, 620), y, INK);
  y -= 20;
  divider(page, cx, y);

  y -= 32;
  centered(page, t.lead, f.italic, 13, y, MUTED);
  const name = clean(input.recipientName);
  const nameSize = fit(name, f.bold, 34, 0, 640);
  y -= 44;
  centered(page, name, f.bold, nameSize, y, INK);
  const rule = Math.min(640, Math.max(320, f.bold.widthOfTextAtSize(name, nameSize) + 80));
  y -= 13;
  page.drawLine({ start: { x: cx - rule / 2, y }, end: { x: cx + rule / 2, y }, thickness: 0.7, color: GOLD });
  y -= 22;
  centered(page, t.tail, f.italic, 13, y, MUTED);

  y -= 32;
  labelled(page, `${t.category}: `, clean(input.categoryName[locale]), f, 12.5, 14, y, 640);
  y -= 22;
  labelled(page, `${t.cycle}: `, String(input.cycleYear), f, 12.5, 14, y, 640);

  // The bottom band: the QR code at the left, then the date and the signatories in columns.
  const qr = drawQr(page, input.verifyUrl, 54, 64, 88);
  const qrCenter = qr.x + (qr.matrix.length * qr.module) / 2;
  centered(page, t.scanToVerify, f.italic, 7, 42, MUTED, 0, qrCenter);

  const signatories = (input.signatories ?? []).slice(0, 3);
  const columns = signatories.length + 1;
  // One or two columns sit symmetrically about the page's axis, like the heading; more take
  // the whole band right of the QR code.
  const pitch = columns <= 2 ? 260 : (W - 50 - 170) / columns;
  const first = columns <= 2 ? cx - (pitch * (columns - 1)) / 2 : 170 + pitch / 2;
  const centers = Array.from({ length: columns }, (_, i) => first + i * pitch);
  const colWidth = Math.min(190, pitch - 24);
  const lineY = 122;

  const dateX = centers[0]!;
  const date = formatCertificateDate(input.awardedOn, locale);
  centered(page, date, f.bold, fit(date, f.bold, 12, 0, colWidth), lineY + 7, INK, 0, dateX);
  page.drawLine({ start: { x: dateX - colWidth / 2, y: lineY }, end: { x: dateX + colWidth / 2, y: lineY }, thickness: 0.6, color: GOLD });
  centered(page, t.awardedOn, f.italic, 8.5, lineY - 12, MUTED, 0, dateX);

  signatories.forEach((s, i) => {
    const x = centers[i + 1]!;
    page.drawLine({ start: { x: x - colWidth / 2, y: lineY }, end: { x: x + colWidth / 2, y: lineY }, thickness: 0.6, color: GOLD });
    const sName = clean(s.name);
    centered(page, sName, f.bold, fit(sName, f.bold, 10, 0, colWidth), lineY - 13, INK, 0, x);
    let ty = lineY - 24;
    for (const line of balancedWrap(clean(s.title[locale]), f.italic, 8, 0, colWidth).slice(0, 3)) {
      centered(page, line, f.italic, 8, ty, MUTED, 0, x);
      ty -= 10;
    }
  });

  // Credential id and the verification URL: small, but whole and on one line each, so they
  // can be typed in when the QR code cannot be scanned.
  // Centred on the page's axis and kept clear of the QR code's plate on both sides.
  const textWidth = 2 * (cx - 170);
  labelled(page, `${t.credentialId}: `, input.credentialId, f, 7.5, 7.5, 60, textWidth, cx, true);
  labelled(page, `${t.verifyAt} `, input.verifyUrl, f, 7.5, 7.5, 48, textWidth, cx, true);
  return qr;
}

/** A double frame: a gold rule and a fine crimson one inside it, with diamonds at the corners. */
function drawFrame(page: PDFPage): void {
  const W = PAGE_WIDTH;
  const H = PAGE_HEIGHT;
  const box = (inset: number, thickness: number, color: RGB) =>
    page.drawRectangle({ x: inset, y: inset, width: W - 2 * inset, height: H - 2 * inset, borderWidth: thickness, borderColor: color });
  box(18, 2.4, GOLD);
  box(24, 0.6, GOLD);
  box(29, 0.8, CRIMSON);
  for (const [x, y] of [[29, 29], [W - 29, 29], [29, H - 29], [W - 29, H - 29]] as const) {
    diamond(page, x, y, 6, CRIMSON);
    diamond(page, x, y, 3, GOLD);
  }
}

function diamond(page: PDFPage, x: number, y: number, r: number, color: RGB): void {
  page.drawSvgPath(`M 0 ${-r} L ${r} 0 L 0 ${r} L ${-r} 0 Z`, { x, y, color });
}

/** Line, diamond, line: the ornament between the heading and the body. */
function divider(page: PDFPage, cx: number, y: number): void {
  page.drawLine({ start: { x: cx - 90, y }, end: { x: cx - 10, y }, thickness: 0.7, color: GOLD });
  page.drawLine({ start: { x: cx + 10, y }, end: { x: cx + 90, y }, thickness: 0.7, color: GOLD });
  diamond(page, cx, y, 4, CRIMSON);
}

/**
 * A sun of 40 rays around a tunduk, after the state flag: the one emblem every Kyrgyz
 * reader recognises, drawn in vectors so it costs a few hundred bytes.
 */
function drawEmblem(page: PDFPage, cx: number, cy: number): void {
  const rays: string[] = [];
  for (let i = 0; i < 40; i++) {
    const a = (i / 40) * 2 * Math.PI;
    const half = Math.PI / 40 / 1.6;
    const outer = i % 2 === 0 ? 27 : 23;
    const p = (r: number, da: number) => `${(r * Math.cos(a + da)).toFixed(2)} ${(r * Math.sin(a + da)).toFixed(2)}`;
    rays.push(`M ${p(15, -half)} L ${p(outer, 0)} L ${p(15, half)} Z`);
  }
  page.drawSvgPath(rays.join(' '), { x: cx, y: cy, color: GOLD });
  page.drawCircle({ x: cx, y: cy, size: 15.5, color: GOLD });
  page.drawCircle({ x: cx, y: cy, size: 12.5, color: CRIMSON });
  page.drawCircle({ x: cx, y: cy, size: 9.5, borderColor: GOLD, borderWidth: 1.3 });
  // The tunduk's two sets of three crossing laths, bowed like the roof ring's.
  const r = 9.5;
  const laths: string[] = [];
  for (const d of [-4.2, 0, 4.2]) {
    const h = Math.sqrt(r * r - d * d);
    const bow = d * 1.55;
    laths.push(`M ${d.toFixed(2)} ${(-h).toFixed(2)} Q ${bow.toFixed(2)} 0 ${d.toFixed(2)} ${h.toFixed(2)}`);
    laths.push(`M ${(-h).toFixed(2)} ${d.toFixed(2)} Q 0 ${bow.toFixed(2)} ${h.toFixed(2)} ${d.toFixed(2)}`);
  }
  page.drawSvgPath(laths.join(' '), { x: cx, y: cy, borderColor: GOLD, borderWidth: 1.1 });
}

/** Draws the QR code with its lower-left module corner at (x, y), `side` points wide. */
function drawQr(page: PDFPage, url: string, x: number, y: number, side: number): QrPlacement {
  const matrix = qrMatrix(url);
  const n = matrix.length;
  const module = side / n;
  // A white plate with the four-module quiet zone the standard asks for: the ivory paper is
  // light, but pure white gives phone cameras the most contrast.
  const quiet = 4 * module;
  page.drawRectangle({ x: x - quiet, y: y - quiet, width: side + 2 * quiet, height: side + 2 * quiet, color: rgb(1, 1, 1) });
  for (const run of qrRuns(matrix)) {
    page.drawRectangle({
      x: x + run.col * module,
      y: y + (n - 1 - run.row) * module,
      width: run.length * module,
      height: module,
      color: rgb(0, 0, 0),
    });
  }
  return { x, y, module, matrix };
}

/** Text centred on `x` (the page's centre by default), with optional letter spacing. */
function centered(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color: RGB, tracking = 0, x = PAGE_WIDTH / 2): void {
  const width = measure(text, font, size, tracking);
  if (tracking) page.pushOperators(setCharacterSpacing(tracking));
  page.drawText(text, { x: x - width / 2, y, size, font, color });
  if (tracking) page.pushOperators(setCharacterSpacing(0));
}

/**
 * "Label: value", centred as one line: the label in italic, the value in bold (or regular for
 * the small technical lines), both shrunk together when the line is wider than `maxWidth`.
 */
function labelled(
  page: PDFPage,
  label: string,
  value: string,
  f: Faces,
  labelSize: number,
  valueSize: number,
  y: number,
  maxWidth: number,
  x = PAGE_WIDTH / 2,
  plain = false,
): void {
  const valueFont = plain ? f.regular : f.bold;
  const labelFont = f.italic;
  const widthAt = (k: number) => labelFont.widthOfTextAtSize(label, labelSize * k) + valueFont.widthOfTextAtSize(value, valueSize * k);
  const k = Math.min(1, maxWidth / widthAt(1));
  const left = x - widthAt(k) / 2;
  page.drawText(label, { x: left, y, size: labelSize * k, font: labelFont, color: MUTED });
  page.drawText(value, { x: left + labelFont.widthOfTextAtSize(label, labelSize * k), y, size: valueSize * k, font: valueFont, color: INK });
}

function measure(text: string, font: PDFFont, size: number, tracking: number): number {
  // Tc adds after every glyph; the last one's does not count towards the visible width.
  return font.widthOfTextAtSize(text, size) + tracking * Math.max(0, [...text].length - 1);
}

/** The largest size up to `size` at which `text` fits in `maxWidth` (never below 40 %). */
function fit(text: string, font: PDFFont, size: number, tracking: number, maxWidth: number): number {
  const w = measure(text, font, size, tracking);
  return w <= maxWidth ? size : Math.max(size * 0.4, (size * maxWidth) / w);
}

/** Greedy word wrap; a single word wider than the line stays whole (`fit` handles it). */
function wrap(text: string, font: PDFFont, size: number, tracking: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, font, size, tracking) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Wraps into as few lines as `wrap` would, but with lines of even length: a long issuer name
 * split as one full line and a lone last word looks like an accident.
 */
function balancedWrap(text: string, font: PDFFont, size: number, tracking: number, maxWidth: number): string[] {
  const lines = wrap(text, font, size, tracking, maxWidth);
  if (lines.length < 2) return lines;
  let lo = measure(text, font, size, tracking) / lines.length;
  let hi = maxWidth;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (wrap(text, font, size, tracking, mid).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return wrap(text, font, size, tracking, hi);
}
