/**
 * Renders the PWA's icon (`pwa/public/icons/icon.svg`, drawn by `pwa/scripts/make-icons.ts`)
 * at 1024×1024 into `desktop/build/icon.png`, from which electron-builder derives the macOS
 * `.icns`, the Windows `.ico` and the Linux sizes. Run after the design changes, and commit:
 *
 *   pnpm tsx desktop/scripts/make-icon.ts
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SIZE = 1024;
const source = await readFile(fileURLToPath(new URL('../../pwa/public/icons/icon.svg', import.meta.url)), 'utf8');
const out = fileURLToPath(new URL('../build/icon.png', import.meta.url));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.setViewportSize({ width: SIZE, height: SIZE });
  await page.setContent(`<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `)}</body></html>`);
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
} finally {
  await browser.close();
}
console.log(`wrote ${out}`);
