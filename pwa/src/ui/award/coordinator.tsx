/**
 * The coordinator's side: a cycle with its nominations by status (the reviewers, the scores'
 * aggregates, the votes against the quorum), publishing it and assigning reviewers
 * automatically; and on a nomination, the eligibility ruling, reviewers by hand, the decision
 * per stage and consent recorded on paper. Everything through this device's store (offline
 * too), checked by the same mutators as on the server.
 */
import { useCallback, useId, useState } from 'react';
import type { NominationStatus } from '@mekendesh/core';
import type { CycleNomination, NominationDetail, Tally } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { useLocale, useT } from '../locale.tsx';
import { AField, AWARD_TABLES, Confirm, FormStatus, StatusBadge, Unsent, WindowLine, awardHref, inLocale, mutate, nominatorLine, offlineNow, reasonKey, useAward, useAwardLive, useFormats } from './kit.tsx';
import { AggregateLine, ReviewsTable } from './review-panel.tsx';

type Message = { kind: 'saved' | 'error'; text: Key; args?: Record<string, string | number> } | null;

const GROUPS: NominationStatus[] = ['submitted', 'eligible', 'in_review', 'shortlisted', 'awarded', 'not_awarded', 'ineligible', 'withdrawn'];
const REASONS = ['recent_winner', 'not_a_compatriot', 'incomplete', 'duplicate', 'other'] as const;

export function CycleScreen({ id }: { id: string }) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine, who } = useAward();
  const f = useFormats();
  const titleId = useId();
  const [detail] = useAwardLive(engine, AWARD_TABLES, useCallback(() => (who.coordinator ? engine.engine['awards.cycle']({ id }) : Promise.resolve(null)), [engine, id, who.coordinator]));
  const [message, setMessage] = useState<Message>(null);
  if (detail === undefined) return <p className="loading">{tr('award.loading')}</p>;
  if (detail === null) {
    return (
      <section className="card wide">
        <a className="back" href={awardHref.home}>
          {tr('award.back')}
        </a>
        <p className="hint">{tr('award.cycle.missing')}</p>
      </section>
    );
  }
  const c = detail.cycle;
  const run = (p: Promise<{ offline: boolean }>, done: Key) =>
    p.then(
      (r) => setMessage({ kind: 'saved', text: offlineNow(r.offline) ? 'award.savedOffline' : done }),
      (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
    );
  const eligible = detail.nominations.filter((n) => n.status === 'eligible' || n.status === 'in_review').length;
  return (
    <>
      <section className="card wide" aria-labelledby={titleId}>
        <a className="back" href={awardHref.home}>
          {tr('award.back')}
        </a>
        <h2 id={titleId}>
          {inLocale(c.title, locale)} {c.published ? null : <span className="badge draft">{tr('award.cycle.draft')}</span>}
        </h2>
        <WindowLine cycle={c} state={detail.window} />
        <dl className="facts">
          <dt>{tr('award.cycle.reviewEnd')}</dt>
          <dd>{f.day(c.reviewEnd)}</dd>
          <dt>{tr('award.cycle.announcement')}</dt>
          <dd>{f.day(c.announcement)}</dd>
          <dt>{tr('award.cycle.rubric')}</dt>
          <dd>
            {tr('award.cycle.scale', { min: c.rubric.scaleMin, max: c.rubric.scaleMax })}:{' '}
            {c.rubric.criteria.map((x) => `${inLocale(x.name, locale)} ×${f.count(x.weight)}`).join(' · ')}
          </dd>
          <dt>{tr('award.cycle.committee')}</dt>
          <dd>{detail.committee.map((m) => m.name ?? tr('award.someone')).join(', ')}</dd>
          <dt>{tr('award.cycle.rules')}</dt>
          <dd>{tr('award.cycle.rulesLine', { reviewers: c.reviewersPerNomination, quorum: c.quorum, cap: c.nominatorCap, cooldown: c.winnerCooldownCycles })}</dd>
        </dl>
        <div className="actions">
          <button type="button" className={c.published ? 'secondary' : 'primary'} onClick={() => void run(mutate(engine, 'awardCycle.publish', { id: c.id, published: !c.published }), c.published ? 'award.cycle.unpublished' : 'award.cycle.published')}>
            {tr(c.published ? 'award.cycle.unpublish' : 'award.cycle.publish')}
          </button>
          <button type="button" className="primary" disabled={eligible === 0} onClick={() => void run(mutate(engine, 'review.autoAssign', { cycleId: c.id }), 'award.assign.autoDone')}>
            {tr('award.assign.auto')}
          </button>
        </div>
        <p className="hint">{tr('award.assign.autoHint', { count: c.reviewersPerNomination })}</p>
        <FormStatus message={message} />
      </section>
      {detail.nominations.length === 0 ? (
        <section className="card wide">
          <p className="hint">{tr('award.cycle.noNominations')}</p>
        </section>
      ) : null}
      {GROUPS.map((status) => {
        const list = detail.nominations.filter((n) => n.status === status);
        return list.length ? <StatusGroup key={status} status={status} list={list} /> : null;
      })}
    </>
  );
}

