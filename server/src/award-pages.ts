/**
 * Public award pages that need no account: the endorsement form and the nominee's consent
 * behind one-time links. Server-rendered, no scripts, plain forms: they work on any phone.
 */
import { formatDate, type Locale } from '@mekendesh/i18n';
import { t } from '@mekendesh/i18n/pages';
import { COUNTRIES, type ReasonCode } from '@mekendesh/core';
import { escape, page } from './project-page.ts';
import type { LinkSubject, PublicWinner } from './storage/award-store.ts';
import type { Verification } from './awards/credentials.ts';

function intro(locale: Locale, s: LinkSubject): string {
  return `<p>${escape(t(locale, 'awardPage.nomination', { name: s.nomineeName, year: String(s.cycleYear), category: s.categoryName[locale] }))}</p>`;
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
          return `<section aria-labelledby="year-${year}"><h2 id="year-${year}">${escape(t(locale, 'winnersPage.cycle', { year: String(year) }))}</h2><ul class="updates">${items}</ul></section>`;
        })
        .join('')
    : `<p>${escape(t(locale, 'winnersPage.none'))}</p>`;
  return page(locale, path, title, `<main><h1>${escape(title)}</h1><p>${escape(t(locale, 'winnersPage.intro'))}</p>${body}</main>
<footer><p>${escape(t(locale, 'winnersPage.privacy'))}</p></footer>`);
}

/** The public verification page a certificate's QR code opens: the verdict first, then the facts. */
export function verifyPage(locale: Locale, path: string, v: Verification | null): string {
  const title = t(locale, 'verifyPage.title');
  if (!v) return page(locale, path, title, `<main><h1>${escape(title)}</h1><p class="problem" role="alert">${escape(t(locale, 'verifyPage.notFound'))}</p></main>`);
  const r = v.result;
  const verdict = !r.ok
    ? `<p class="problem" role="alert">${escape(t(locale, 'verifyPage.invalid'))} ${escape(t(locale, `verifyPage.reason.${r.reason}`))}</p>`
    : r.status === 'revoked' || v.credential.revokedAt
      ? `<p class="problem" role="alert">${escape(t(locale, 'verifyPage.revoked'))}</p>`
      : r.status === 'unknown'
        ? `<p class="problem" role="status">${escape(t(locale, 'verifyPage.statusUnknown'))}</p>`
        : `<p class="notice" role="status">${escape(t(locale, 'verifyPage.valid'))}</p>`;
  const facts: [string, string][] = [];
  if (v.recipientName) facts.push([t(locale, 'verifyPage.recipient'), escape(v.recipientName)]);
  if (v.achievement) facts.push([t(locale, 'verifyPage.achievement'), escape(v.achievement[locale])]);
  if (v.awardedOn) facts.push([t(locale, 'verifyPage.date'), `<time datetime="${escape(v.awardedOn)}">${escape(formatDate(locale, v.awardedOn))}</time>`]);
  if (r.ok) {
    facts.push([t(locale, 'verifyPage.issuer'), escape(r.credential.issuer.name)]);
    facts.push([t(locale, 'verifyPage.key'), `<code>${escape(r.kid.replace(/^.*#/, ''))}</code>`]);
  }
  facts.push([t(locale, 'verifyPage.id'), `<code>urn:uuid:${escape(v.credential.id)}</code>`]);
  const id = encodeURIComponent(v.credential.id);
  const links = [
    ...(v.credential.kind === 'award'
      ? (['ky', 'ru', 'en'] as const).map((l) => `<li><a href="/api/public/certificates/${id}/pdf?lang=${l}" hreflang="${l}">${escape(t(locale, 'verifyPage.pdf'))} (${l.toUpperCase()})</a></li>`)
      : []),
    `<li><a href="/api/public/credentials/${id}">${escape(t(locale, 'verifyPage.credential'))}</a></li>`,
  ].join('');
  return page(locale, path, title, `<main>
<h1>${escape(title)}</h1>
${verdict}
<dl>${facts.map(([k, val]) => `<dt>${escape(k)}</dt><dd>${val}</dd>`).join('')}</dl>
<ul>${links}</ul>
</main>
<footer><p>${escape(t(locale, 'verifyPage.how'))}</p></footer>`);
}
