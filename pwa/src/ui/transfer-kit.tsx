/**
 * Pieces the skills-transfer screens share: reference data and labels, live queries that follow
 * the worker's change events, inline field issues, pickers, and match reasons in words.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MatchReason, TableName } from '@mekendesh/core';
import type { Engine, ProfileReference, TransferIssue, TransferIssueCode } from '../engine-client.ts';
import type { Key, Locale } from '../i18n/index.ts';
import { useLocale, useT } from './locale.tsx';

type Item = { id: string; labels: Record<Locale, string> };

/** The engine and the reference data, for every screen of the signed-in area. */
export interface Ctx {
  engine: Engine;
  reference: ProfileReference;
}
export const ScreenContext = createContext<Ctx | null>(null);
export const useCtx = (): Ctx => {
  const c = useContext(ScreenContext);
  if (!c) throw new Error('ScreenContext missing');
  return c;
};

/** Labels of reference items (places, sectors, skills, languages, countries) in the UI language. */
export function useLabels() {
  const { reference } = useCtx();
  const { locale } = useLocale();
  return useMemo(() => {
    const all = new Map<string, Item>();
    for (const i of [...reference.regions, ...reference.settlements, ...reference.sectors, ...reference.skills, ...reference.languages, ...reference.countries]) {
      if (!all.has(i.id)) all.set(i.id, i);
    }
    const label = (id: string) => all.get(id)?.labels[locale] ?? id;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' });
    return { label, item: (i: Item) => i.labels[locale], join: (items: string[]) => list.format(items) };
  }, [reference, locale]);
}

/**
 * Runs `load` now and again whenever one of `tables` changes (a local edit or a pulled page).
 * Returns the latest value (null until the first answer) and a reload function.
 */
export function useLive<T>(tables: TableName[], load: () => Promise<T>): [T | null, () => void] {
  const { engine } = useCtx();
  const [value, setValue] = useState<T | null>(null);
  const seq = useRef(0);
  const watched = tables.join(',');
  const run = useCallback(() => {
    const mine = ++seq.current;
    load().then(
      (v) => mine === seq.current && setValue(v),
      () => {},
    );
  }, [load]);
  useEffect(() => {
    run();
    const names = watched.split(',');
    return engine.onEvent((e) => {
      if (e.type === 'changes' && e.tables.some((t) => names.includes(t))) run();
    });
  }, [engine, run, watched]);
  return [value, run];
}

export type Issues = Partial<Record<string, TransferIssueCode>>;

/** The per-field issues of an `invalid_args` refusal, or null for any other error. */
export const issuesOf = (err: unknown): Issues | null => {
  const e = err as { code?: unknown; detail?: { issues?: TransferIssue[] } } | null;
  if (e?.code !== 'invalid_args' || !Array.isArray(e.detail?.issues)) return null;
  return Object.fromEntries(e.detail.issues.map((i) => [i.field, i.code]));
};

/** Ids for new records are drawn once per form, so a retried save cannot make a second record. */
export const newId = (): string => crypto.randomUUID();

