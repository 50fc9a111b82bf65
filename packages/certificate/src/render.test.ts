import { readFile } from 'node:fs/promises';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCertificateDate } from './dates.ts';
import { loadCertificateFonts } from './fonts.ts';
import { type Locale, LOCALES, labels } from './labels.ts';
import { type CertificateFonts, type CertificateInput, PAGE_HEIGHT, PAGE_WIDTH, renderCertificate, renderCertificatePdf } from './render.ts';

const input: CertificateInput = {
  recipientName: 'Айгүл Токтогулова',
  cycleYear: 2026,
  categoryName: { ky: 'Инвестициялык долбоор', ru: 'Инвестиционный проект', en: 'Investment project' },
  awardedOn: '2026-12-05',
  credentialId: 'urn:uuid:7d1f3c2a-58e4-4b9a-a0c6-2e9b4f6d8a15',
  verifyUrl: 'https://mekendesh.kg/verify/urn:uuid:7d1f3c2a-58e4-4b9a-a0c6-2e9b4f6d8a15',
  issuerName: {
    ky: 'Кыргыз Республикасынын Министрлер Кабинетине караштуу Мекендештер менен байланыш боюнча кеңеш',
    ru: 'Совет по связям с соотечественниками при Кабинете Министров Кыргызской Республики',
    en: 'Council for Relations with Compatriots under the Cabinet of Ministers of the Kyrgyz Republic',
  },
  signatories: [{ name: 'Нурлан Асанов', title: { ky: 'Кеңештин төрагасы', ru: 'Председатель совета', en: 'Chair of the Council' } }],
};

let fonts: CertificateFonts;
beforeAll(async () => {
  fonts = await loadCertificateFonts((url) => readFile(url));
});

// pdf.js may take over the buffer it is given; hand it a copy so the test keeps its bytes.
// No system fonts: the text must come out of the fonts embedded in the file. (pdf.js 5 has
// dropped `isEvalSupported`: it never evaluates code from a PDF any more.)
const open = (pdf: Uint8Array): Promise<PDFDocumentProxy> => getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;

async function pageText(doc: PDFDocumentProxy, n: number): Promise<string[]> {
  const content = await (await doc.getPage(n)).getTextContent();
  return content.items.flatMap((item) => ('str' in item && item.str.trim() ? [item.str] : []));
}

