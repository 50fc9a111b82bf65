/**
 * Draws the app icons (a golden sun with a tunduk on the flag's red) as SVG and renders the
 * PNGs with the system Chromium. Run after changing the design, and commit the files:
 *
 *   pnpm tsx pwa/scripts/make-icons.ts
 *
 * Writes pwa/public/icons/{icon.svg, icon-192.png, icon-512.png, maskable-512.png,
 * apple-touch-icon.png}. The build only copies them; no browser is needed to build.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const RED = '#c8102e';
const GOLD = '#ffd200';
const out = fileURLToPath(new URL('../public/icons/', import.meta.url));

/** The sun on a 512 canvas centred at 0,0: 40 rays, a disc and the tunduk (the yurt's crown). */
function emblem(): string {
  const rays: string[] = [];
  for (let i = 0; i < 40; i++) {
    const a = (i / 40) * 2 * Math.PI;
    const h = (Math.PI / 40) * 0.55;
    const p = (r: number, t: number) => `${(r * Math.sin(t)).toFixed(2)},${(-r * Math.cos(t)).toFixed(2)}`;
    rays.push(`<polygon points="${p(104, a - h)} ${p(200, a)} ${p(104, a + h)}"/>`);
  }
  const r = 58;
  const lines = [-1, 0, 1]
    .map((k) => {
      const x = k * 24;
      const bow = k * 10;
      return `<path d="M ${x} ${-r} Q ${x + bow} 0 ${x} ${r}"/><path d="M ${-r} ${x} Q 0 ${x + bow} ${r} ${x}"/>`;
    })
    .join('');
  return (
    `<g fill="${GOLD}">${rays.join('')}</g>` +
    `<circle r="108" fill="${GOLD}"/>` +
    `<circle r="${r + 6}" fill="none" stroke="${RED}" stroke-width="12"/>` +
    `<clipPath id="t"><circle r="${r}"/></clipPath>` +
    `<g clip-path="url(#t)" fill="none" stroke="${RED}" stroke-width="9" stroke-linecap="round">${lines}</g>`
  );
}

/** `rounded`: a rounded square for "any" purpose; otherwise full bleed with the sun inside the maskable safe zone (40 % radius). */
function svg(kind: 'rounded' | 'maskable'): string {
  const bg = kind === 'rounded' ? `<rect width="512" height="512" rx="104" fill="${RED}"/>` : `<rect width="512" height="512" fill="${RED}"/>`;
  const scale = kind === 'rounded' ? 1.08 : 0.98;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${bg}<g transform="translate(256 256) scale(${scale})">${emblem()}</g></svg>`;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  const render = async (file: string, source: string, size: number) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    await page.screenshot({ path: `${out}${file}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  await writeFile(`${out}icon.svg`, svg('rounded') + '\n');
  await render('icon-192.png', svg('rounded'), 192);
  await render('icon-512.png', svg('rounded'), 512);
  await render('maskable-512.png', svg('maskable'), 512);
  await render('apple-touch-icon.png', svg('maskable'), 180);
} finally {
  await browser.close();
}
