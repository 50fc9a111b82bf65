import { REGIONS, SECTORS, SETTLEMENTS, minorUnits, type PublicProject } from '@mekendesh/core';
import { CATALOGUES, formatDate, formatMoney, type Locale } from '@mekendesh/i18n';
import { t, type ServerKey as MessageKey } from '@mekendesh/i18n/pages';

export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const label = (rows: readonly { id: string; labels: Record<Locale, string> }[], id: string | null, locale: Locale) =>
  id ? (rows.find((r) => r.id === id)?.labels[locale] ?? id) : null;

/**
 * Plain, readable, no scripts: system fonts, one column; on a phone each table row becomes a
 * card (never wider than a 360 px screen), visible focus, enough contrast.
 */
const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;line-height:1.5;color:#1b1b1b;background:#fff;overflow-wrap:break-word}
header,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding-top:.5rem;padding-bottom:.5rem;border-bottom:1px solid #ddd}
.brand{font-weight:700;color:#a50d25;margin:0}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.25rem}
nav a{display:inline-block;padding:.6rem .5rem;min-width:44px;min-height:44px;text-align:center;color:#0b4f8a}
nav a[aria-current]{font-weight:700;color:#1b1b1b;text-decoration:none}
nav abbr{text-decoration:none}
a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .5rem}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #a50d25;padding-bottom:.25rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#eef3f8;color:#0b3f6e;font-weight:600;margin:0}
dl{display:grid;grid-template-columns:minmax(0,11rem) minmax(0,1fr);gap:.35rem 1rem;margin:0}
dt{font-weight:600;color:#444}
dd{margin:0}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.4rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.num{text-align:right;white-space:nowrap}
caption{text-align:left;color:#444;font-size:.9rem;padding-bottom:.25rem}
ol,ul.updates{padding:0;list-style:none;margin:0}
ol li,ul.updates li{border:1px solid #ddd;border-radius:.5rem;padding:.75rem;margin-bottom:.5rem}
progress{width:100%;height:1rem;accent-color:#0b7a3b}
.done{color:#0b7a3b;font-weight:600}
.meta{color:#555;font-size:.9rem;margin:.25rem 0 0}
form{display:grid;gap:.75rem;max-width:36rem;margin:1rem 0}
label{font-weight:600;display:block;margin-bottom:.25rem}
input,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:.25rem}
textarea{min-height:8rem}
button{font:inherit;padding:.6rem 1rem;min-height:44px;border-radius:.25rem;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.notice{padding:.75rem;border-radius:.5rem;background:#eef7ee;border:1px solid #0b7a3b}
.problem{padding:.75rem;border-radius:.5rem;background:#fdecec;border:1px solid #a50d25}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #a50d25;background:#faf7f7;white-space:pre-wrap}
footer{border-top:1px solid #ddd;margin-top:2rem;padding-top:.75rem;padding-bottom:2rem;color:#555;font-size:.9rem}
/* On a phone, each table row becomes a card: the row's title first, then each value with its
   column's name; the header row stays for screen readers. */
@media (max-width:40rem){
dl{grid-template-columns:minmax(0,1fr)}
dt{margin-top:.25rem}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
table.cards tr{display:block;border:1px solid #ddd;border-radius:.5rem;padding:.5rem .75rem;margin-bottom:.5rem}
table.cards th,table.cards td{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.15rem 0;text-align:right;white-space:normal}
table.cards td::before{content:attr(data-label);color:#444;text-align:left}
table.cards .lead{display:block;text-align:left;font-weight:700}
table.cards .lead::before{content:none}
}
`;

function languageNav(locale: Locale, path: string): string {
  const items = (['ky', 'ru', 'en'] as const)
    .map((l) => {
      const name = { ky: 'Кыргызча', ru: 'Русский', en: 'English' }[l];
      return `<li><a href="${escape(path)}?lang=${l}" lang="${l}" hreflang="${l}"${l === locale ? ' aria-current="page"' : ''}><abbr title="${name}">${l.toUpperCase()}</abbr></a></li>`;
    })
    .join('');
  return `<nav aria-label="${escape(t(locale, 'shell.language'))}"><ul>${items}</ul></nav>`;
}

/** The frame of every public page: language switch, one column, no scripts. */
export function page(locale: Locale, path: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(title)} — ${escape(CATALOGUES[locale]['app.name'])}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="brand">${escape(t(locale, 'app.name'))}</p>${languageNav(locale, path)}</header>
${body}
</body>
</html>`;
}

/** The page for a project that does not exist or is not public (served with 404). */
export function projectNotFoundPage(locale: Locale, path: string): string {
  return page(locale, path, t(locale, 'projectPage.project'), `<main><h1>${escape(t(locale, 'projectPage.notFound'))}</h1></main>`);
}

/** The public page of a project: description, money per currency, milestones, updates. */
export function projectPage(locale: Locale, path: string, p: PublicProject): string {
  const money = (amount: number, currency: Parameters<typeof minorUnits>[0]) => escape(formatMoney(locale, amount, currency, minorUnits(currency)));
  const date = (d: string) => `<time datetime="${escape(d)}">${escape(formatDate(locale, d))}</time>`;
  const cell = (key: MessageKey, html: string, cls = '') => `<td data-label="${escape(t(locale, key))}"${cls ? ` class="${cls}"` : ''}>${html}</td>`;
  const nothing = `<p>${escape(t(locale, 'projectPage.nothingYet'))}</p>`;
  const place = [label(SETTLEMENTS, p.settlement, locale), label(REGIONS, p.region, locale)].filter(Boolean).join(', ');
  const facts: [string, string][] = [
    ...(p.organisation ? [[t(locale, 'projectPage.organisation'), escape(p.organisation)] as [string, string]] : []),
    [t(locale, 'projectPage.sector'), escape(label(SECTORS, p.sector, locale) ?? p.sector)],
    [t(locale, 'projectPage.place'), escape(place)],
    [t(locale, 'projectPage.status'), escape(t(locale, `project.status.${p.status}`))],
    [t(locale, 'projectPage.budget'), p.budget ? money(p.budget.amount, p.budget.currency) : escape(t(locale, 'projectPage.noBudget'))],
  ];

  const totals = p.totals.length
    ? `<table class="cards">
<caption>${escape(t(locale, 'projectPage.moneyNote'))}</caption>
<thead><tr><th scope="col">${escape(t(locale, 'projectPage.currency'))}</th><th scope="col" class="num">${escape(t(locale, 'projectPage.pledged'))}</th><th scope="col" class="num">${escape(t(locale, 'projectPage.received'))}</th><th scope="col" class="num">${escape(t(locale, 'projectPage.spent'))}</th></tr></thead>
<tbody>${p.totals
        .map((r) => `<tr><th scope="row" class="lead">${r.currency}</th>${cell('projectPage.pledged', money(r.pledged, r.currency), 'num')}${cell('projectPage.received', money(r.received, r.currency), 'num')}${cell('projectPage.spent', money(r.spent, r.currency), 'num')}</tr>`)
        .join('')}</tbody></table>`
    : nothing;

  const milestones = p.milestones.length
    ? `<ol>${p.milestones
        .map((m, i) => {
          const id = `milestone-${i}`;
          const state = m.done ? `<span class="done">${escape(t(locale, 'projectPage.done'))}</span>` : escape(t(locale, 'projectPage.progress', { percent: m.progress }));
          return `<li><h3 id="${id}">${escape(m.title)}</h3>
<progress max="100" value="${m.progress}" aria-labelledby="${id}" aria-valuetext="${escape(t(locale, 'projectPage.progress', { percent: m.progress }))}">${m.progress}%</progress>
<p class="meta">${state}${m.dueDate ? ` · ${escape(t(locale, 'projectPage.due', { date: formatDate(locale, m.dueDate) }))}` : ''}</p></li>`;
        })
        .join('')}</ol>`
    : nothing;

  const updates = p.updates.length
    ? `<ul class="updates">${p.updates
        .map((u) => `<li><article><h3>${date(u.date)}</h3><p>${escape(u.text).replace(/\n/g, '<br>')}</p><p class="meta">${escape(t(locale, 'projectPage.author', { author: u.author }))}</p></article></li>`)
        .join('')}</ul>`
    : nothing;

  const pledges = p.pledges.length
    ? `<table class="cards">
<thead><tr><th scope="col">${escape(t(locale, 'projectPage.donor'))}</th><th scope="col" class="num">${escape(t(locale, 'projectPage.amount'))}</th><th scope="col">${escape(t(locale, 'projectPage.status'))}</th></tr></thead>
<tbody>${p.pledges
        .map((x) => `<tr><td class="lead">${escape(x.name ?? t(locale, 'projectPage.anonymous'))}</td>${cell('projectPage.amount', money(x.amount, x.currency), 'num')}${cell('projectPage.status', `${escape(t(locale, `pledge.status.${x.status}`))}${x.receivedOn ? `, ${date(x.receivedOn)}` : ''}`)}</tr>`)
        .join('')}</tbody></table>`
    : nothing;

  const expenses = p.expenses.length
    ? `<table class="cards">
<thead><tr><th scope="col">${escape(t(locale, 'projectPage.purpose'))}</th><th scope="col" class="num">${escape(t(locale, 'projectPage.amount'))}</th><th scope="col">${escape(t(locale, 'projectPage.date'))}</th><th scope="col">${escape(t(locale, 'projectPage.receipt'))}</th></tr></thead>
<tbody>${p.expenses
        .map((e) => `<tr><td class="lead">${escape(e.purpose)}</td>${cell('projectPage.amount', money(e.amount, e.currency), 'num')}${cell('projectPage.date', e.spentOn ? date(e.spentOn) : '—')}${cell('projectPage.receipt', e.hasReceipt ? escape(t(locale, 'projectPage.receiptKept')) : '—')}</tr>`)
        .join('')}</tbody></table>`
    : nothing;

  const body = `<main>
<article aria-labelledby="title">
<h1 id="title">${escape(p.title)}</h1>
<p class="status">${escape(t(locale, `project.status.${p.status}`))}</p>
${p.summary ? `<p>${escape(p.summary).replace(/\n/g, '<br>')}</p>` : ''}
<section aria-labelledby="about"><h2 id="about">${escape(t(locale, 'projectPage.about'))}</h2>
<dl>${facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${v}</dd>`).join('')}</dl></section>
<section aria-labelledby="money"><h2 id="money">${escape(t(locale, 'projectPage.money'))}</h2>${totals}</section>
<section aria-labelledby="milestones"><h2 id="milestones">${escape(t(locale, 'projectPage.milestones'))}</h2>${milestones}</section>
<section aria-labelledby="updates"><h2 id="updates">${escape(t(locale, 'projectPage.updates'))}</h2>${updates}</section>
<section aria-labelledby="pledges"><h2 id="pledges">${escape(t(locale, 'projectPage.pledges'))}</h2>${pledges}</section>
<section aria-labelledby="expenses"><h2 id="expenses">${escape(t(locale, 'projectPage.expenses'))}</h2>${expenses}</section>
</article>
</main>
<footer><p>${escape(t(locale, 'projectPage.privacy'))}</p><p>${escape(t(locale, 'projectPage.updated', { date: formatDate(locale, p.updatedAt) }))}</p></footer>`;
  return page(locale, path, p.title, body);
}
