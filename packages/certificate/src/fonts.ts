import type { CertificateFonts } from './render.ts';

/**
 * The committed DejaVu Serif faces (Latin, Cyrillic and the Kyrgyz letters ң ө ү; licence in
 * `fonts/LICENSE`). URLs rather than bytes: Node reads them with `fs.readFile(url)`, a Vite
 * build turns `new URL(…, import.meta.url)` into hashed assets a browser can `fetch`, and this
 * module itself imports nothing host-specific.
 */
export const certificateFontUrls: { regular: URL; bold: URL; italic: URL } = {
  regular: new URL('../fonts/DejaVuSerif.ttf', import.meta.url),
  bold: new URL('../fonts/DejaVuSerif-Bold.ttf', import.meta.url),
  italic: new URL('../fonts/DejaVuSerif-Italic.ttf', import.meta.url),
};

/**
 * Loads the three faces with the host's reader, e.g. in Node
 * `loadCertificateFonts((url) => readFile(url))`, in a browser
 * `loadCertificateFonts(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()))`.
 */
export async function loadCertificateFonts(read: (url: URL) => Promise<Uint8Array>): Promise<CertificateFonts> {
  const [regular, bold, italic] = await Promise.all([
    read(certificateFontUrls.regular),
    read(certificateFontUrls.bold),
    read(certificateFontUrls.italic),
  ]);
  return { regular, bold, italic };
}
