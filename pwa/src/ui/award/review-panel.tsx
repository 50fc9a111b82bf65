/**
 * A committee member's part of a nomination: declaring a conflict of interest (then it is no
 * longer theirs to see), scoring it on the cycle's rubric with a comment (saved as a draft,
 * then submitted for good), other reviewers' scores once their own are in (not before: no
 * anchoring), and their vote at the shortlist and award stages.
 */
import { useId, useState, type CSSProperties } from 'react';
import type { AwardCycle, Review } from '@mekendesh/core';
import type { NominationDetail } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { useLocale, useT } from '../locale.tsx';
import { AField, Confirm, FormStatus, awardHref, inLocale, mutate, offlineNow, reasonKey, refusalOf, useAward, useFormats } from './kit.tsx';

type Message = { kind: 'saved' | 'error'; text: Key } | null;

export function ReviewPanel({ d }: { d: NominationDetail }) {
  const tr = useT();
  const titleId = useId();
  const n = d.nomination;
  const assigned = d.assignment?.status === 'assigned';
  const stage = n.status === 'in_review' ? 'shortlist' : n.status === 'shortlisted' ? 'award' : null;
  return (
    <section className="award-part review-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('award.review')}</h3>
      {assigned ? (
        <Scoring d={d} />
      ) : (
        <p className="hint">{tr('award.review.notAssigned')}</p>
      )}
      {d.committee && stage ? <Vote d={d} stage={stage} /> : null}
      {d.committee && !['awarded', 'not_awarded'].includes(n.status) ? <Conflict d={d} /> : null}
    </section>
  );
}

/** The rubric, one question per criterion; read-only once submitted. */
function Scoring({ d }: { d: NominationDetail }) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const f = useFormats();
  const rubric = d.cycle.rubric;
  const submitted = d.review?.status === 'submitted';
  const [scores, setScores] = useState<Record<string, number>>(() => ({ ...(d.review?.scores ?? {}) }));
  const [comment, setComment] = useState(d.review?.comment ?? '');
  const [errors, setErrors] = useState<Record<string, Key>>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const open = d.nomination.status === 'in_review';
  const totalWeight = rubric.criteria.reduce((s, c) => s + c.weight, 0);

  const save = async (submit: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await mutate(engine, 'review.save', { assignmentId: d.assignment!.id, scores, comment, submit });
      setErrors({});
      setMessage({ kind: 'saved', text: submit ? 'award.review.submitted' : offlineNow(r.offline) ? 'award.review.savedOffline' : 'award.review.saved' });
    } catch (err) {
      const code = (err as { code?: string }).code;
      const detail = (err as { detail?: { missing?: string[]; criterion?: string } }).detail;
      const next: Record<string, Key> = {};
      if (code === 'scores_incomplete') for (const id of detail?.missing ?? []) next[id] = 'award.review.missing';
      if (code === 'score_out_of_range' && detail?.criterion) next[detail.criterion] = 'errors.score_out_of_range';
      setErrors(next);
      setMessage({ kind: 'error', text: refusalOf(err).message });
    } finally {
      setBusy(false);
    }
  };

  const weighted = (() => {
    let sum = 0;
    let w = 0;
    for (const c of rubric.criteria) if (scores[c.id] !== undefined) (sum += scores[c.id]! * c.weight), (w += c.weight);
    return w ? sum / w : null;
  })();

  return (
    <>
      <form className="rubric" aria-labelledby={formId} onSubmit={(e) => e.preventDefault()} noValidate>
        <h4 id={formId}>{tr('award.review.yourScores')}</h4>
        <p className="hint">{tr('award.review.scale', { min: rubric.scaleMin, max: rubric.scaleMax })}</p>
        {rubric.criteria.map((c) => (
          <Criterion
            key={c.id}
            name={inLocale(c.name, locale)}
            weight={tr('award.review.weight', { weight: c.weight, share: Math.round((c.weight / totalWeight) * 100) })}
            min={rubric.scaleMin}
            max={rubric.scaleMax}
            value={scores[c.id]}
            error={errors[c.id]}
            disabled={submitted || !open}
            onChange={(v) => {
              setScores((s) => ({ ...s, [c.id]: v }));
              setErrors((e) => {
                const { [c.id]: _, ...rest } = e;
                return rest;
              });
            }}
          />
        ))}
        <p className="weighted">
          {tr('award.review.weighted')}: <strong>{f.score(weighted)}</strong>
        </p>
        <AField label={tr('award.review.comment')} hint={tr('award.review.commentHint')}>
          {(a) => <textarea {...a} rows={4} maxLength={4000} value={comment} readOnly={submitted || !open} onChange={(e) => setComment(e.target.value)} />}
        </AField>
        {submitted ? (
          <p className="notice">{tr('award.review.isSubmitted', { date: d.review?.submittedAt ? f.moment(d.review.submittedAt) : '' })}</p>
        ) : open ? (
          <div className="actions">
            <button type="button" className="secondary" disabled={busy} onClick={() => void save(false)}>
              {tr('award.review.save')}
            </button>
            <Confirm label={tr('award.review.submit')} question={tr('award.review.submitQuestion')} confirm={tr('award.review.submitConfirm')} onConfirm={() => void save(true)} />
          </div>
        ) : (
          <p className="hint">{tr('award.review.closed')}</p>
        )}
        <FormStatus message={message} />
      </form>
      <OthersScores d={d} submitted={submitted} />
    </>
  );
}

