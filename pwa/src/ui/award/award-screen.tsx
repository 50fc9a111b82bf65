/**
 * The Mykty Mekendesh award page: what each role sees of it. Everyone signed in sees the
 * published cycles and their nomination windows; embassy staff and association leaders
 * nominate and follow their nominations; committee members review, declare conflicts and
 * vote; coordinators set cycles up and run them. It all reads and writes this device's store
 * through the engine (offline too); links and evidence files alone need the server.
 * Loaded with its own chunk (`pages.tsx`), strings and styles included.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { CycleSummary, Engine, NominationSummary, ReviewQueueItem } from '../../engine-client.ts';
import { FileLink, PublicLink } from '../links.tsx';
import '../../i18n/award.ts';
import { useLocale, useT } from '../locale.tsx';
import { CycleForm } from './cycle-form.tsx';
import { CycleScreen } from './coordinator.tsx';
import { AWARD_TABLES, AwardScopeContext, StatusBadge, Unsent, WindowLine, awardHref, inLocale, reasonKey, useAward, useAwardLive, useFormats, type AwardScope } from './kit.tsx';
import type { Key } from '../../i18n/index.ts';
import { NominationForm } from './nomination-form.tsx';
import { NominationScreen } from './nomination-screen.tsx';
import './award.css';

/** `path`: what follows `#/award/` (`new`, `nomination/<id>`, `cycle/<id>`, `new-cycle`, `consent/<id>`). */
export default function AwardScreen({ engine, path }: { engine: Engine; path: string }) {
  const tr = useT();
  const [scope, setScope] = useState<AwardScope | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      void engine.engine['awards.context']().then(
        (who) => live && setScope({ engine, who }),
        () => live && setFailed(true),
      );
    load();
    // Roles arrive with the account row, committees with the cycles.
    const off = engine.onEvent((e) => {
      if (e.type === 'changes' && (e.tables.includes('accounts') || e.tables.includes('award_cycles') || e.tables.includes('memberships'))) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [engine]);
  if (!scope) return <p className="loading">{failed ? tr('errors.internal') : tr('award.loading')}</p>;
  const [head = '', id] = path.split('/');
  const decoded = id ? decodeURIComponent(id) : undefined;
  return (
    <AwardScopeContext.Provider value={scope}>
      <div className="award">
        {head === 'new' ? (
          <NominationForm key={`new-${decoded ?? ''}`} initialCycleId={decoded} />
        ) : head === 'nomination' && decoded ? (
          <NominationScreen key={decoded} id={decoded} />
        ) : head === 'cycle' && decoded ? (
          <CycleScreen key={decoded} id={decoded} />
        ) : head === 'new-cycle' ? (
          <CycleForm />
        ) : head === 'consent' && decoded ? (
          <ConsentScreen key={decoded} id={decoded} />
        ) : (
          <AwardHome />
        )}
      </div>
    </AwardScopeContext.Provider>
  );
}

type NomineeView = Awaited<ReturnType<Engine['engine']['awards.nomineeView']>>;

/**
 * A nomination of this member, from the notification that asks for consent: what would be
 * published, and their answer (online only; the nominee never holds the nomination itself).
 */
function ConsentScreen({ id }: { id: string }) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const f = useFormats();
  const titleId = useId();
  const [view, setView] = useState<NomineeView | null>(null);
  const [error, setError] = useState<Key | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    engine.engine['awards.nomineeView']({ nominationId: id }).then(
      (v) => live && setView(v),
      (err: unknown) => live && setError(reasonKey(err)),
    );
    return () => {
      live = false;
    };
  }, [engine, id]);
  const answer = async (consent: 'given' | 'refused') => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      await engine.engine['awards.nomineeConsent']({ nominationId: id, consent });
      setView((v) => v && { ...v, consent, consentAt: new Date().toISOString() });
      setSaved(true);
    } catch (err) {
      setError(reasonKey(err));
    } finally {
      setBusy(false);
    }
  };
  const state = !view ? '' : view.consent === 'pending' || !view.consentAt ? tr('award.consent.state.pending') : tr(`award.consent.state.${view.consent}`, { date: f.day(view.consentAt.slice(0, 10)) });
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <a className="back" href={awardHref.home}>
        {tr('award.back')}
      </a>
      <h2 id={titleId}>{tr('award.consent.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
      {view ? (
        <>
          <p>{tr('award.consent.intro', { cycle: inLocale(view.cycleTitle, locale), category: inLocale(view.categoryName, locale) })}</p>
          {view.statement ? (
            <figure className="statement">
              <figcaption>{tr('award.consent.statement')}</figcaption>
              <blockquote>{view.statement}</blockquote>
            </figure>
          ) : null}
          <p role="status">
            {state}
            {saved ? ` ${tr('award.consent.saved')}` : ''}
          </p>
          <p className="hint">{tr('award.consent.change')}</p>
          <div className="actions">
            <button type="button" disabled={busy || view.consent === 'given'} onClick={() => void answer('given')}>
              {tr('award.consent.give')}
            </button>{' '}
            <button type="button" disabled={busy || view.consent === 'refused'} onClick={() => void answer('refused')}>
              {tr('award.consent.refuse')}
            </button>
          </div>
        </>
      ) : !error ? (
        <p className="loading">{tr('award.loading')}</p>
      ) : null}
    </section>
  );
}

