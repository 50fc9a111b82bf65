/**
 * What the project screens share: live queries over a given engine, the reference data and
 * currencies, a field that shows its refusal inline, refusals turned into per-field messages,
 * and a two-step "delete" button. Self-contained (an `engine` prop, no screen context), so the
 * project page can mount them anywhere.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TableName } from '@mekendesh/core';
import { formatMoney } from '@mekendesh/i18n/base';
import type { Engine, ProjectMutation } from '../../engine-client.ts';
import type { Key, Locale } from '../../i18n/index.ts';
import { errorKey } from '../errors.ts';
import { useLocale, useT } from '../locale.tsx';
import { useReference } from '../reference.ts';
import { digitsOf, type Currency } from './money.ts';

/**
 * Runs `load` now and again whenever one of `tables` changes (a local edit or a pulled page).
 * `undefined` until the first answer.
 */
export function useEngineLive<T>(engine: Engine, tables: readonly TableName[], load: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<{ v: T } | undefined>(undefined);
  const seq = useRef(0);
  const watched = tables.join(',');
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
    });
  }, [engine, load, watched]);
  return value?.v;
}

/** Currencies with their decimals, asked once per engine. */
const currencyLists = new WeakMap<Engine, Promise<Currency[]>>();
export function useCurrencies(engine: Engine): Currency[] {
  const [list, setList] = useState<Currency[]>([]);
  useEffect(() => {
    let p = currencyLists.get(engine);
    if (!p) {
      p = engine.engine['projects.currencies']();
      p.catch(() => currencyLists.delete(engine));
      currencyLists.set(engine, p);
    }
    let live = true;
    void p.then((c) => live && setList(c), () => {});
    return () => {
      live = false;
    };
  }, [engine]);
  return list;
}

/** Money in the UI language, with the currency's decimals. */
export function useMoney(currencies: readonly Currency[]) {
  const { locale } = useLocale();
  return useCallback((minor: number, currency: string) => formatMoney(locale, minor, currency, digitsOf(currencies, currency)), [locale, currencies]);
}

type Item = { id: string; labels: Record<Locale, string> };

/** Sectors, regions and settlements in the UI language (from the engine's `reference()`). */
export function useProjectReference(engine: Engine) {
  const reference = useReference(engine);
  const { locale } = useLocale();
  return useMemo(() => {
    if (!reference) return null;
    const raw = reference.raw;
    const all = new Map<string, Item>();
    for (const i of [...raw.regions, ...raw.settlements, ...raw.sectors]) if (!all.has(i.id)) all.set(i.id, i);
    return {
      sectors: raw.sectors,
      regions: raw.regions,
      settlements: raw.settlements,
      item: (i: Item) => i.labels[locale] ?? i.id,
      label: (id: string) => all.get(id)?.labels[locale] ?? id,
    };
  }, [reference, locale]);
}
export type ProjectReference = NonNullable<ReturnType<typeof useProjectReference>>;

/** A project mutation through the engine (applied on this device at once, sent when online). */
export const mutate = (engine: Engine, name: ProjectMutation, args: Record<string, unknown>) => engine.engine['projects.mutate']({ name, args });

/** Messages per field, and one for the form. */
export interface Refusal {
  fields: Partial<Record<string, Key>>;
  message: Key;
}

/** Reason codes that are about one field of a form (the field's name in that form). */
const REASON_FIELDS: Record<string, string> = {
  amount_not_positive: 'amount',
  unknown_currency: 'currency',
  purpose_required: 'purpose',
  progress_out_of_range: 'progress',
};

/**
 * A refusal in words: `invalid_args` issues and field reason codes (a negative amount, a
 * missing purpose…) on their fields, anything else (`forbidden`, `last_owner`…) for the form.
 * `rename` maps a reason's field to the form's own (the budget's `amount` is `budgetAmount`).
 */