describe('renderCertificatePdf', () => {
  for (const locale of LOCALES) {
    it(`renders the ${locale} certificate: one A4 landscape page with every fact as text`, async () => {
      const pdf = await renderCertificatePdf(input, locale, fonts);
      const doc = await open(pdf);
      expect(doc.numPages).toBe(1);
      const [x0, y0, x1, y1] = (await doc.getPage(1)).view as [number, number, number, number];
      expect([x1 - x0, y1 - y0].map(Math.round)).toEqual([842, 595]);
      expect(x1 - x0).toBeGreaterThan(y1 - y0);

      const items = await pageText(doc, 1);
      const expected = [
        'Айгүл Токтогулова',
        labels[locale].title.toLocaleUpperCase(locale),
        labels[locale].awardName,
        labels[locale].lead,
        labels[locale].tail,
        input.categoryName[locale],
        formatCertificateDate(input.awardedOn, locale),
        input.credentialId,
        input.verifyUrl,
        input.signatories![0]!.title[locale],
      ];
      for (const s of expected) expect(items, s).toContain(s);
      expect(items.join(' ')).toContain(String(input.cycleYear));
      if (locale === 'ky') expect(items).toContain('2026-жылдын 5-декабры');
      // Some strings of the other languages must not leak onto this page.
      for (const other of LOCALES.filter((l) => l !== locale)) {
        expect(items, other).not.toContain(input.categoryName[other]);
      }
      console.log(`certificate ${locale}: ${pdf.length} bytes`);
      expect(pdf.length).toBeLessThan(300_000);
      await doc.destroy();
    });
  }

  it('sets the document properties: title, language, author, subject, dates from the award', async () => {
    for (const locale of LOCALES) {
      const doc = await open(await renderCertificatePdf(input, locale, fonts));
      const info = (await doc.getMetadata()).info as Record<string, unknown>;
      expect(info.Title).toBe(`${labels[locale].documentTitle} — Айгүл Токтогулова`);
      expect(info.Language).toBe(locale);
      expect(info.Author).toBe(input.issuerName[locale]);
      expect(String(info.Subject)).toContain(input.categoryName[locale]);
      expect(info.CreationDate).toBe('D:20261205000000Z');
      expect(info.ModDate).toBe('D:20261205000000Z');
      await doc.destroy();
    }
  });

  it('is deterministic: the same award gives the same bytes', async () => {
    const a = await renderCertificatePdf(input, 'ky', fonts);
    const b = await renderCertificatePdf(input, 'ky', fonts);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("renders 'all' as three pages, ky, ru and en", async () => {
    const pdf = await renderCertificatePdf(input, 'all', fonts);
    const doc = await open(pdf);
    expect(doc.numPages).toBe(3);
    for (const [i, locale] of LOCALES.entries()) {
      const items = await pageText(doc, i + 1);
      expect(items).toContain(labels[locale].lead);
      expect(items).toContain(input.categoryName[locale]);
      expect(items).toContain('Айгүл Токтогулова');
    }
    console.log(`certificate all: ${pdf.length} bytes`);
    expect(pdf.length).toBeLessThan(300_000);
    await doc.destroy();
  });

  it('refuses bad input rather than printing it', async () => {
    await expect(renderCertificatePdf({ ...input, awardedOn: '2026-13-01' }, 'ky', fonts)).rejects.toThrow(RangeError);
    await expect(renderCertificatePdf({ ...input, recipientName: '  ' }, 'ky', fonts)).rejects.toThrow(RangeError);
    await expect(renderCertificatePdf({ ...input, verifyUrl: 'javascript:alert(1)' }, 'ky', fonts)).rejects.toThrow(RangeError);
  });

  it('keeps long names, categories and several signatories on the page', async () => {
    const long: CertificateInput = {
      ...input,
      recipientName: 'Гүлмайрам Өмүрбекова-Сарыбагышева Нурсултановна Кенжеевна',
      categoryName: { ...input.categoryName, ky: 'Кыргыз тилин, маданиятын жана салттарын чет өлкөдө жайылтууга кошкон өзгөчө салымы үчүн' },
      signatories: [1, 2, 3].map((i) => ({ name: `Нурлан Асанов ${i}`, title: { ky: 'Тышкы иштер министринин орун басары', ru: 'Заместитель министра', en: 'Deputy Minister' } })),
    };
    const doc = await open(await renderCertificatePdf(long, 'ky', fonts));
    const content = await (await doc.getPage(1)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [, , , , x, y] = item.transform as number[];
      // Inside the crimson frame (29 pt from each edge).
      expect(x!, item.str).toBeGreaterThan(29);
      expect(x! + item.width, item.str).toBeLessThan(PAGE_WIDTH - 29);
      expect(y!, item.str).toBeGreaterThan(29);
      expect(y! + item.height, item.str).toBeLessThan(PAGE_HEIGHT - 29);
    }
    expect(content.items.map((i) => ('str' in i ? i.str : ''))).toContain(long.recipientName);
    await doc.destroy();
  });
});

describe('the QR code', () => {
  it('is drawn, module for module, as the QR code of the verify URL, and decodes to it', async () => {
    for (const locale of ['ky', 'en'] as Locale[]) {
      const { pdf, qr } = await renderCertificate(input, locale, fonts);
      const placed = qr[0]!;
      const reference = QRCode.create(input.verifyUrl, { errorCorrectionLevel: 'M' }).modules;
      expect(placed.matrix.length).toBe(reference.size);

      // Rasterise the page with pdf.js (its Node canvas) and read every module's centre pixel,
      // so what is checked is the drawing, not the matrix the renderer says it drew.
      const scale = 3;
      const doc = await open(pdf);
      const page = await doc.getPage(1);
      const viewport = page.getViewport({ scale });
      const factory = doc.canvasFactory as {
        create(w: number, h: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };
      };
      const { canvas, context } = factory.create(Math.round(viewport.width), Math.round(viewport.height));
      await page.render({ canvas, canvasContext: context, viewport }).promise;
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const dark = (xPt: number, yPt: number) => {
        const px = Math.floor(xPt * scale);
        const py = Math.floor((PAGE_HEIGHT - yPt) * scale);
        const i = (py * image.width + px) * 4;
        return 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]! < 128;
      };
      const n = reference.size;
      const sampled = Array.from({ length: n }, (_, row) =>
        Array.from({ length: n }, (_, col) => dark(placed.x + (col + 0.5) * placed.module, placed.y + (n - row - 0.5) * placed.module)),
      );
      const expected = Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => reference.get(row, col) === 1));
      expect(sampled).toEqual(expected);
      // The quiet zone around it is light.
      for (let k = -3.5; k < n + 3.5; k += 1) {
        expect(dark(placed.x + k * placed.module, placed.y - 2.5 * placed.module)).toBe(false);
        expect(dark(placed.x - 2.5 * placed.module, placed.y + k * placed.module)).toBe(false);
        expect(dark(placed.x + k * placed.module, placed.y + (n + 2.5) * placed.module)).toBe(false);
        expect(dark(placed.x + (n + 2.5) * placed.module, placed.y + k * placed.module)).toBe(false);
      }
      expect(decodeQr(sampled)).toBe(input.verifyUrl);
      // The decoder is strict enough to notice a mirrored or transposed drawing.
      const attempt = (matrix: boolean[][]) => {
        try {
          return decodeQr(matrix);
        } catch {
          return null;
        }
      };
      expect(attempt(sampled.map((row) => [...row].reverse()))).not.toBe(input.verifyUrl);
      expect(attempt(sampled.map((row, r) => row.map((_, c) => sampled[c]![r]!)))).not.toBe(input.verifyUrl);
      await doc.destroy();
    }
  });
});

