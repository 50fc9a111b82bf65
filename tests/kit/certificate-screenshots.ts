/**
 * Renders sample award certificates in ky and en and screenshots them in headless Chromium:
 * `pnpm tsx tests/kit/certificate-screenshots.ts` writes `docs/screenshots/certificate-{ky,en}.png`.
 *
 * Headless Chromium has no PDF viewer, so the page draws the PDF with pdf.js into a canvas:
 * the picture is what a browser user of the PWA would see, not a second rendering of our own.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CertificateInput, loadCertificateFonts, renderCertificatePdf } from '../../packages/certificate/src/index.ts';
import { launchChromium, serveStatic } from './chromium.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pdfjsBuild = join(root, 'packages/certificate/node_modules/pdfjs-dist/build');
const outDir = join(root, 'docs/screenshots');

export const sampleCertificate: CertificateInput = {
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
  signatories: [
    { name: 'Нурлан Асанов', title: { ky: 'Кеңештин төрагасы', ru: 'Председатель совета', en: 'Chair of the Council' } },
  ],
};

const PAGE = `<!doctype html>
<meta charset="utf-8">
<style>html, body { margin: 0; background: #fff; } canvas { display: block; }</style>
<canvas id="page"></canvas>
<script type="module">
  import * as pdfjs from './pdf.min.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = './pdf.worker.min.mjs';
  const file = new URLSearchParams(location.search).get('file');
  try {
    const data = new Uint8Array(await (await fetch(file)).arrayBuffer());
    const doc = await pdfjs.getDocument({ data }).promise;
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: Number(new URLSearchParams(location.search).get('scale')) });
    const canvas = document.getElementById('page');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvas, viewport }).promise;
    window.rendered = { width: canvas.width, height: canvas.height };
  } catch (err) {
    window.rendered = { error: String(err) };
  }
</script>`;

async function main(): Promise<void> {
  const fonts = await loadCertificateFonts((url) => readFile(url));
  const dir = await mkdtemp(join(tmpdir(), 'mekendesh-certificate-'));
  const browser = await launchChromium();
  const server = await serveStatic(dir);
  try {
    await copyFile(join(pdfjsBuild, 'pdf.min.mjs'), join(dir, 'pdf.min.mjs'));
    await copyFile(join(pdfjsBuild, 'pdf.worker.min.mjs'), join(dir, 'pdf.worker.min.mjs'));
    await writeFile(join(dir, 'index.html'), PAGE);
    await mkdir(outDir, { recursive: true });
    // 1.6 × 842 pt ≈ 1347 px wide: sharp enough to read the small print in the README.
    const scale = 1.6;
    const page = await browser.newPage({ viewport: { width: 1347, height: 952 } });
    for (const locale of ['ky', 'en'] as const) {
      const pdf = await renderCertificatePdf(sampleCertificate, locale, fonts);
      await writeFile(join(dir, `certificate-${locale}.pdf`), pdf);
      await page.goto(`${server.url}index.html?file=certificate-${locale}.pdf&scale=${scale}`);
      await page.waitForFunction(() => (window as unknown as { rendered?: unknown }).rendered !== undefined, undefined, { timeout: 30_000 });
      const rendered = (await page.evaluate(() => (window as unknown as { rendered: unknown }).rendered)) as { error?: string };
      if (rendered.error) throw new Error(`pdf.js could not render the ${locale} certificate: ${rendered.error}`);
      const out = join(outDir, `certificate-${locale}.png`);
      await page.locator('#page').screenshot({ path: out });
      console.log(`${out} (PDF ${pdf.length} bytes)`);
    }
  } finally {
    await server.close();
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