/** One criterion: a row of choices on a short scale, a number on a long one. */
function Criterion({
  name,
  weight,
  min,
  max,
  value,
  error,
  disabled,
  onChange,
}: {
  name: string;
  weight: string;
  min: number;
  max: number;
  value: number | undefined;
  error: Key | undefined;
  disabled: boolean;
  onChange(v: number): void;
}) {
  const tr = useT();
  const id = useId();
  const steps = max - min + 1;
  if (steps > 11) {
    return (
      <AField label={name} hint={weight} error={error}>
        {(a) => (
          <input
            {...a}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            disabled={disabled}
            value={value ?? ''}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (e.target.value !== '' && Number.isInteger(v)) onChange(v);
            }}
          />
        )}
      </AField>
    );
  }
  return (
    <div className="criterion">
      <div className="criterion-head">
        <span id={`${id}-name`} className="criterion-name">
          {name}
        </span>
        <span id={`${id}-weight`} className="hint">
          {weight}
        </span>
      </div>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-name`}
        aria-describedby={`${id}-weight${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        className="scale"
        style={{ '--steps': steps, '--half': Math.ceil(steps / 2) } as CSSProperties}
      >
        {Array.from({ length: steps }, (_, i) => min + i).map((v) => (
          <label key={v} className={value === v ? 'on' : undefined}>
            <input type="radio" name={id} value={v} checked={value === v} disabled={disabled} onChange={() => onChange(v)} />
            <span>{v}</span>
          </label>
        ))}
      </div>
      {error ? (
        <small id={`${id}-error`} className="error">
          {tr(error)}
        </small>
      ) : null}
    </div>
  );
}

/** Others' scores: a note until one's own are in, then each review and the aggregate. */
function OthersScores({ d, submitted }: { d: NominationDetail; submitted: boolean }) {
  const tr = useT();
  const titleId = useId();
  if (!submitted) return <p className="hint award-note">{tr('award.review.othersLater')}</p>;
  return (
    <section className="others" aria-labelledby={titleId}>
      <h4 id={titleId}>{tr('award.review.others')}</h4>
      {d.reviews.length === 0 ? <p className="hint">{tr('award.review.othersNone')}</p> : <ReviewsTable cycle={d.cycle} reviews={d.reviews} />}
      {d.aggregate ? <AggregateLine aggregate={d.aggregate} /> : null}
    </section>
  );
}

