/**
 * Import and export. Import: a spreadsheet chosen by the leader is read and planned by the
 * backend (a dry run: column mapping, summary, per-row report, duplicates); nothing is written
 * until the leader confirms, and a whole import can be undone. Export: the roster (or the
 * selection, or the current filter) as CSV or XLSX, saved where the leader chooses.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { DuplicateAction, ExportColumn, Mapping, Target } from '@mekendesh/import';
import type { ImportPreview, ManagedAssociation } from '../../../src/backend/leader.ts';
import { bridge, call, errorKey } from '../bridge.ts';
import type { Key } from '../i18n/index.ts';
import { useFormat, useLocale, useT } from './locale.tsx';
import type { Filters } from './roster-data.ts';

// Values only: the UI bundle takes no runtime code from @mekendesh/import (exceljs stays in the backend).
const TARGETS = [
  'name', 'nameCyrillic', 'nameLatin', 'firstName', 'middleName', 'lastName', 'email', 'phone', 'country', 'city',
  'homeRegion', 'homeSettlement', 'languages', 'skills', 'role', 'tags', 'groups', 'joinedOn', 'renewalDate', 'notes',
] as const satisfies readonly Target[];
const FILE_REASONS = ['import_bad_type', 'import_too_large', 'import_empty', 'import_unreadable'];
/** Rows of the per-row report shown at once (the summary counts them all). */
const REPORT_LIMIT = 200;

export const EXPORT_COLUMNS = [
  'nameCyrillic', 'nameLatin', 'phone', 'email', 'country', 'city', 'homeRegion', 'homeSettlement', 'languages', 'skills',
  'role', 'tags', 'groups', 'joinedOn', 'renewalDate', 'notes',
] as const satisfies readonly ExportColumn[];
const DEFAULT_EXPORT: ExportColumn[] = ['nameCyrillic', 'nameLatin', 'phone', 'email', 'city', 'role', 'tags', 'groups', 'renewalDate'];

export function Transfer({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  return (
    <>
      <h2>{tr('nav.transfer')}</h2>
      <ImportPanel association={association} version={version} />
      <ExportPanel association={association} />
    </>
  );
}

interface Chosen {
  name: string;
  bytes: Uint8Array;
}
interface PlanOptions {
  /** An XLSX file's sheet (the first one with data by default). */
  sheet?: string;
  /** The row with the column headings, 0-based (detected by default). */
  headerRow?: number;
  /** Import rows with a bad value, leaving that field empty (the issue stays in the report). */
  dropInvalidValues?: boolean;
  mapping?: Mapping;
  decisions?: Record<number, DuplicateAction>;
  onDuplicate?: DuplicateAction;
}
type Message = { ok: boolean; text: string };

/** The heading row, 1-based as spreadsheets number them; applied on Enter or when leaving the field. */
function HeaderRowField({ id, value, disabled, onChange }: { id: string; value: number; disabled: boolean; onChange(n: number): void }) {
  const tr = useT();
  const [text, setText] = useState(String(value));
  const commit = () => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n !== value) onChange(n);
    else setText(String(value));
  };
  return (
    <div className="field inline">
      <label htmlFor={id}>{tr('imp.headerRow')}</label>
      <input
        id={id}
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </div>
  );
}

