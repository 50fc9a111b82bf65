import { CATALOGUES, t, type Locale } from '@mekendesh/i18n';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page served at `/` until the PWA is built: says what this is, in the visitor's language. */
export function shellPage(locale: Locale): string {
  const other = (['ky', 'ru', 'en'] as const)
    .map((l) => `<a href="/?lang=${l}" lang="${l}"${l === locale ? ' aria-current="page"' : ''}>${l.toUpperCase()}</a>`)
    .join(' · ');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(CATALOGUES[locale]['app.name'])}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#c8102e}nav a{margin-right:.25rem}</style>
</head>
<body>
<header><nav aria-label="${escape(t(locale, 'shell.language'))}">${other}</nav></header>
<main>
<h1>${escape(t(locale, 'app.name'))}</h1>
<p>${escape(t(locale, 'app.tagline'))}</p>
<p>${escape(t(locale, 'shell.api'))}</p>
<p><a href="/api/health">${escape(t(locale, 'shell.health'))}</a></p>
</main>
</body>
</html>`;
}