/** Reviews side by side: a row per reviewer, a column per criterion, and the weighted score. */
export function ReviewsTable({ cycle, reviews }: { cycle: AwardCycle; reviews: (Review & { reviewerName: string | null; weighted: number | null })[] }) {
  const tr = useT();
  const { locale } = useLocale();
  const f = useFormats();
  return (
    <div className="table-scroll">
      <table className="scores">
        <caption className="sr-only">{tr('award.review.others')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('award.reviewer')}</th>
            {cycle.rubric.criteria.map((c) => (
              <th key={c.id} scope="col">
                {inLocale(c.name, locale)}
              </th>
            ))}
            <th scope="col">{tr('award.review.weighted')}</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.reviewerName ?? tr('award.someone')}</th>
              {cycle.rubric.criteria.map((c) => (
                <td key={c.id}>{f.score(r.scores[c.id])}</td>
              ))}
              <td>
                <strong>{f.score(r.weighted)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reviews.some((r) => r.comment) ? (
        <ul className="comments">
          {reviews
            .filter((r) => r.comment)
            .map((r) => (
              <li key={r.id}>
                <strong>{r.reviewerName ?? tr('award.someone')}:</strong> {r.comment}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

export function AggregateLine({ aggregate }: { aggregate: NonNullable<NominationDetail['aggregate']> }) {
  const tr = useT();
  const f = useFormats();
  if (aggregate.count === 0) return <p className="hint">{tr('award.aggregate.none')}</p>;
  return (
    <dl className="aggregate" aria-label={tr('award.aggregate')}>
      <div>
        <dt>{tr('award.aggregate.mean')}</dt>
        <dd>{f.score(aggregate.mean)}</dd>
      </div>
      <div>
        <dt>{tr('award.aggregate.median')}</dt>
        <dd>{f.score(aggregate.median)}</dd>
      </div>
      <div>
        <dt>{tr('award.aggregate.spread')}</dt>
        <dd>{f.score(aggregate.spread)}</dd>
      </div>
      <div>
        <dt>{tr('award.aggregate.reviews')}</dt>
        <dd>{f.count(aggregate.count)}</dd>
      </div>
    </dl>
  );
}

/** Yes, no or abstain at the current stage; changeable until the coordinator records the decision. */
function Vote({ d, stage }: { d: NominationDetail; stage: 'shortlist' | 'award' }) {
  const tr = useT();
  const { engine } = useAward();
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const current = chosen ?? d.myVotes[stage] ?? null;
  const vote = (v: 'yes' | 'no' | 'abstain') => {
    setChosen(v);
    setMessage(null);
    mutate(engine, 'award.vote', { nominationId: d.nomination.id, stage, vote: v }).then(
      (r) => setMessage({ kind: 'saved', text: offlineNow(r.offline) ? 'award.vote.savedOffline' : 'award.vote.saved' }),
      (err: unknown) => {
        setChosen(null);
        setMessage({ kind: 'error', text: reasonKey(err) });
      },
    );
  };
  return (
    <div className="vote">
      <h4 id={`${id}-title`}>{tr(`award.vote.${stage}`)}</h4>
      <div role="radiogroup" aria-labelledby={`${id}-title`} className="segmented">
        {(['yes', 'no', 'abstain'] as const).map((v) => (
          <label key={v} className={current === v ? 'on' : undefined}>
            <input type="radio" name={id} value={v} checked={current === v} onChange={() => vote(v)} />
            {tr(`award.vote.${v}`)}
          </label>
        ))}
      </div>
      <FormStatus message={message} />
    </div>
  );
}

/** Declaring a conflict of interest, with a note; afterwards the nomination leaves this device's screens. */
function Conflict({ d }: { d: NominationDetail }) {
  const tr = useT();
  const { engine } = useAward();
  const [note, setNote] = useState('');
  const [error, setError] = useState<Key | null>(null);
  return (
    <div className="conflict">
      <p className="hint">{tr('award.conflict.hint')}</p>
      <Confirm
        label={tr('award.conflict.declare')}
        question={tr('award.conflict.question', { name: d.nomination.nomineeName })}
        confirm={tr('award.conflict.confirm')}
        danger
        onConfirm={() => {
          setError(null);
          mutate(engine, 'review.declareConflict', { nominationId: d.nomination.id, note: note.trim() || null }).then(
            () => (location.hash = awardHref.home),
            (err: unknown) => setError(reasonKey(err)),
          );
        }}
      >
        <AField label={tr('award.conflict.note')} hint={tr('award.conflict.noteHint')}>
          {(a) => <textarea {...a} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </AField>
      </Confirm>
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </div>
  );
}