function ImportPanel({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [file, setFile] = useState<Chosen | null>(null);
  const [options, setOptions] = useState<PlanOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [inputKey, setInputKey] = useState(0);

  const refused = useCallback(
    (err: unknown): string => {
      const reason = (err as { detail?: { reason?: unknown } } | null)?.detail?.reason;
      if (typeof reason === 'string' && FILE_REASONS.includes(reason)) return tr(`import.error.${reason.replace(/^import_/, '')}` as Key);
      return tr(errorKey(err));
    },
    [tr],
  );

  const plan = async (chosen: Chosen, next: PlanOptions) => {
    setBusy(true);
    setMessage(null);
    setConfirm(false);
    try {
      const p = await call('importPlan', { associationId: association.id, fileName: chosen.name, bytes: chosen.bytes, ...next });
      setOptions(next);
      setPreview(p);
    } catch (err) {
      setPreview(null);
      setMessage({ ok: false, text: refused(err) });
    } finally {
      setBusy(false);
    }
  };

  const choose = async (f: File | undefined) => {
    if (!f) return;
    const chosen = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    setFile(chosen);
    await plan(chosen, {});
  };

  const remap = (index: number, target: Target | null) => {
    if (!file || !preview) return;
    const mapping: Mapping = { columns: preview.mapping.columns.map((c) => (c.index === index ? { ...c, target, confidence: target ? 1 : 0 } : c)) };
    void plan(file, { ...options, mapping });
  };
  const decide = (line: number, action: DuplicateAction) => {
    if (!file || !preview) return;
    void plan(file, { ...options, mapping: preview.mapping, decisions: { ...options.decisions, [line]: action } });
  };
  const onDuplicate = (action: DuplicateAction) => {
    if (!file || !preview) return;
    const { decisions: _, ...rest } = options;
    void plan(file, { ...rest, mapping: preview.mapping, onDuplicate: action });
  };

  /** Another sheet or heading row: the columns are detected again. */
  const reread = (next: { sheet?: string; headerRow?: number }) => {
    if (!file) return;
    const { mapping: _m, decisions: _d, ...rest } = options;
    void plan(file, { ...rest, ...next });
  };
  const dropInvalid = (on: boolean) => {
    if (!file || !preview) return;
    void plan(file, { ...options, mapping: preview.mapping, dropInvalidValues: on });
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setOptions({});
    setConfirm(false);
    setInputKey((k) => k + 1);
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    setConfirm(false);
    try {
      const r = await call('importApply', { planId: preview.planId });
      reset();
      setMessage({ ok: true, text: tr('imp.applied', { created: fmt.num(r.created), merged: fmt.num(r.merged) }) });
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  };

  const s = preview?.summary;
  const issues = preview ? preview.report.flatMap((r) => r.issues) : [];
  const duplicates = preview ? preview.report.filter((r) => r.duplicate !== null) : [];

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{tr('imp.title')}</h3>
      <p className="hint">{tr('imp.explain')}</p>
      <p>
        <label htmlFor={`${id}-file`}>{tr('imp.file')}</label>{' '}
        <input key={inputKey} id={`${id}-file`} type="file" accept=".csv,.xlsx,.txt" disabled={busy} onChange={(e) => void choose(e.currentTarget.files?.[0])} />
      </p>
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {preview && s ? (
        <>
          <p className="notice" role="note">
            <strong>{tr('imp.dryRun')}</strong>
          </p>
          <p>
            {tr('imp.fileInfo', {
              name: preview.fileName,
              format: preview.format.toUpperCase(),
              encoding: preview.encoding ?? '—',
              delimiter: preview.delimiter === '\t' ? 'Tab' : (preview.delimiter ?? '—'),
            })}
          </p>
          <div className="field-row">
            {preview.sheets.length > 1 ? (
              <div className="field inline">
                <label htmlFor={`${id}-sheet`}>{tr('imp.sheet')}</label>
                <select id={`${id}-sheet`} value={preview.sheet ?? ''} disabled={busy} onChange={(e) => reread({ sheet: e.currentTarget.value, headerRow: undefined })}>
                  {preview.sheets.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <HeaderRowField key={`${preview.planId}`} id={`${id}-header`} value={preview.headerRow + 1} disabled={busy} onChange={(n) => reread({ headerRow: n - 1 })} />
            <div className="check">
              <input id={`${id}-drop`} type="checkbox" checked={options.dropInvalidValues ?? false} disabled={busy} onChange={(e) => dropInvalid(e.currentTarget.checked)} />
              <label htmlFor={`${id}-drop`}>{tr('imp.dropInvalid')}</label>
            </div>
          </div>

          <table className="plain">
            <caption>{tr('imp.mapping')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('imp.fileColumn')}</th>
                <th scope="col">{tr('imp.target')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.mapping.columns.map((c) => (
                <tr key={c.index}>
                  <th scope="row">{c.header || tr('imp.columnN', { n: c.index + 1 })}</th>
                  <td>
                    <select
                      aria-label={tr('imp.targetFor', { header: c.header || String(c.index + 1) })}
                      value={c.target ?? ''}
                      disabled={busy}
                      onChange={(e) => remap(c.index, (e.currentTarget.value || null) as Target | null)}
                    >
                      <option value="">{tr('imp.ignore')}</option>
                      {TARGETS.map((t) => (
                        <option key={t} value={t}>
                          {tr(`import.column.${t}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h4>{tr('imp.summaryTitle')}</h4>
          <dl className="summary" aria-label={tr('imp.summaryTitle')}>
            <dt>{tr('imp.rows')}</dt>
            <dd>{fmt.num(s.rows)}</dd>
            <dt>{tr('imp.create')}</dt>
            <dd>{fmt.num(s.create)}</dd>
            <dt>{tr('imp.merge')}</dt>
            <dd>{fmt.num(s.merge)}</dd>
            <dt>{tr('imp.skipped')}</dt>
            <dd>{fmt.num(s.skipped)}</dd>
            <dt>{tr('imp.invalid')}</dt>
            <dd>{fmt.num(s.invalid)}</dd>
          </dl>
          {Object.keys(s.byReason).length > 0 ? (
            <ul aria-label={tr('imp.byReason')}>
              {Object.entries(s.byReason).map(([reason, n]) => (
                <li key={reason}>
                  {tr(`import.reason.${reason}` as Key)} — {fmt.num(n ?? 0)}
                </li>
              ))}
            </ul>
          ) : null}

          {issues.length > 0 ? (
            <table className="plain">
              <caption>
                {tr('imp.report')} {issues.length > REPORT_LIMIT ? tr('imp.reportFirst', { shown: fmt.num(REPORT_LIMIT), total: fmt.num(issues.length) }) : `(${fmt.num(issues.length)})`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr('imp.line')}</th>
                  <th scope="col">{tr('imp.fileColumn')}</th>
                  <th scope="col">{tr('imp.field')}</th>
                  <th scope="col">{tr('imp.reason')}</th>
                  <th scope="col">{tr('imp.value')}</th>
                </tr>
              </thead>
              <tbody>
                {issues.slice(0, REPORT_LIMIT).map((i, n) => (
                  <tr key={n}>
                    <td>{i.line}</td>
                    <td>{i.header ?? (i.column ? tr('imp.columnN', { n: i.column }) : '—')}</td>
                    <td>{(TARGETS as readonly string[]).includes(i.field) ? tr(`import.column.${i.field as Target}`) : i.field}</td>
                    <td>{tr(`import.reason.${i.reason}` as Key)}</td>
                    <td>{i.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}

          {duplicates.length > 0 ? (
            <>
              <p>
                <label htmlFor={`${id}-dup`}>{tr('imp.onDuplicate')}</label>{' '}
                <select id={`${id}-dup`} value={options.onDuplicate ?? ''} disabled={busy} onChange={(e) => e.currentTarget.value && onDuplicate(e.currentTarget.value as DuplicateAction)}>
                  <option value="">{tr('imp.onDuplicateDefault')}</option>
                  <option value="merge">{tr('imp.action.merge')}</option>
                  <option value="skip">{tr('imp.action.skip')}</option>
                </select>
              </p>
              <table className="plain">
                <caption>{tr('imp.duplicates', { n: fmt.num(duplicates.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('imp.line')}</th>
                    <th scope="col">{tr('imp.name')}</th>
                    <th scope="col">{tr('imp.duplicateOf')}</th>
                    <th scope="col">{tr('imp.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {duplicates.slice(0, REPORT_LIMIT).map((r) => {
                    const d = r.duplicate!;
                    const name = r.fields?.nameCyrillic ?? r.fields?.nameLatin ?? '';
                    return (
                      <tr key={r.line}>
                        <td>{r.line}</td>
                        <td>{name}</td>
                        <td>
                          {tr(`import.duplicate.${d.key}`)} ({'line' in d.of ? tr('imp.ofLine', { line: d.of.line }) : tr('imp.ofRoster')})
                        </td>
                        <td>
                          <select
                            aria-label={tr('imp.actionFor', { line: r.line })}
                            value={r.status === 'merge' ? 'merge' : 'skip'}
                            disabled={busy || r.status === 'invalid'}
                            onChange={(e) => decide(r.line, e.currentTarget.value as DuplicateAction)}
                          >
                            <option value="merge">{tr('imp.action.merge')}</option>
                            <option value="skip">{tr('imp.action.skip')}</option>
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : null}

          <p className="actions">
            <button type="button" disabled={busy || s.create + s.merge === 0} onClick={() => setConfirm(true)}>
              {tr('imp.apply')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={reset}>
              {tr('common.cancel')}
            </button>
          </p>
          {confirm ? (
            <div role="alert" className="confirm">
              <p>{tr('imp.confirm', { create: fmt.num(s.create), merge: fmt.num(s.merge) })}</p>
              <button type="button" onClick={() => void apply()}>
                {tr('imp.confirmYes')}
              </button>{' '}
              <button type="button" onClick={() => setConfirm(false)}>
                {tr('common.cancel')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      <PastImports association={association} version={version} />
    </section>
  );
}

interface Batch {
  id: string;
  fileName: string;
  createdAt: string;
  created: number;
  merged: number;
  undoneAt: string | null;
}

function PastImports({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  const fmt = useFormat();
  const [list, setList] = useState<Batch[]>([]);
  const [confirm, setConfirm] = useState<Batch | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    let live = true;
    call('imports', { associationId: association.id })
      .then((l) => live && setList(l))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [association.id, version]);

  const undo = async (b: Batch) => {
    setConfirm(null);
    try {
      await call('importUndo', { batchId: b.id });
      setMessage({ ok: true, text: tr('imp.undone', { file: b.fileName }) });
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };

  return (
    <>
      <table className="plain">
        <caption>{tr('imp.past')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('imp.file')}</th>
            <th scope="col">{tr('imp.when')}</th>
            <th scope="col">{tr('imp.create')}</th>
            <th scope="col">{tr('imp.merge')}</th>
            <th scope="col">
              <span className="sr-only">{tr('imp.undo')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.length === 0 ? (
            <tr>
              <td colSpan={5}>{tr('imp.noPast')}</td>
            </tr>
          ) : (
            list.map((b) => (
              <tr key={b.id}>
                <td>{b.fileName}</td>
                <td>{fmt.stamp(b.createdAt)}</td>
                <td>{fmt.num(b.created)}</td>
                <td>{fmt.num(b.merged)}</td>
                <td>
                  {b.undoneAt ? (
                    tr('imp.wasUndone')
                  ) : (
                    <button type="button" aria-label={tr('imp.undoNamed', { file: b.fileName })} onClick={() => setConfirm(b)}>
                      {tr('imp.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {confirm ? (
        <div role="alert" className="confirm">
          <p>{tr('imp.undoConfirm', { file: confirm.fileName, created: fmt.num(confirm.created), merged: fmt.num(confirm.merged) })}</p>
          <button type="button" onClick={() => void undo(confirm)}>
            {tr('imp.undoYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            {tr('common.cancel')}
          </button>
        </div>
      ) : null}
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </>
  );
}

/**
 * Export: the selection (`ids`), else the entries matching `query`, else the whole roster. The
 * file is written by the backend to the path the leader chose in the OS save dialog.
 */
export function ExportPanel({ association, ids, query }: { association: ManagedAssociation; ids?: string[]; query?: Filters }) {
  const tr = useT();
  const fmt = useFormat();
  const { locale } = useLocale();
  const id = useId();
  const [columns, setColumns] = useState<ReadonlySet<ExportColumn>>(new Set(DEFAULT_EXPORT));
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const toggle = (c: ExportColumn, on: boolean) => {
    const next = new Set(columns);
    if (on) next.add(c);
    else next.delete(c);
    setColumns(next);
  };

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const day = new Date().toISOString().slice(0, 10);
      const base = (association.name || 'roster').replace(/[\\/:*?"<>|]+/g, ' ').trim();
      const file = await bridge().dialogs.saveExport(`${base} ${day}.${format}`);
      if (!file) return;
      const picked = EXPORT_COLUMNS.filter((c) => columns.has(c));
      const r = await call('exportRosterToFile', {
        associationId: association.id,
        ...(ids ? { ids } : query ? { query } : {}),
        columns: picked,
        format,
        locale,
        file,
      });
      setMessage({ ok: true, text: tr('exp.done', { count: r.rows, n: fmt.num(r.rows), file: r.file }) });
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{tr('exp.title')}</h3>
      <p className="hint">{ids ? tr('exp.selection', { count: ids.length, n: fmt.num(ids.length) }) : query ? tr('exp.filtered') : tr('exp.all')}</p>
      <fieldset className="columns">
        <legend>{tr('exp.columns')}</legend>
        {EXPORT_COLUMNS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={columns.has(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} /> {tr(`import.column.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{tr('exp.format')}</legend>
        <label className="check">
          <input type="radio" name={`${id}-fmt`} checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel (.xlsx)
        </label>
        <label className="check">
          <input type="radio" name={`${id}-fmt`} checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (.csv)
        </label>
      </fieldset>
      <p className="actions">
        <button type="button" disabled={busy || columns.size === 0} onClick={() => void run()}>
          {tr('exp.save')}
        </button>
      </p>
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