/** A labelled form field with its hint and inline issue (`aria-invalid`, `aria-describedby`). */
export function Field({
  label,
  issue,
  hint,
  group,
  children,
}: {
  label: string;
  issue?: TransferIssueCode | undefined;
  hint?: string;
  /** A fieldset draws its own legend: no separate label. */
  group?: boolean;
  children: (a11y: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const tr = useT();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, issue ? errorId : null].filter(Boolean).join(' ') || undefined;
  const a11y = { id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(issue ? { 'aria-invalid': true as const } : {}) };
  return (
    <div className="field">
      {group ? null : <label htmlFor={id}>{label}</label>}
      {children(a11y)}
      {hint ? (
        <small id={hintId} className="hint">
          {hint}
        </small>
      ) : null}
      {issue ? (
        <small id={errorId} className="error">
          {tr(`transfer.issue.${issue}`)}
        </small>
      ) : null}
    </div>
  );
}

/** Checkboxes for a set (sectors, formats, regions), kept in reference order. */
export function Checks({
  label,
  options,
  value,
  onChange,
  issue,
  hint,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange(v: string[]): void;
  issue?: TransferIssueCode | undefined;
  hint?: string;
}) {
  return (
    <Field label={label} issue={issue} {...(hint ? { hint } : {})} group>
      {(a11y) => (
        <fieldset id={a11y.id} aria-describedby={a11y['aria-describedby']} aria-invalid={a11y['aria-invalid']} className="checks">
          <legend>{label}</legend>
          {options.map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                checked={value.includes(o.value)}
                onChange={(e) => {
                  const next = new Set(value);
                  if (e.target.checked) next.add(o.value);
                  else next.delete(o.value);
                  onChange(options.map((x) => x.value).filter((v) => next.has(v)));
                }}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      )}
    </Field>
  );
}

/** A chosen list (skills, languages) with an "add" picker, optionally grouped (skills by sector). */
export function Picked({
  label,
  addLabel,
  groups,
  value,
  onChange,
  issue,
}: {
  label: string;
  addLabel: string;
  groups: { label: string | null; items: Item[] }[];
  value: string[];
  onChange(v: string[]): void;
  issue?: TransferIssueCode | undefined;
}) {
  const tr = useT();
  const { label: labelOf, item } = useLabels();
  return (
    <Field label={label} issue={issue} group>
      {(a11y) => (
        <fieldset aria-describedby={a11y['aria-describedby']} aria-invalid={a11y['aria-invalid']}>
          <legend>{label}</legend>
          {value.length === 0 ? (
            <p className="hint">{tr('transfer.listEmpty')}</p>
          ) : (
            <ul className="picked">
              {value.map((id) => (
                <li key={id}>
                  <span>{labelOf(id)}</span>
                  <button type="button" aria-label={tr('transfer.remove', { item: labelOf(id) })} onClick={() => onChange(value.filter((x) => x !== id))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label htmlFor={a11y.id}>{addLabel}</label>
          <select
            id={a11y.id}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...value, e.target.value]);
            }}
          >
            <option value="">{tr('transfer.choose')}</option>
            {groups.map((g) => {
              const items = g.items
                .filter((i) => !value.includes(i.id))
                .map((i) => (
                  <option key={i.id} value={i.id}>
                    {item(i)}
                  </option>
                ));
              return g.label === null ? items : items.length > 0 ? <optgroup key={g.label} label={g.label}>{items}</optgroup> : null;
            })}
          </select>
        </fieldset>
      )}
    </Field>
  );
}

/** The skills taxonomy grouped by sector, and languages sorted by their name, for pickers. */
export function usePickerGroups() {
  const { reference } = useCtx();
  const { locale } = useLocale();
  return useMemo(() => {
    const collator = new Intl.Collator(locale);
    return {
      skills: reference.sectors.map((s) => ({ label: s.labels[locale], items: reference.skills.filter((k) => k.sector === s.id) })),
      languages: [{ label: null, items: [...reference.languages].sort((a, b) => collator.compare(a.labels[locale], b.labels[locale])) }],
    };
  }, [reference, locale]);
}

/** Why a profile and a need match, one sentence per reason. */
export function Reasons({ reasons, label }: { reasons: MatchReason[]; label: string }) {
  const tr = useT();
  const { label: l, join } = useLabels();
  const sentence = (r: MatchReason): string[] => {
    switch (r.kind) {
      case 'skills':
        return [
          tr('match.skills', { skills: join(r.skills.map(l)) }),
          ...(r.acquiredAbroad.length > 0 ? [tr('match.skills_abroad', { skills: join(r.acquiredAbroad.map(l)) })] : []),
        ];
      case 'sector':
        return [tr('match.sector', { sector: l(r.sector) })];
      case 'home_settlement':
        return [tr('match.home_settlement', { place: l(r.settlement) })];
      case 'home_region':
        return [tr('match.home_region', { place: l(r.region) })];
      case 'languages':
        return [tr('match.languages', { languages: join(r.languages.map(l)) })];
      case 'availability':
        return [tr('match.availability', { availability: tr(`availability.${r.availability}`) })];
      case 'formats':
        return [tr('match.formats', { formats: join(r.formats.map((f) => tr(`format.${f}`))) })];
    }
  };
  return (
    <ul className="reasons" aria-label={label}>
      {reasons.flatMap(sentence).map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  );
}

/** A date (`YYYY-MM-DD` or an ISO timestamp) in the UI language. */
export function useDates() {
  const { locale } = useLocale();
  return useMemo(() => {
    // Where the browser lacks Kyrgyz data, Russian conventions (as used in Kyrgyzstan), not the US ones.
    const locales = locale === 'ky' ? ['ky', 'ru'] : [locale];
    const day = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeZone: 'UTC' });
    const moment = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      day: (d: string) => day.format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
      moment: (ts: string) => moment.format(new Date(ts)),
    };
  }, [locale]);
}

/** A status line for a form: saved, or why not. */
export function FormMessage({ message }: { message: { kind: 'saved' | 'error'; text: Key } | null }) {
  const tr = useT();
  return (
    <span role="status" className={message?.kind === 'error' ? 'error' : 'saved'}>
      {message ? tr(message.text) : ''}
    </span>
  );
}
