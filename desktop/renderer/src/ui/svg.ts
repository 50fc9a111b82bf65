/**
 * An SVG string from the backend shown safely: parsed as XML, refused unless it is a plain
 * `<svg>` of drawing elements (no script, no foreign content, no event handlers, no links out),
 * then shown through an `<img>` data: URL, where an SVG can run nothing anyway.
 */
const ALLOWED = new Set(['svg', 'path', 'rect', 'g', 'title', 'desc']);

export function svgDataUrl(svg: string): string | null {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    if (!ALLOWED.has(el.localName)) return null;
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name) || /url\(|javascript:/i.test(attr.value)) return null;
    }
  }
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(root))}`;
}