function AwardHome() {
  const tr = useT();
  const { engine, who } = useAward();
  const titleId = useId();
  const [cycles] = useAwardLive(engine, AWARD_TABLES, useCallback(() => engine.engine['awards.cycles'](), [engine]));
  const nominator = who.embassy || who.associations.length > 0;
  const committee = who.committeeCycles.length > 0;
  return (
    <>
      <section className="card wide award-hero" aria-labelledby={titleId}>
        <h2 id={titleId}>{tr('award.title')}</h2>
        <p>{tr('award.intro')}</p>
        {!nominator && !committee && !who.coordinator ? <p className="hint">{tr('award.whoNominates')}</p> : null}
      </section>
      <CyclesPart cycles={cycles} />
      {nominator ? <MyNominations cycles={cycles} /> : null}
      {committee ? <ReviewQueue /> : null}
      <MyCertificates />
      <VerifyCertificate />
    </>
  );
}

/** The account's certificates and badges, with their verification page, PDF and digital copy (kept for offline). */
function MyCertificates() {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const f = useFormats();
  const titleId = useId();
  const [list, setList] = useState<Awaited<ReturnType<Engine['engine']['credentials.mine']>> | null>(null);
  useEffect(() => {
    let live = true;
    void engine.engine['credentials.mine']().then((l) => live && setList(l), () => {});
    return () => {
      live = false;
    };
  }, [engine]);
  if (!list) return null;
  const copyHref = (jws: string) => `data:application/jwt;charset=utf-8,${encodeURIComponent(jws)}`;
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('award.mine.certificates')}</h2>
      {!list.online && list.items.length > 0 ? <p className="hint">{tr('award.mine.certificates.offline')}</p> : null}
      {list.items.length === 0 ? <p className="hint">{tr('award.mine.certificates.none')}</p> : null}
      <ul className="items">
        {list.items.map((c) => {
          const title = c.title ? inLocale(c.title, locale) : tr(c.kind === 'award' ? 'award.mine.certificates.award' : 'award.mine.certificates.badge');
          return (
            <li key={c.id} className="item">
              <article aria-label={title}>
                <h3>{title}</h3>
                <p className="meta">
                  {tr(c.kind === 'award' ? 'award.mine.certificates.award' : 'award.mine.certificates.badge')}
                  {c.recipientName ? ` · ${c.recipientName}` : ''} · {tr('award.mine.certificates.issued', { date: f.day(c.issuedAt.slice(0, 10)) })}
                  {c.revokedAt ? <span className="badge draft"> {tr('award.mine.certificates.revoked')}</span> : null}
                </p>
                <p className="links">
                  <PublicLink path={`/verify/${c.id}?lang=${locale}`}>{tr('award.mine.certificates.verify')}</PublicLink>
                  {c.kind === 'award' ? (
                    <>
                      {' · '}
                      <FileLink path={`/api/public/certificates/${c.id}/pdf?lang=${locale}`} name={`mykty-mekendesh-${c.id}-${locale}.pdf`}>
                        {tr('award.mine.certificates.pdf')}
                      </FileLink>
                    </>
                  ) : null}
                  {' · '}
                  <a href={copyHref(c.jws)} download={`mekendesh-${c.kind}-${c.id}.jwt`}>
                    {tr('award.mine.certificates.copy')}
                  </a>
                </p>
              </article>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Checks a certificate on this device against the pinned issuer keys and the last revocation
 * list: a diplomat at a reception, a village head offline, anyone handed a certificate file.
 */
function VerifyCertificate() {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const f = useFormats();
  const titleId = useId();
  const inputId = useId();
  const fileId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<Engine['engine']['credentials.verify']>> | null>(null);
  // Pins the issuer's keys while online, so a later check works without the network.
  useEffect(() => {
    void engine.engine['credentials.refresh']().catch(() => {});
  }, [engine]);
  const check = (value: string) => {
    setBusy(true);
    setResult(null);
    void engine.engine['credentials.verify']({ text: value }).then(
      (r) => setResult(r),
      () => setResult({ ok: false, reason: 'not_a_certificate', online: false }),
    ).finally(() => setBusy(false));
  };
  const verdict = !result
    ? null
    : !result.ok
      ? tr(`award.verify.reason.${result.reason}`)
      : result.status === 'revoked'
        ? tr('award.verify.revoked')
        : result.status === 'unknown'
          ? tr('award.verify.unknownStatus')
          : tr('award.verify.genuine');
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('award.verify.title')}</h2>
      <p className="hint">{tr('award.verify.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          check(text);
        }}
      >
        <label htmlFor={inputId}>{tr('award.verify.input')}</label>
        <textarea id={inputId} rows={3} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} autoComplete="off" />
        <div className="verify-actions file-field">
          <button type="submit" disabled={busy || text.trim() === ''}>
            {busy ? tr('award.verify.checking') : tr('award.verify.check')}
          </button>
          <label htmlFor={fileId} className="file-button">
            {tr('award.verify.file')}
          </label>
          <input
            id={fileId}
            type="file"
            className="file-input"
            accept=".jwt,.txt,.json,application/jwt,application/json,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              void file.text().then((content) => {
                setText(content.trim());
                check(content);
              });
            }}
          />
        </div>
      </form>
      {result ? (
        <div className={`verify-result ${result.ok && result.status === 'active' ? 'good' : 'bad'}`} role={result.ok && result.status === 'active' ? 'status' : 'alert'}>
          <p>
            <strong>{verdict}</strong>
          </p>
          {result.ok ? (
            <dl className="facts">
              {result.recipientName ? (
                <>
                  <dt>{tr('award.verify.recipient')}</dt>
                  <dd>{result.recipientName}</dd>
                </>
              ) : null}
              {result.achievement ? (
                <>
                  <dt>{tr('award.verify.achievement')}</dt>
                  <dd>{inLocale(result.achievement, locale)}</dd>
                </>
              ) : null}
              {result.awardedOn ? (
                <>
                  <dt>{tr('award.verify.awardedOn')}</dt>
                  <dd>{f.day(result.awardedOn)}</dd>
                </>
              ) : null}
              <dt>{tr('award.verify.issuer')}</dt>
              <dd>{result.issuerName}</dd>
            </dl>
          ) : null}
          {result.ok && result.statusAsOf ? <p className="meta">{tr('award.verify.statusAsOf', { date: f.moment(result.statusAsOf) })}</p> : null}
          {!result.online ? <p className="meta">{tr('award.verify.offline')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

function CyclesPart({ cycles }: { cycles: CycleSummary[] | undefined }) {
  const tr = useT();
  const { locale } = useLocale();
  const { who } = useAward();
  const f = useFormats();
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <div className="award-head">
        <h2 id={titleId}>{tr('award.cycles')}</h2>
        {who.coordinator ? (
          <a className="button-link" href={awardHref.newCycle}>
            {tr('award.cycle.new')}
          </a>
        ) : null}
      </div>
      {cycles && cycles.length === 0 ? <p className="hint">{tr('award.cycles.none')}</p> : null}
      <ul className="items">
        {cycles?.map((c) => {
          const name = inLocale(c.title, locale);
          return (
            <li key={c.id} className="item award-cycle">
              <article aria-label={name}>
                <h3>
                  {who.coordinator ? <a href={awardHref.cycle(c.id)}>{name}</a> : name}
                  {c.published ? null : <span className="badge draft"> {tr('award.cycle.draft')}</span>}
                  {c.onCommittee ? <span className="badge committee"> {tr('award.cycle.youAreOnCommittee')}</span> : null}
                </h3>
                <WindowLine cycle={c} state={c} />
                <dl className="facts">
                  <dt>{tr('award.cycle.reviewEnd')}</dt>
                  <dd>{f.day(c.reviewEnd)}</dd>
                  <dt>{tr('award.cycle.announcement')}</dt>
                  <dd>{f.day(c.announcement)}</dd>
                  <dt>{tr('award.cycle.categories')}</dt>
                  <dd>{c.categories.map((x) => inLocale(x.name, locale)).join(' · ')}</dd>
                  {who.coordinator ? (
                    <>
                      <dt>{tr('award.cycle.nominations')}</dt>
                      <dd>{tr('award.count.nominations', { count: c.nominations })}</dd>
                    </>
                  ) : null}
                </dl>
              </article>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function MyNominations({ cycles }: { cycles: CycleSummary[] | undefined }) {
  const tr = useT();
  const { engine } = useAward();
  const titleId = useId();
  const [list] = useAwardLive(engine, AWARD_TABLES, useCallback(() => engine.engine['awards.myNominations'](), [engine]));
  const open = cycles?.some((c) => c.published && c.window !== 'after');
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <div className="award-head">
        <h2 id={titleId}>{tr('award.mine')}</h2>
        {open ? (
          <a className="button-link" href={awardHref.newNomination()}>
            {tr('award.nominate')}
          </a>
        ) : null}
      </div>
      {list && list.length === 0 ? <p className="hint">{tr('award.mine.none')}</p> : null}
      <ul className="items">
        {list?.map((n) => (
          <li key={n.id} className="item">
            <NominationItem n={n} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function NominationItem({ n, extra }: { n: NominationSummary; extra?: ReactNode }) {
  const tr = useT();
  const { locale } = useLocale();
  const f = useFormats();
  const name = n.nomineeName || tr('award.nominee.unnamed');
  return (
    <article aria-label={name} className="nomination-item">
      <h3>
        <a href={awardHref.nomination(n.id)}>{name}</a>
      </h3>
      <p className="meta">
        {[inLocale(n.categoryName, locale), n.cycleTitle ? inLocale(n.cycleTitle, locale) : null].filter(Boolean).join(' · ')}
      </p>
      <p className="badges">
        <StatusBadge status={n.status} /> <Unsent unsent={n.unsent} /> {extra}
      </p>
      <p className="meta">{n.submittedAt ? tr('award.submittedOn', { date: f.moment(n.submittedAt) }) : tr('award.changedOn', { date: f.moment(n.updatedAt) })}</p>
    </article>
  );
}

function ReviewQueue() {
  const tr = useT();
  const { engine } = useAward();
  const titleId = useId();
  const [queue] = useAwardLive(engine, AWARD_TABLES, useCallback(() => engine.engine['awards.reviewQueue'](), [engine]));
  const state = (q: ReviewQueueItem) =>
    q.review === 'submitted' ? (
      <span className="badge reviewed">{tr('award.queue.reviewed')}</span>
    ) : q.assigned ? (
      <span className="badge assigned">{tr(q.review === 'draft' ? 'award.queue.draft' : 'award.queue.assigned')}</span>
    ) : null;
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('award.queue')}</h2>
      <p className="hint">{tr('award.queue.hint')}</p>
      {queue && queue.length === 0 ? <p className="hint">{tr('award.queue.none')}</p> : null}
      <ul className="items">
        {queue?.map((q) => (
          <li key={q.id} className="item">
            <NominationItem n={q} extra={state(q)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