function StatusGroup({ status, list }: { status: NominationStatus; list: CycleNomination[] }) {
  const tr = useT();
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {tr(`award.status.${status}`)} <span className="count">({list.length})</span>
      </h2>
      <ul className="items">
        {list.map((n) => (
          <li key={n.id} className="item">
            <CycleNominationItem n={n} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CycleNominationItem({ n }: { n: CycleNomination }) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const [message, setMessage] = useState<Message>(null);
  const stage = n.status === 'in_review' ? 'shortlist' : n.status === 'shortlisted' ? 'award' : null;
  return (
    <article aria-label={n.nomineeName} className="nomination-item">
      <h3>
        <a href={awardHref.nomination(n.id)}>{n.nomineeName}</a>
      </h3>
      <p className="meta">
        {inLocale(n.categoryName, locale)} · {tr('award.by', { name: nominatorLine(tr, n.associationId, n.associationName, n.nominatorName) })}
      </p>
      <p className="badges">
        <StatusBadge status={n.status} /> <span className={`badge consent-${n.consent}`}>{tr(`award.consent.short.${n.consent}`)}</span> <Unsent unsent={n.unsent} />
      </p>
      {n.assignments.length ? (
        <p className="meta">
          {tr('award.reviewers')}: {n.assignments.map((a) => `${a.reviewerName ?? tr('award.someone')} (${tr(reviewState(a.status, a.review))})`).join(', ')}
        </p>
      ) : null}
      {n.aggregate.count > 0 ? <AggregateLine aggregate={n.aggregate} /> : null}
      {stage ? <TallyLine stage={stage} tally={n.tallies[stage]} /> : null}
      {n.status === 'submitted' ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            aria-label={tr('award.rule.eligibleOf', { name: n.nomineeName })}
            onClick={() =>
              void mutate(engine, 'nomination.rule', { id: n.id, eligible: true }).then(
                () => setMessage({ kind: 'saved', text: 'award.rule.done' }),
                (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
              )
            }
          >
            {tr('award.rule.eligible')}
          </button>
          <a href={awardHref.nomination(n.id)}>{tr('award.open')}</a>
        </div>
      ) : null}
      {message ? <FormStatus message={message} /> : null}
    </article>
  );
}

const reviewState = (status: 'assigned' | 'recused', review: 'draft' | 'submitted' | null): Key =>
  status === 'recused' ? 'award.reviewer.recused' : review === 'submitted' ? 'award.reviewer.submitted' : review === 'draft' ? 'award.reviewer.draft' : 'award.reviewer.waiting';

function TallyLine({ stage, tally }: { stage: 'shortlist' | 'award'; tally: Tally }) {
  const tr = useT();
  const votes = tally.yes + tally.no + tally.abstain;
  return (
    <p className={`tally ${tally.quorumMet ? 'met' : 'short'}`}>
      {tr('award.tally', { stage: tr(`award.stage.${stage}`), yes: tally.yes, no: tally.no, abstain: tally.abstain, votes, quorum: tally.quorum })}{' '}
      <span className={`badge ${tally.quorumMet ? 'quorum-met' : 'quorum-short'}`}>{tr(tally.quorumMet ? 'award.quorum.met' : 'award.quorum.short')}</span>
    </p>
  );
}

/** A coordinator's part of one nomination: ruling, reviewers, scores, votes and the decision. */
export function NominationCoordinator({ d }: { d: NominationDetail }) {
  const tr = useT();
  const titleId = useId();
  const n = d.nomination;
  const stage = n.status === 'in_review' ? 'shortlist' : n.status === 'shortlisted' ? 'award' : null;
  return (
    <section className="award-part coordinator" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('award.coordinator')}</h3>
      {['submitted', 'eligible', 'ineligible'].includes(n.status) ? <Ruling d={d} /> : null}
      {['eligible', 'in_review', 'shortlisted', 'awarded', 'not_awarded'].includes(n.status) ? <Reviewers d={d} /> : null}
      {d.reviews.length || d.aggregate?.count ? (
        <div className="subform">
          <h4>{tr('award.scores')}</h4>
          {d.reviews.length ? <ReviewsTable cycle={d.cycle} reviews={d.reviews} /> : null}
          {d.aggregate ? <AggregateLine aggregate={d.aggregate} /> : null}
        </div>
      ) : null}
      {stage && d.tallies ? <Decision d={d} stage={stage} /> : null}
    </section>
  );
}

function Ruling({ d }: { d: NominationDetail }) {
  const tr = useT();
  const { engine } = useAward();
  const n = d.nomination;
  const [reason, setReason] = useState<(typeof REASONS)[number]>('incomplete');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const rule = (eligible: boolean) =>
    mutate(engine, 'nomination.rule', { id: n.id, eligible, reason: eligible ? null : reason, note: note.trim() || null }).then(
      () => setMessage({ kind: 'saved', text: 'award.rule.done' }),
      (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
    );
  return (
    <div className="subform">
      <h4>{tr('award.rule')}</h4>
      <div className="pair">
        <AField label={tr('award.rule.reason')} hint={tr('award.rule.reasonHint')}>
          {(a) => (
            <select {...a} value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {tr(`award.reason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </AField>
        <AField label={tr('award.rule.note')}>
          {(a) => <input {...a} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </AField>
      </div>
      <div className="actions">
        {n.status !== 'eligible' ? (
          <button type="button" className="primary" onClick={() => void rule(true)}>
            {tr('award.rule.eligible')}
          </button>
        ) : null}
        {n.status !== 'ineligible' ? (
          <button type="button" className="secondary" onClick={() => void rule(false)}>
            {tr('award.rule.ineligible')}
          </button>
        ) : null}
      </div>
      <FormStatus message={message} />
    </div>
  );
}

function Reviewers({ d }: { d: NominationDetail }) {
  const tr = useT();
  const { engine } = useAward();
  const n = d.nomination;
  const [pick, setPick] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const taken = new Set(d.assignments.map((a) => a.reviewerId));
  const free = d.committeeMembers.filter((m) => !taken.has(m.id) && m.id !== n.nominatorId && m.id !== n.nomineeAccountId);
  const open = n.status === 'eligible' || n.status === 'in_review';
  const act = (p: Promise<unknown>, done: Key) =>
    p.then(
      () => setMessage({ kind: 'saved', text: done }),
      (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
    );
  return (
    <div className="subform">
      <h4>{tr('award.reviewers')}</h4>
      {d.assignments.length === 0 ? <p className="hint">{tr('award.reviewers.none')}</p> : null}
      <ul className="items reviewers">
        {d.assignments.map((a) => {
          const name = a.reviewerName ?? tr('award.someone');
          return (
            <li key={a.id} className="member">
              <span className="member-name">
                {name} <span className={`badge reviewer-${a.review ?? a.status}`}>{tr(reviewState(a.status, a.review))}</span>
                {a.conflictNote ? <span className="hint"> — {a.conflictNote}</span> : null}
              </span>
              {open && a.status === 'assigned' && a.review !== 'submitted' ? (
                <button type="button" className="secondary" aria-label={tr('award.assign.removeOf', { name })} onClick={() => void act(mutate(engine, 'review.unassign', { id: a.id }), 'award.assign.removed')}>
                  {tr('award.form.remove')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {open && free.length ? (
        <div className="inline-form">
          <AField label={tr('award.assign.member')}>
            {(a) => (
              <select {...a} value={pick} onChange={(e) => setPick(e.target.value)}>
                <option value="">{tr('transfer.choose')}</option>
                {free.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name ?? m.id}
                  </option>
                ))}
              </select>
            )}
          </AField>
          <button type="button" className="secondary" disabled={!pick} onClick={() => void act(mutate(engine, 'review.assign', { nominationId: n.id, reviewerId: pick }).then(() => setPick('')), 'award.assign.done')}>
            {tr('award.assign.add')}
          </button>
        </div>
      ) : null}
      {open ? (
        <button type="button" className="secondary" onClick={() => void act(mutate(engine, 'review.autoAssign', { cycleId: n.cycleId }), 'award.assign.autoDone')}>
          {tr('award.assign.auto')}
        </button>
      ) : null}
      <FormStatus message={message} />
    </div>
  );
}

function Decision({ d, stage }: { d: NominationDetail; stage: 'shortlist' | 'award' }) {
  const tr = useT();
  const { engine } = useAward();
  const [message, setMessage] = useState<Message>(null);
  const tally = d.tallies![stage];
  return (
    <div className="subform">
      <h4>{tr(`award.decide.${stage}`)}</h4>
      <TallyLine stage={stage} tally={tally} />
      <Confirm
        label={tr('award.decide.record')}
        question={tr('award.decide.question', { outcome: tr(tally.carried ? (stage === 'shortlist' ? 'award.status.shortlisted' : 'award.status.awarded') : 'award.status.not_awarded') })}
        confirm={tr('award.decide.confirm')}
        onConfirm={() =>
          void mutate(engine, 'nomination.decide', { id: d.nomination.id, stage }).then(
            () => setMessage({ kind: 'saved', text: 'award.decide.done' }),
            (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
          )
        }
      />
      <FormStatus message={message} />
    </div>
  );
}
