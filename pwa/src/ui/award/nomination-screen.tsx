/**
 * One nomination. Its nominator edits a draft in the form; after submission everyone who may
 * see it reads the same page: the status on its way to a decision, the nominee, the statement,
 * the evidence and the endorsements. The nominator adds endorsement and consent links (online);
 * committee members review, declare a conflict and vote (`review-panel.tsx`); coordinators
 * rule, assign and decide (`coordinator.tsx`).
 */
import { useCallback, useId, useState } from 'react';
import type { NominationDetail } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { useLocale, useT } from '../locale.tsx';
import { useReference } from '../reference.ts';
import { NominationCoordinator } from './coordinator.tsx';
import { EvidenceFiles } from './evidence-files.tsx';
import { AField, AWARD_TABLES, Confirm, FormStatus, STATUS_PATH, StatusBadge, Unsent, awardHref, inLocale, mutate, nominatorLine, reasonKey, useAward, useAwardLive, useFormats } from './kit.tsx';
import { NominationForm, Rejections } from './nomination-form.tsx';
import { ReviewPanel } from './review-panel.tsx';

export function NominationScreen({ id }: { id: string }) {
  const tr = useT();
  const { engine } = useAward();
  const [detail] = useAwardLive(engine, [...AWARD_TABLES, 'projects', 'engagements', 'needs', 'offers'], useCallback(() => engine.engine['awards.nomination']({ id }), [engine, id]));
  if (detail === undefined) return <p className="loading">{tr('award.loading')}</p>;
  if (detail === null) {
    return (
      <section className="card wide">
        <a className="back" href={awardHref.home}>
          {tr('award.back')}
        </a>
        <p className="hint">{tr('award.nomination.missing')}</p>
      </section>
    );
  }
  if (detail.mine && detail.nomination.status === 'draft') return <NominationForm detail={detail} />;
  return <NominationView d={detail} />;
}

