/**
 * What the award screens share: live reads over the engine, award mutations, refusals in
 * words, texts in the three languages, the nomination window, status badges and a two-step
 * confirmation. Self-contained (an `engine` prop, no screen context), like the project kit.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { NominationStatus, TableName } from '@mekendesh/core';
import { formatDate, numberFormat } from '@mekendesh/i18n/base';
import type { AwardContext, AwardMutation, WindowState } from '../../engine-client.ts';
import type { Engine } from '../../engine-client.ts';
import type { Key, Locale } from '../../i18n/index.ts';
import { errorKey } from '../errors.ts';
import { useLocale, useT } from '../locale.tsx';

/** The award's tables, and the names the screens show (profiles, the own account). */
export const AWARD_TABLES: TableName[] = ['award_cycles', 'nominations', 'review_assignments', 'reviews', 'award_votes', 'endorsements', 'profiles', 'accounts'];

/**
 * Runs `load` now, whenever one of `tables` changes, and when the count of unsent changes does
 * (so "not sent yet" clears once the server has a change). `undefined` until the first answer.
 */
export function useAwardLive<T>(engine: Engine, tables: readonly TableName[], load: () => Promise<T>): [T | undefined, () => void] {
  const [value, setValue] = useState<{ v: T } | undefined>(undefined);
  const seq = useRef(0);
  const pending = useRef<number | null>(null);
  const watched = tables.join(',');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const run = () => {
      const mine = ++seq.current;
      load().then(
        (v) => mine === seq.current && setValue({ v }),
        () => {},
      );
    };
    run();
    const names = watched.split(',');
    return engine.onEvent((e) => {
      if (e.type === 'changes' && e.tables.some((t) => names.includes(t))) run();
      else if (e.type === 'status' && e.status.pending !== pending.current) {
        pending.current = e.status.pending;
        run();
      }
    });
  }, [engine, load, watched, tick]);
  return [value?.v, () => setTick((n) => n + 1)];
}

/** The screens' shared state: the engine and who the account is for the award. */
export interface AwardScope {
  engine: Engine;
  who: AwardContext;
}
export const AwardScopeContext = createContext<AwardScope | null>(null);
export const useAward = (): AwardScope => {
  const s = useContext(AwardScopeContext);
  if (!s) throw new Error('award scope missing');
  return s;
};

/** An award mutation through the engine (applied on this device at once, sent when online). */
export const mutate = (engine: Engine, name: AwardMutation, args: Record<string, unknown>) => engine.engine['awards.mutate']({ name, args });

/** Whether the device is offline as far as the page can tell (the network, or the engine's last try). */
export const offlineNow = (engineSaysOffline = false): boolean =>
  engineSaysOffline || (typeof navigator !== 'undefined' && navigator.onLine === false);

/** Messages per field (paths as the engine names them: `nomineeName`, `evidenceLinks.0.url`), and one for the form. */
export interface Refusal {
  fields: Partial<Record<string, Key>>;
  message: Key;
}

/** Reason codes that belong to one field of the nomination form. */
const REASON_FIELDS: Record<string, string> = {
  statement_required: 'statement',
  unknown_category: 'categoryId',
  self_nomination: 'nominee',
  nominee_not_eligible: 'nominee',
  scores_incomplete: 'scores',
  score_out_of_range: 'scores',
  evidence_bad_type: 'file',
  evidence_too_large: 'file',
  evidence_not_found: 'evidenceRefs',
  cycle_dates_invalid: 'dates',
  rubric_invalid: 'rubric',
};

/** The words for a code the engine or the server gave (including the award's own `offline`, `not_synced`). */
export function reasonKey(err: unknown): Key {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'offline') return 'award.offline';
  if (code === 'not_synced') return 'award.notSynced';
  return errorKey(err);
}

/** A refusal in words: field issues and field reason codes on their fields, anything else for the form. */
export function refusalOf(err: unknown): Refusal {
  const e = err as { code?: unknown; detail?: { issues?: { field: string; code: string }[] } } | null;
  if (e?.code === 'invalid_args' && Array.isArray(e.detail?.issues)) {
    const fields: Refusal['fields'] = {};
    for (const i of e.detail.issues) fields[i.field] ??= `transfer.issue.${i.code}` as Key;
    return { fields, message: 'transfer.fixErrors' };
  }
  const field = typeof e?.code === 'string' ? REASON_FIELDS[e.code] : undefined;
  if (field) return { fields: { [field]: reasonKey(err) }, message: reasonKey(err) };
  return { fields: {}, message: reasonKey(err) };
}