export function refusalOf(err: unknown, rename: Record<string, string> = {}): Refusal {
  const e = err as { code?: unknown; detail?: { issues?: { field: string; code: string }[] } } | null;
  if (e?.code === 'invalid_args' && Array.isArray(e.detail?.issues)) {
    const fields: Refusal['fields'] = {};
    for (const i of e.detail.issues) fields[rename[i.field] ?? i.field] ??= `transfer.issue.${i.code}` as Key;
    return { fields, message: 'transfer.fixErrors' };
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  const field = REASON_FIELDS[code];
  if (field) return { fields: { [rename[field] ?? field]: errorKey(err) }, message: 'transfer.fixErrors' };
  return { fields: {}, message: errorKey(err) };
}

/** A labelled field with its hint and its refusal inline (`aria-invalid`, `aria-describedby`). */
export function PField({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  error?: Key | undefined;
  hint?: string | undefined;
  className?: string;
  children: (a11y: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const tr = useT();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const a11y = { id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) };
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(a11y)}
      {hint ? (
        <small id={hintId} className="hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={errorId} className="error">
          {tr(error)}
        </small>
      ) : null}
    </div>
  );
}

/** A checkbox with its label and an explanation under it. */
export function PCheck({ label, hint, checked, disabled, onChange }: { label: string; hint?: string | undefined; checked: boolean; disabled?: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" checked={checked} disabled={disabled} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** An amount with its currency: one text field and a currency list side by side. */
export function MoneyFields({
  amountLabel,
  amount,
  currency,
  currencies,
  errors,
  onAmount,
  onCurrency,
  names = { amount: 'amount', currency: 'currency' },
  optional,
}: {
  amountLabel: string;
  amount: string;
  currency: string;
  currencies: readonly Currency[];
  errors: Refusal['fields'];
  onAmount(v: string): void;
  onCurrency(v: string): void;
  names?: { amount: string; currency: string };
  optional?: boolean;
}) {
  const tr = useT();
  const digits = digitsOf(currencies, currency);
  return (
    <div className="pair">
      <PField label={amountLabel} error={errors[names.amount]} hint={tr(digits === 0 ? 'project.amountHintWhole' : 'project.amountHint', { digits })}>
        {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => onAmount(e.target.value)} />}
      </PField>
      <PField label={tr('project.currency')} error={errors[names.currency]}>
        {(a) => (
          <select {...a} value={currency} onChange={(e) => onCurrency(e.target.value)}>
            {optional ? <option value="">{tr('transfer.none')}</option> : null}
            {(currencies.some((c) => c.code === currency) || !currency ? currencies : [{ code: currency, minorUnits: 2 }, ...currencies]).map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}
              </option>
            ))}
          </select>
        )}
      </PField>
    </div>
  );
}

/** A button that asks once more before it acts ("Delete" → "Yes, delete" / "Cancel"). */
export function ConfirmButton({ label, confirm, question, onConfirm }: { label: string; confirm: string; question: string; onConfirm(): void }) {
  const tr = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" aria-label={label} onClick={() => setAsking(true)}>
        {tr('project.delete')}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {tr('transfer.cancel')}
      </button>
    </span>
  );
}

/** What the overview's parts share. */
export interface ProjectScope {
  engine: Engine;
  projectId: string;
  accountId: string;
  canEdit: boolean;
  isOwner: boolean;
  currencies: Currency[];
  money(minor: number, currency: string): string;
  day(date: string): string;
  labels: ProjectReference;
}
export const ScopeContext = createContext<ProjectScope | null>(null);
export const useScope = (): ProjectScope => {
  const s = useContext(ScopeContext);
  if (!s) throw new Error('project ScopeContext missing');
  return s;
};

/** Today's date on this device, as `YYYY-MM-DD`. */
export const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A form's status line: why it was refused, or that it was saved. */
export function Status({ message }: { message: { kind: 'saved' | 'error'; text: Key } | null }) {
  const tr = useT();
  return (
    <span role="status" className={message?.kind === 'error' ? 'error' : 'saved'}>
      {message ? tr(message.text) : ''}
    </span>
  );
}