function NominationView({ d }: { d: NominationDetail }) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const reference = useReference(engine);
  const f = useFormats();
  const n = d.nomination;
  const titleId = useId();
  const country = n.nomineeCountry ? (reference?.raw.countries.find((c) => c.id === n.nomineeCountry)?.labels[locale] ?? n.nomineeCountry) : null;
  const [error, setError] = useState<Key | null>(null);
  const canWithdraw = d.mine && !['awarded', 'not_awarded', 'withdrawn'].includes(n.status);
  return (
    <section className="card wide award-nomination" aria-labelledby={titleId}>
      <a className="back" href={awardHref.home}>
        {tr('award.back')}
      </a>
      <h2 id={titleId}>{n.nomineeName}</h2>
      <p className="meta">{[inLocale(d.categoryName, locale), inLocale(d.cycle.title, locale)].filter(Boolean).join(' · ')}</p>
      <p className="badges">
        <StatusBadge status={n.status} /> <Unsent unsent={d.unsent} />
      </p>
      {d.unsent ? <p className="hint">{tr('award.savedOffline')}</p> : null}
      {d.rejected.length ? <Rejections detail={d} /> : null}
      <Timeline d={d} />
      {n.status === 'ineligible' ? (
        <p className="award-note">
          {tr('award.ineligible.because', { reason: tr(`award.reason.${n.ineligibleReason ?? 'other'}`) })}
          {n.statusNote ? ` ${n.statusNote}` : ''}
        </p>
      ) : n.statusNote ? (
        <p className="award-note">{n.statusNote}</p>
      ) : null}

      <dl className="facts">
        <dt>{tr('award.nominee')}</dt>
        <dd>
          {n.nomineeName}
          {n.nomineeAccountId ? <span className="badge member"> {tr('award.nominee.member')}</span> : null}
        </dd>
        {country || n.nomineeCity ? (
          <>
            <dt>{tr('award.nominee.lives')}</dt>
            <dd>{[n.nomineeCity, country].filter(Boolean).join(', ')}</dd>
          </>
        ) : null}
        <dt>{tr('award.nominator')}</dt>
        <dd>{d.mine ? tr('award.nominator.you') : nominatorLine(tr, d.nomination.associationId, d.associationName, d.nominatorName)}</dd>
        {n.submittedAt ? (
          <>
            <dt>{tr('award.submitted')}</dt>
            <dd>{f.moment(n.submittedAt)}</dd>
          </>
        ) : null}
        <dt>{tr('award.consent')}</dt>
        <dd>{tr(`award.consent.${n.consent}`)}</dd>
      </dl>

      <section className="award-part" aria-labelledby={`${titleId}-statement`}>
        <h3 id={`${titleId}-statement`}>{tr('award.statement')}</h3>
        <p className="statement" lang={n.statementLang}>
          {n.statement}
        </p>
        <p className="hint">{tr('award.statement.lang', { lang: tr(`lang.${n.statementLang}`) })}</p>
      </section>

      <Evidence d={d} />
      <EvidenceFiles nominationId={n.id} files={n.evidenceFiles} canUpload={d.mine && ['submitted', 'eligible', 'in_review'].includes(n.status)} />
      <Endorsements d={d} />
      {d.mine || d.coordinator ? <ConsentPart d={d} /> : null}
      {d.committee || d.assignment ? <ReviewPanel d={d} /> : null}
      {d.coordinator ? <NominationCoordinator d={d} /> : null}
      {canWithdraw ? (
        <div className="actions">
          <Confirm
            label={tr('award.withdraw')}
            question={tr('award.withdraw.question')}
            confirm={tr('award.withdraw.confirm')}
            danger
            onConfirm={() => {
              setError(null);
              mutate(engine, 'nomination.withdraw', { id: n.id }).catch((err: unknown) => setError(reasonKey(err)));
            }}
          />
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </section>
  );
}

/** Where the nomination is on its way: the steps done, the current one, and the decisions. */
function Timeline({ d }: { d: NominationDetail }) {
  const tr = useT();
  const f = useFormats();
  const n = d.nomination;
  // Off the path (ineligible, not awarded, withdrawn): the steps it had reached, then where it ended.
  const final = n.status === 'not_awarded' || n.status === 'withdrawn' || n.status === 'ineligible';
  const reached = !final
    ? STATUS_PATH.indexOf(n.status) - 1
    : n.decisions.some((x) => x.outcome === 'shortlisted')
      ? STATUS_PATH.indexOf('shortlisted')
      : n.status === 'not_awarded'
        ? STATUS_PATH.indexOf('in_review')
        : n.submittedAt
          ? STATUS_PATH.indexOf('submitted')
          : 0;
  const at = final ? -1 : STATUS_PATH.indexOf(n.status);
  return (
    <ol className="timeline" aria-label={tr('award.timeline')}>
      {STATUS_PATH.map((s, i) => {
        const state = i === at ? 'current' : i <= reached ? 'done' : 'todo';
        return (
          <li key={s} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="dot" aria-hidden="true" />
            <span>{tr(`award.status.${s}`)}</span>
            {s === 'submitted' && n.submittedAt ? <span className="hint"> {f.day(n.submittedAt)}</span> : null}
          </li>
        );
      })}
      {final ? (
        <li data-state="current" aria-current="step">
          <span className="dot" aria-hidden="true" />
          <span>{tr(`award.status.${n.status}`)}</span>
        </li>
      ) : null}
      {n.decisions.map((x) => (
        <li key={`${x.stage}-${x.decidedAt}`} data-state="note" className="decision">
          {tr('award.decision.line', { stage: tr(`award.stage.${x.stage}`), outcome: tr(`award.status.${x.outcome}`), yes: x.yes, no: x.no, abstain: x.abstain, date: f.day(x.decidedAt) })}
        </li>
      ))}
    </ol>
  );
}

function Evidence({ d }: { d: NominationDetail }) {
  const tr = useT();
  const n = d.nomination;
  const titleId = useId();
  return (
    <section className="award-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('award.evidence')}</h3>
      {n.evidenceLinks.length === 0 && d.evidence.length === 0 ? <p className="hint">{tr('award.evidence.none')}</p> : null}
      <ul className="evidence">
        {n.evidenceLinks.map((l) => (
          <li key={l.url}>
            <a href={l.url} target="_blank" rel="noopener noreferrer">
              {l.title}
            </a>{' '}
            <span className="hint">{hostOf(l.url)}</span>
          </li>
        ))}
        {d.evidence.map((r) => (
          <li key={`${r.kind}-${r.id}`}>
            {r.kind === 'project'
              ? tr('award.evidence.project', { title: r.title ?? tr('award.evidence.untitled') })
              : tr('award.evidence.engagementShort', { title: r.title ?? tr('award.evidence.untitled') })}
          </li>
        ))}
      </ul>
    </section>
  );
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

/** Endorsements received, those still awaited, and (nominator, coordinator) a one-time link for a named person. */
function Endorsements({ d }: { d: NominationDetail }) {
  const tr = useT();
  const f = useFormats();
  const { engine } = useAward();
  const titleId = useId();
  const [name, setName] = useState('');
  const [link, setLink] = useState<{ url: string; expiresAt: string; name: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const [busy, setBusy] = useState(false);
  const n = d.nomination;
  const canInvite = (d.mine || d.coordinator) && ['submitted', 'eligible', 'in_review', 'shortlisted'].includes(n.status);
  const received = d.endorsements.filter((e) => e.status === 'received');
  const waiting = d.endorsements.filter((e) => e.status === 'invited');
  const create = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await engine.engine['awards.endorsementLink']({ nominationId: n.id, invitedName: name });
      setLink({ url: r.url, expiresAt: r.expiresAt, name: name.trim() });
      setName('');
    } catch (err) {
      setMessage({ kind: 'error', text: (err as { code?: string }).code === 'invalid_args' ? 'award.endorse.nameRequired' : reasonKey(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="award-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('award.endorsements')}</h3>
      {received.length === 0 ? <p className="hint">{tr('award.endorsements.none')}</p> : null}
      <ul className="items">
        {received.map((e) => (
          <li key={e.id} className="item">
            <figure className="endorsement" aria-label={e.endorserName ?? e.invitedName}>
              <blockquote>{e.text}</blockquote>
              <figcaption>
                {e.endorserName}
                {e.endorserRelation ? <span className="hint">, {e.endorserRelation}</span> : null}
                {e.receivedAt ? <span className="hint"> · {f.day(e.receivedAt)}</span> : null}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      {waiting.length ? <p className="hint">{tr('award.endorsements.waiting', { names: waiting.map((e) => e.invitedName).join(', ') })}</p> : null}
      {canInvite ? (
        <div className="subform">
          <h4>{tr('award.endorse.invite')}</h4>
          <div className="inline-form">
            <AField label={tr('award.endorse.name')} hint={tr('award.endorse.hint')}>
              {(a) => <input {...a} autoComplete="off" maxLength={160} value={name} onChange={(e) => setName(e.target.value)} />}
            </AField>
            <button type="button" className="primary" disabled={busy} onClick={() => void create()}>
              {tr('award.endorse.create')}
            </button>
          </div>
          {link ? <OneTimeLink label={tr('award.endorse.linkFor', { name: link.name })} url={link.url} expires={f.day(link.expiresAt)} /> : null}
          <FormStatus message={message} />
        </div>
      ) : null}
    </section>
  );
}

/** The nominee's consent to being published: a one-time link (nominator, coordinator), or on paper (coordinator). */
function ConsentPart({ d }: { d: NominationDetail }) {
  const tr = useT();
  const f = useFormats();
  const { engine } = useAward();
  const titleId = useId();
  const n = d.nomination;
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const [busy, setBusy] = useState(false);
  const open = !['draft', 'withdrawn', 'awarded', 'not_awarded', 'ineligible'].includes(n.status);
  const create = async () => {
    setBusy(true);
    setMessage(null);
    try {
      setLink(await engine.engine['awards.consentLink']({ nominationId: n.id }));
    } catch (err) {
      setMessage({ kind: 'error', text: reasonKey(err) });
    } finally {
      setBusy(false);
    }
  };
  const record = (consent: 'given' | 'refused') =>
    mutate(engine, 'nomination.recordConsent', { id: n.id, consent }).then(
      () => setMessage({ kind: 'saved', text: 'award.consent.recorded' }),
      (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
    );
  return (
    <section className="award-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('award.consent')}</h3>
      <p>
        <span className={`badge consent-${n.consent}`}>{tr(`award.consent.${n.consent}`)}</span>
        {n.consentAt ? <span className="hint"> · {f.day(n.consentAt)}</span> : null}
      </p>
      <p className="hint">{tr('award.consent.hint')}</p>
      {open && n.consent === 'pending' ? (
        <div className="actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void create()}>
            {tr('award.consent.createLink')}
          </button>
          {d.coordinator ? (
            <>
              <button type="button" className="secondary" onClick={() => void record('given')}>
                {tr('award.consent.recordGiven')}
              </button>
              <button type="button" className="secondary" onClick={() => void record('refused')}>
                {tr('award.consent.recordRefused')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {link ? <OneTimeLink label={tr('award.consent.linkFor', { name: n.nomineeName })} url={link.url} expires={f.day(link.expiresAt)} /> : null}
      <FormStatus message={message} />
    </section>
  );
}

/** A one-time link, shown once: read-only, selected on focus, with a copy button. */
function OneTimeLink({ label, url, expires }: { label: string; url: string; expires: string }) {
  const tr = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="one-time-link">
      <label htmlFor={id}>{label}</label>
      <div className="inline-form">
        <input id={id} readOnly value={url} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${id}-hint`} />
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {tr(copied ? 'award.link.copied' : 'award.link.copy')}
        </button>
      </div>
      <small id={`${id}-hint`} className="hint">
        {tr('award.link.once', { date: expires })}
      </small>
    </div>
  );
}