/**
 * A small QR decoder (versions 1–10, level M, no error correction needed on a clean
 * rendering), written from ISO/IEC 18004 independently of the `qrcode` encoder, so a wrong
 * orientation, mask or mirror in the drawing would not decode.
 */
function decodeQr(m: boolean[][]): string {
  const n = m.length;
  const version = (n - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 10) throw new Error(`unsupported size ${n}`);
  const at = (r: number, c: number) => (m[r]![c] ? 1 : 0);

  // Format information, the copy around the top-left finder (bit 0 first).
  const formatCells: [number, number][] = [
    [0, 8], [1, 8], [2, 8], [3, 8], [4, 8], [5, 8], [7, 8], [8, 8],
    [8, 7], [8, 5], [8, 4], [8, 3], [8, 2], [8, 1], [8, 0],
  ];
  const format = formatCells.reduce((acc, [r, c], i) => acc | (at(r, c) << i), 0);
  const bch = (data: number) => {
    let rem = data << 10;
    for (let i = 14; i >= 10; i--) if ((rem >> i) & 1) rem ^= 0x537 << (i - 10);
    return ((data << 10) | rem) ^ 0x5412;
  };
  const data = Array.from({ length: 32 }, (_, d) => d).find((d) => bch(d) === format);
  if (data === undefined) throw new Error('format information unreadable');
  if (data >> 3 !== 0b00) throw new Error(`not level M: ${data >> 3}`);
  const mask = data & 7;

  // Function patterns: finders with separators and format areas, timing, alignment, version.
  const fn = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  const mark = (r0: number, c0: number, h: number, w: number) => {
    for (let r = r0; r < r0 + h; r++) for (let c = c0; c < c0 + w; c++) if (r >= 0 && c >= 0 && r < n && c < n) fn[r]![c] = true;
  };
  mark(0, 0, 9, 9);
  mark(0, n - 8, 9, 8);
  mark(n - 8, 0, 8, 9);
  for (let i = 0; i < n; i++) fn[6]![i] = fn[i]![6] = true;
  const align = [[], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]][version]!;
  const last = align[align.length - 1];
  for (const r of align) {
    for (const c of align) {
      if ((r === 6 && c === 6) || (r === 6 && c === last) || (r === last && c === 6)) continue;
      mark(r - 2, c - 2, 5, 5);
    }
  }
  if (version >= 7) {
    mark(0, n - 11, 6, 3);
    mark(n - 11, 0, 3, 6);
  }
  const masked = (r: number, c: number): boolean => {
    switch (mask) {
      case 0: return (r + c) % 2 === 0;
      case 1: return r % 2 === 0;
      case 2: return c % 3 === 0;
      case 3: return (r + c) % 3 === 0;
      case 4: return (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0;
      case 5: return ((r * c) % 2) + ((r * c) % 3) === 0;
      case 6: return (((r * c) % 2) + ((r * c) % 3)) % 2 === 0;
      default: return (((r + c) % 2) + ((r * c) % 3)) % 2 === 0;
    }
  };

  // Data modules: two-column strips from the right, up and down in turn, skipping column 6.
  const bits: number[] = [];
  let up = true;
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let k = 0; k < n; k++) {
      const r = up ? n - 1 - k : k;
      for (const c of [right, right - 1]) {
        if (fn[r]![c]) continue;
        bits.push(at(r, c) ^ (masked(r, c) ? 1 : 0));
      }
    }
    up = !up;
  }
  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));

  // Level M blocks (data codewords per block) for versions 1–10; de-interleave the data.
  const blocksM = [[], [16], [28], [44], [32, 32], [43, 43], [27, 27, 27, 27], [31, 31, 31, 31], [38, 38, 39, 39], [36, 36, 36, 37, 37], [43, 43, 43, 43, 44]][version]!;
  const blocks = blocksM.map(() => [] as number[]);
  let next = 0;
  for (let i = 0; i < Math.max(...blocksM); i++) {
    blocksM.forEach((len, b) => {
      if (i < len) blocks[b]!.push(codewords[next++]!);
    });
  }
  const stream = blocks.flat().flatMap((byte) => Array.from({ length: 8 }, (_, i) => (byte >> (7 - i)) & 1));

  let pos = 0;
  const read = (count: number) => {
    let v = 0;
    for (let i = 0; i < count; i++) v = (v << 1) | (stream[pos++] ?? 0);
    return v;
  };
  const out: number[] = [];
  const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  while (pos + 4 <= stream.length) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 1) {
      let count = read(version < 10 ? 10 : 12);
      for (; count >= 3; count -= 3) out.push(...[...String(read(10)).padStart(3, '0')].map((d) => d.charCodeAt(0)));
      if (count === 2) out.push(...[...String(read(7)).padStart(2, '0')].map((d) => d.charCodeAt(0)));
      if (count === 1) out.push(String(read(4)).charCodeAt(0));
    } else if (mode === 2) {
      let count = read(version < 10 ? 9 : 11);
      for (; count >= 2; count -= 2) {
        const v = read(11);
        out.push(ALNUM.charCodeAt(Math.floor(v / 45)), ALNUM.charCodeAt(v % 45));
      }
      if (count === 1) out.push(ALNUM.charCodeAt(read(6)));
    } else if (mode === 4) {
      const count = read(version < 10 ? 8 : 16);
      for (let i = 0; i < count; i++) out.push(read(8));
    } else {
      throw new Error(`unsupported mode ${mode}`);
    }
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(out));
}
