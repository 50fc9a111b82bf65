/**
 * Public award pages that need no account: the endorsement form and the nominee's consent
 * behind one-time links. Server-rendered, no scripts, plain forms: they work on any phone.
 */
import { formatDate, t, type Locale } from '@mekendesh/i18n';
import { COUNTRIES, type ReasonCode } from '@mekendesh/core';
import { escape, page } from './project-page.ts';
import type { LinkSubject, PublicWinner } from './storage/award-store.ts';

function intro(locale: Locale, s: LinkSubject): string {
  return `<p>${escape(t(locale, 'awardPage.nomination', { name: s.nomineeName, year: s.cycleYear, category: s.categoryName[locale] }))}</p>`;
}

/** The endorsement form; `problem` is a translated reason shown above it, with the fields kept. */
export function endorsePage(locale: Locale, path: string, s: LinkSubject, values: { name?: string; relation?: string; text?: string } = {}, problem?: string): string {
  const title = t(locale, 'awardPage.endorseTitle');
  const field = (id: string, key: Parameters<typeof t>[1], html: string) => `<div><label for="${id}">${escape(t(locale, key))}</label>${html}</div>`;
  return page(locale, path, title, `<main>
<p class="meta">${escape(t(locale, 'awardPage.award'))}</p>
<h1>${escape(title)}</h1>
${intro(locale, s)}
<p>${escape(t(locale, 'awardPage.endorseIntro', { invited: s.invitedName ?? '' }))}</p>
${problem ? `<p class="problem" role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="${escape(path)}?lang=${locale}">
${field('endorser-name', 'awardPage.endorserName', `<input id="endorser-name" name="name" required maxlength="160" autocomplete="name" value="${escape(values.name ?? '')}">`)}
${field('endorser-relation', 'awardPage.endorserRelation', `<input id="endorser-relation" name="relation" maxlength="200" value="${escape(values.relation ?? '')}">`)}
${field('endorsement-text', 'awardPage.endorsementText', `<textarea id="endorsement-text" name="text" required maxlength="4000">${escape(values.text ?? '')}</textarea>`)}
<div class="actions"><button type="submit">${escape(t(locale, 'awardPage.send'))}</button></div>
</form>
</main>`);
}

/** The nominee's consent: what would be published, and two answers. */
export function consentPage(locale: Locale, path: string, s: LinkSubject): string {
  const title = t(locale, 'awardPage.consentTitle');
  return page(locale, path, title, `<main>
<p class="meta">${escape(t(locale, 'awardPage.award'))}</p>
<h1>${escape(title)}</h1>
${intro(locale, s)}
<p>${escape(t(locale, 'awardPage.consentIntro'))}</p>
${s.statement ? `<h2>${escape(t(locale, 'awardPage.statement'))}</h2><blockquote>${escape(s.statement)}</blockquote>` : ''}
<form method="post" action="${escape(path)}?lang=${locale}">
<div class="actions">
<button type="submit" name="consent" value="given">${escape(t(locale, 'awardPage.consentGive'))}</button>
<button type="submit" name="consent" value="refused" class="secondary">${escape(t(locale, 'awardPage.consentRefuse'))}</button>
</div>
</form>
</main>`);
}

/** After a link was used: thanks, or the recorded refusal. */
export function linkDonePage(locale: Locale, path: string, key: 'awardPage.endorseThanks' | 'awardPage.consentGiven' | 'awardPage.consentRefused'): string {
  return page(locale, path, t(locale, 'awardPage.award'), `<main><h1>${escape(t(locale, 'awardPage.award'))}</h1><p class="notice" role="status">${escape(t(locale, key))}</p></main>`);
}

/** A forged, spent or expired link: the reason, translated. */
export function linkProblemPage(locale: Locale, path: string, code: ReasonCode): string {
  return page(locale, path, t(locale, 'awardPage.linkProblem'), `<main><h1>${escape(t(locale, 'awardPage.linkProblem'))}</h1><p class="problem" role="alert">${escape(t(locale, `errors.${code}`))}</p></main>`);
}

/** The public winners page: by cycle, newest first; each with its story and a link to verify the certificate. */
export function winnersPage(locale: Locale, path: string, winners: readonly PublicWinner[]): string {
  const title = t(locale, 'winnersPage.title');
  const country = (code: string | null) => (code ? (COUNTRIES.find((c) => c.id === code)?.labels[locale] ?? code) : null);
  const years = [...new Set(winners.map((w) => w.cycleYear))];
  const body = winners.length
    ? years
        .map((year) => {
          const items = winners
            .filter((w) => w.cycleYear === year)
            .map((w, i) => {
              const id = `winner-${year}-${i}`;
              const place = country(w.nomineeCountry);
              return `<li><article aria-labelledby="${id}">
<h3 id="${id}">${escape(w.nomineeName)}</h3>
<p class="meta">${escape(t(locale, 'winnersPage.category'))}: ${escape(w.categoryName[locale])}${place ? ` · ${escape(t(locale, 'winnersPage.country'))}: ${escape(place)}` : ''} · <time datetime="${escape(w.awardedOn)}">${escape(formatDate(locale, w.awardedOn))}</time></p>
<blockquote lang="${escape(w.storyLang)}">${escape(w.story)}</blockquote>
${w.credentialId ? `<p><a href="/verify/${encodeURIComponent(w.credentialId)}?lang=${locale}">${escape(t(locale, 'winnersPage.verify'))}</a></p>` : ''}
</article></li>`;
            })
            .join('');
          return `<section aria-labelledby="year-${year}"><h2 id="year-${year}">${escape(t(locale, 'winnersPage.cycle', { year }))}</h2><ul class="updates">${items}</ul></section>`;
        })
        .join('')
    : `<p>${escape(t(locale, 'winnersPage.none'))}</p>`;
  return page(locale, path, title, `<main><h1>${escape(title)}</h1><p>${escape(t(locale, 'winnersPage.intro'))}</p>${body}</main>
<footer><p>${escape(t(locale, 'winnersPage.privacy'))}</p></footer>`);
}