/** Text kept in the three languages, in the UI's (Kyrgyz when it is missing). */
export const inLocale = (t: { ky: string; ru: string; en: string } | null | undefined, locale: Locale): string => (t ? t[locale] || t.ky : '');

/** Dates and numbers in the UI language. */
export function useFormats() {
  const { locale } = useLocale();
  return useMemo(() => {
    const locales = locale === 'ky' ? ['ky', 'ru'] : [locale];
    const score = new Intl.NumberFormat(locales, { maximumFractionDigits: 2 });
    const moment = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale,
      day: (d: string) => formatDate(locale, d),
      moment: (ts: string) => moment.format(new Date(ts)),
      score: (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '—' : score.format(n)),
      count: (n: number) => numberFormat(locale).format(n),
    };
  }, [locale]);
}

/** "Nominations open … – …" and where today falls: opens in, closes in, closed. */
export function WindowLine({ cycle, state }: { cycle: { nominationsOpen: string; nominationsClose: string }; state: WindowState }) {
  const tr = useT();
  const f = useFormats();
  const when =
    state.window === 'before'
      ? tr('award.window.opensIn', { count: state.opensInDays })
      : state.window === 'open'
        ? tr('award.window.closesIn', { count: state.closesInDays })
        : tr('award.window.closed');
  return (
    <p className="award-window" data-window={state.window}>
      <span>{tr('award.window.dates', { from: f.day(cycle.nominationsOpen), to: f.day(cycle.nominationsClose) })}</span>{' '}
      <strong className={`badge window-${state.window}`}>{when}</strong>
    </p>
  );
}

export function StatusBadge({ status }: { status: NominationStatus }) {
  const tr = useT();
  return <span className={`badge nomination-${status}`}>{tr(`award.status.${status}`)}</span>;
}

/** "Not sent yet" beside something changed on this device only. */
export function Unsent({ unsent }: { unsent: boolean }) {
  const tr = useT();
  return unsent ? <span className="badge unsent">{tr('award.unsent')}</span> : null;
}

/** A form's status line: why it was refused, or what happened. */
export function FormStatus({ message }: { message: { kind: 'saved' | 'error'; text: Key; args?: Record<string, string | number> } | null }) {
  const tr = useT();
  return (
    <p role="status" className={`form-status ${message?.kind === 'error' ? 'error' : 'saved'}`}>
      {message ? tr(message.text, message.args) : ''}
    </p>
  );
}

/** A labelled field with its hint and its refusal inline: the project screens' own, shared. */
export { PField as AField } from '../project/kit.tsx';

/** A button that asks once more before it acts (the question, the confirming button, Cancel). */
export function Confirm({
  label,
  question,
  confirm,
  onConfirm,
  danger,
  children,
}: {
  label: string;
  question: string;
  confirm: string;
  onConfirm(): void;
  danger?: boolean;
  /** More to fill in before confirming (a note). */
  children?: ReactNode;
}) {
  const tr = useT();
  const [asking, setAsking] = useState(false);
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (asking) ref.current?.querySelector<HTMLElement>('textarea, input, button')?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'secondary danger-outline' : 'secondary'} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm award-confirm" role="group" aria-label={question} ref={ref}>
      <p>{question}</p>
      {children}
      <div className="actions">
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirm}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {tr('transfer.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Who nominated: the association (a leader's nomination) or the embassy, and the person where this device knows them. */
export function nominatorLine(tr: (key: Key, args?: Record<string, string | number>) => string, associationId: string | null, association: string | null, person: string | null): string {
  const body = associationId ? (association ?? tr('award.nominator.association')) : tr('award.nominator.embassy');
  return person ? tr('award.nominator.line', { body, person }) : body;
}

/** Hash routes of the award page. */
export const awardHref = {
  home: '#/award',
  newNomination: (cycleId?: string) => `#/award/new${cycleId ? `/${encodeURIComponent(cycleId)}` : ''}`,
  nomination: (id: string) => `#/award/nomination/${encodeURIComponent(id)}`,
  cycle: (id: string) => `#/award/cycle/${encodeURIComponent(id)}`,
  newCycle: '#/award/new-cycle',
};

/** The status's place on the way from a draft to the decision, for the timeline. */
export const STATUS_PATH: NominationStatus[] = ['draft', 'submitted', 'eligible', 'in_review', 'shortlisted', 'awarded'];
