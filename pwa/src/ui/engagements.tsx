import { useCallback, useId, useState, type FormEvent } from 'react';
import type { EngagementStatus } from '@mekendesh/core';
import type { EngagementView, NotificationView } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';
import { needHref } from './needs.tsx';
import { Field, issuesOf, useCtx, useDates, useLive, type Issues } from './transfer-kit.tsx';

const ACTION: Record<Exclude<EngagementStatus, 'proposed'>, Key> = {
  accepted: 'engagements.accept',
  declined: 'engagements.decline',
  in_progress: 'engagements.start',
  completed: 'engagements.complete',
  cancelled: 'engagements.cancel',
};

/** Engagements of the viewer (as member or partner): status, and the next steps they may take. */
export function EngagementsScreen() {
  const tr = useT();
  const { engine } = useCtx();
  const [list] = useLive(['engagements', 'needs', 'profiles'], useCallback(() => engine.engine.engagements(), [engine]));
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('engagements.title')}</h2>
      {list && list.length === 0 ? <p className="hint">{tr('engagements.empty')}</p> : null}
      <ul className="items">
        {list?.map((e) => (
          <li key={e.id} className="item">
            <EngagementItem e={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function EngagementItem({ e }: { e: EngagementView }) {
  const tr = useT();
  const { engine } = useCtx();
  const dates = useDates();
  const [completing, setCompleting] = useState(false);
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();
  const subject = e.needTitle ?? e.offerTitle ?? tr('engagements.untitled');
  const other = e.other.name ?? tr('transfer.someone');

  const go = (to: EngagementStatus) => {
    setError(null);
    if (to === 'completed') {
      setCompleting(true);
      return;
    }
    engine.engine.transition({ id: e.id, to }).catch((err: unknown) => setError(errorKey(err)));
  };

  return (
    <article aria-labelledby={titleId}>
      <h3 id={titleId}>{e.needId ? <a href={needHref(e.needId)}>{subject}</a> : subject}</h3>
      <p>
        <span className={`badge ${e.status}`}>{tr(`engagement.status.${e.status}`)}</span> {tr(e.side === 'member' ? 'engagements.withPartner' : 'engagements.withMember', { name: other })}
      </p>
      {e.message ? <p className="quote">{tr('engagements.message', { message: e.message })}</p> : null}
      {e.status === 'completed' && e.hours !== null && e.beneficiaries !== null ? (
        <p>
          {tr('engagements.hours', { count: e.hours })} · {tr('engagements.beneficiaries', { count: e.beneficiaries })}
        </p>
      ) : null}
      <p className="meta">{tr('engagements.updated', { date: dates.moment(e.updatedAt) })}</p>
      {completing ? (
        <CompleteForm id={e.id} onDone={() => setCompleting(false)} />
      ) : e.next.length > 0 ? (
        <div className="actions">
          {e.next.map((to) => (
            <button key={to} type="button" onClick={() => go(to)}>
              {tr(ACTION[to as keyof typeof ACTION])}
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </article>
  );
}

/** Completion records the hours given and how many people benefited. */
function CompleteForm({ id, onDone }: { id: string; onDone(): void }) {
  const tr = useT();
  const { engine } = useCtx();
  const [hours, setHours] = useState('');
  const [beneficiaries, setBeneficiaries] = useState('');
  const [issues, setIssues] = useState<Issues>({});
  const [error, setError] = useState<Key | null>(null);
  const formId = useId();
  const num = (v: string) => (v.trim() === '' ? null : Number(v.trim()));
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    try {
      await engine.engine.transition({ id, to: 'completed', hours: num(hours), beneficiaries: num(beneficiaries) });
      onDone();
    } catch (err) {
      const found = issuesOf(err);
      if (found) setIssues(found);
      setError(found ? 'transfer.fixErrors' : errorKey(err));
    }
  };
  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h4 id={formId}>{tr('engagements.completeTitle')}</h4>
      <div className="pair">
        <Field label={tr('engagements.hoursField')} issue={issues.hours}>
          {(a) => <input {...a} inputMode="numeric" value={hours} onChange={(e) => { setHours(e.target.value); setIssues((x) => ({ ...x, hours: undefined })); }} />}
        </Field>
        <Field label={tr('engagements.beneficiariesField')} issue={issues.beneficiaries}>
          {(a) => <input {...a} inputMode="numeric" value={beneficiaries} onChange={(e) => { setBeneficiaries(e.target.value); setIssues((x) => ({ ...x, beneficiaries: undefined })); }} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit">{tr('engagements.confirmComplete')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        {error ? (
          <span className="error" role="alert">
            {tr(error)}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** In-app notifications: matches, interest and answers, status changes; unread first marked, mark as read. */
export function NotificationsScreen() {
  const tr = useT();
  const { engine } = useCtx();
  const dates = useDates();
  const [list] = useLive(['notifications', 'engagements', 'needs', 'profiles'], useCallback(() => engine.engine.notifications(), [engine]));
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();
  const unread = list?.filter((n) => !n.readAt) ?? [];
  const read = (ids: string[]) => {
    setError(null);
    engine.engine.markRead({ ids }).catch((err: unknown) => setError(errorKey(err)));
  };
  const text = (n: NotificationView) => {
    const name = n.name ?? tr('transfer.someone');
    return n.kind === 'need_match' ? tr('notification.need_match', { title: n.title ?? '' }) : tr(`notification.${n.kind}`, { name });
  };
  const href = (n: NotificationView) =>
    n.kind === 'need_match' && n.needId
      ? needHref(n.needId)
      : n.kind === 'nomination_consent' && n.nominationId
        ? `#/award/consent/${encodeURIComponent(n.nominationId)}`
        : '#/engagements';
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('notifications.title')}</h2>
      <div className="actions">
        <span role="status">{list ? tr('notifications.unread', { count: unread.length }) : ''}</span>
        {unread.length > 0 ? (
          <button type="button" onClick={() => read(unread.map((n) => n.id))}>
            {tr('notifications.markAllRead')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
      {list && list.length === 0 ? <p className="hint">{tr('notifications.empty')}</p> : null}
      <ul className="items">
        {list?.map((n) => (
          <li key={n.id} className={`item ${n.readAt ? 'read' : 'unread'}`}>
            <article aria-label={text(n)}>
              <p>
                {n.readAt ? null : <span className="badge unread">{tr('notifications.new')}</span>}{' '}
                <a href={href(n)} onClick={() => (n.readAt ? undefined : read([n.id]))}>
                  {text(n)}
                </a>
              </p>
              {n.kind !== 'need_match' && n.title ? <p className="meta">{n.title}</p> : null}
              <p className="meta">{dates.moment(n.createdAt)}</p>
              {n.readAt ? null : (
                <button type="button" aria-label={tr('notifications.markReadOf', { text: text(n) })} onClick={() => read([n.id])}>
                  {tr('notifications.markRead')}
                </button>
              )}
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
