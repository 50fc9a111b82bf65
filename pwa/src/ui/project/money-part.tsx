/**
 * A project's money: totals per currency (never added across currencies), pledges and
 * expenses with their forms, and expense receipts (uploaded to the server, online only).
 */
import { useId, useState, type FormEvent } from 'react';
import type { Expense, PledgeStatus } from '@mekendesh/core';
import type { ProjectRecords } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { errorKey } from '../errors.ts';
import { useT } from '../locale.tsx';
import { ConfirmButton, MoneyFields, PCheck, PField, Status, mutate, refusalOf, today, useScope, type Refusal } from './kit.tsx';
import { DEFAULT_CURRENCY, amountText, digitsOf, parseAmount } from './money.ts';
import { RECEIPT_ACCEPT, checkReceipt, sendReceipt } from './receipt.ts';
import { PLEDGE_STATUSES_UI } from './statuses.ts';
import { FileLink } from '../links.tsx';

type PledgeRow = ProjectRecords['pledges'][number];
type Message = { kind: 'saved' | 'error'; text: Key } | null;
const newId = () => crypto.randomUUID();
/** Lets an amount wrap between its currency sign and its digits (never inside the digits), for narrow tables. */
const breakable = (formatted: string) => formatted.replace(/([\p{L}\p{Sc}])[\u00a0\u202f]/gu, '$1 ').replace(/[\u00a0\u202f]([\p{L}\p{Sc}])/gu, ' $1');

export function MoneyPart({ records }: { records: ProjectRecords }) {
  const tr = useT();
  const { money } = useScope();
  const titleId = useId();
  const tableId = useId();
  return (
    <section className="project-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.money')}</h3>
      {records.totals.length === 0 ? (
        <p className="hint">{tr('project.money.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="totals" aria-labelledby={tableId}>
            <caption id={tableId}>{tr('project.money.totals')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('project.currency')}</th>
                <th scope="col">{tr('project.money.pledged')}</th>
                <th scope="col">{tr('project.money.received')}</th>
                <th scope="col">{tr('project.money.spent')}</th>
              </tr>
            </thead>
            <tbody>
              {records.totals.map((t) => (
                <tr key={t.currency}>
                  <th scope="row">{t.currency}</th>
                  <td>{breakable(money(t.pledged, t.currency))}</td>
                  <td>{breakable(money(t.received, t.currency))}</td>
                  <td>{breakable(money(t.spent, t.currency))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">{tr('project.money.note')}</p>
      <Pledges records={records} />
      <Expenses records={records} />
    </section>
  );
}

/* ------------------------------------------------------------------ pledges */

function Pledges({ records }: { records: ProjectRecords }) {
  const tr = useT();
  const { canEdit } = useScope();
  const [editing, setEditing] = useState<{ id: string; pledge: PledgeRow | null } | null>(null);
  const titleId = useId();
  return (
    <section className="project-sub" aria-labelledby={titleId}>
      <h4 id={titleId}>{tr('project.pledges')}</h4>
      {canEdit && !editing ? (
        <button type="button" onClick={() => setEditing({ id: newId(), pledge: null })}>
          {tr('project.pledge.add')}
        </button>
      ) : null}
      {editing && !editing.pledge ? <PledgeForm key={editing.id} id={editing.id} pledge={null} records={records} onDone={() => setEditing(null)} /> : null}
      {records.pledges.length === 0 ? <p className="hint">{tr('project.pledges.none')}</p> : null}
      <ul className="items">
        {records.pledges.map((p) => (
          <li key={p.id}>
            {editing?.pledge?.id === p.id ? (
              <PledgeForm id={p.id} pledge={p} records={records} onDone={() => setEditing(null)} />
            ) : (
              <PledgeItem pledge={p} onEdit={() => setEditing({ id: p.id, pledge: p })} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PledgeItem({ pledge: p, onEdit }: { pledge: PledgeRow; onEdit(): void }) {
  const tr = useT();
  const { engine, canEdit, accountId, money, day } = useScope();
  const [error, setError] = useState<Key | null>(null);
  const who = p.donorName ?? p.pledgerName ?? tr('project.pledge.unnamed');
  const mine = p.pledgerId === accountId;
  const run = (promise: Promise<unknown>) => {
    setError(null);
    promise.catch((err: unknown) => setError(refusalOf(err).message));
  };
  return (
    <article className="item" aria-label={who}>
      <h5>
        {who} <span className="amount">{money(p.amount, p.currency)}</span>
      </h5>
      <p className="meta">
        <span className={`badge ${p.status}`}>{tr(`pledge.status.${p.status}`)}</span>
        {p.status === 'received' && p.receivedOn ? ` ${tr('project.pledge.receivedOn', { date: day(p.receivedOn) })}` : ''}
        {' · '}
        {tr(p.anonymous ? 'project.pledge.isAnonymous' : 'project.pledge.isNamed')}
        {p.pledgerId ? ` · ${tr('project.pledge.byMember', { name: p.pledgerName ?? tr('project.someone') })}` : ''}
      </p>
      {p.note ? <p>{p.note}</p> : null}
      <div className="actions">
        {canEdit ? (
          <>
            <button type="button" aria-label={tr('project.pledge.editOf', { name: who })} onClick={onEdit}>
              {tr('transfer.edit')}
            </button>
            <ConfirmButton
              label={tr('project.pledge.deleteOf', { name: who })}
              question={tr('project.pledge.deleteQuestion')}
              confirm={tr('project.confirmDelete')}
              onConfirm={() => run(mutate(engine, 'pledge.delete', { id: p.id }))}
            />
          </>
        ) : null}
        {mine && !canEdit ? (
          <button type="button" onClick={() => run(mutate(engine, 'pledge.setAnonymous', { id: p.id, anonymous: !p.anonymous, donorName: p.donorName ?? p.pledgerName }))}>
            {tr(p.anonymous ? 'project.pledge.nameMe' : 'project.pledge.hideMe')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </article>
  );
}

interface PledgeValues {
  pledgerId: string;
  donorName: string;
  amount: string;
  currency: string;
  status: PledgeStatus;
  receivedOn: string;
  anonymous: boolean;
  note: string;
}

function PledgeForm({ id, pledge, records, onDone }: { id: string; pledge: PledgeRow | null; records: ProjectRecords; onDone(): void }) {
  const tr = useT();
  const { engine, projectId, accountId, currencies } = useScope();
  const [v, setV] = useState<PledgeValues>(() =>
    pledge
      ? {
          pledgerId: pledge.pledgerId ?? '',
          donorName: pledge.donorName ?? '',
          amount: amountText(pledge.amount, digitsOf(currencies, pledge.currency)),
          currency: pledge.currency,
          status: pledge.status,
          receivedOn: pledge.receivedOn ?? '',
          anonymous: pledge.anonymous,
          note: pledge.note ?? '',
        }
      : { pledgerId: '', donorName: '', amount: '', currency: DEFAULT_CURRENCY, status: 'pledged', receivedOn: '', anonymous: true, note: '' },
  );
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<Message>(null);
  const formId = useId();
  // Another member's pledge stays anonymous: only they may put their name on the public page.
  const othersPledge = v.pledgerId !== '' && v.pledgerId !== accountId;
  const anonymous = othersPledge ? true : v.anonymous;
  const set = (next: Partial<PledgeValues>) => {
    setV((x) => ({ ...x, ...next }));
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(next)) delete out[k];
      return out;
    });
    setMessage(null);
  };
  const fail = (fields: Refusal['fields'], text: Key = 'transfer.fixErrors') => {
    setErrors(fields);
    setMessage({ kind: 'error', text });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(v.amount, digitsOf(currencies, v.currency));
    if (amount === null) return fail({ amount: 'project.amountInvalid' });
    const donorName = v.donorName.trim() || null;
    if (!donorName && (v.pledgerId === '' || !anonymous)) return fail({ donorName: 'transfer.issue.required' });
    const fields = {
      pledgerId: v.pledgerId || null,
      donorName,
      amount,
      currency: v.currency,
      status: v.status,
      note: v.note.trim() || null,
      receivedOn: v.status === 'received' ? v.receivedOn || null : null,
    };
    try {
      if (!pledge) await mutate(engine, 'pledge.create', { id, projectId, ...fields, anonymous });
      else {
        await mutate(engine, 'pledge.update', { id, patch: fields });
        if (anonymous !== pledge.anonymous) await mutate(engine, 'pledge.setAnonymous', { id, anonymous, donorName });
      }
      onDone();
    } catch (err) {
      const r = refusalOf(err);
      fail(r.fields, r.message);
    }
  };

  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h5 id={formId}>{tr(pledge ? 'project.pledge.edit' : 'project.pledge.add')}</h5>
      <PField label={tr('project.pledge.from')} error={errors.pledgerId}>
        {(a) => (
          <select {...a} value={v.pledgerId} onChange={(e) => set({ pledgerId: e.target.value })}>
            <option value="">{tr('project.pledge.outside')}</option>
            {records.members.map((m) => (
              <option key={m.accountId} value={m.accountId}>
                {m.accountId === accountId ? tr('project.pledge.me', { name: m.name ?? '' }) : (m.name ?? tr('project.someone'))}
              </option>
            ))}
          </select>
        )}
      </PField>
      <PField label={tr('project.pledge.donorName')} error={errors.donorName} hint={tr(v.pledgerId ? 'project.pledge.donorNameMemberHint' : 'project.pledge.donorNameHint')}>
        {(a) => <input {...a} maxLength={160} value={v.donorName} onChange={(e) => set({ donorName: e.target.value })} />}
      </PField>
      <MoneyFields
        amountLabel={tr('project.amount')}
        amount={v.amount}
        currency={v.currency}
        currencies={currencies}
        errors={errors}
        onAmount={(amount) => set({ amount })}
        onCurrency={(currency) => set({ currency })}
      />
      <div className="pair">
        <PField label={tr('project.pledge.status')} error={errors.status}>
          {(a) => (
            <select {...a} value={v.status} onChange={(e) => set({ status: e.target.value as PledgeStatus })}>
              {PLEDGE_STATUSES_UI.map((s) => (
                <option key={s} value={s}>
                  {tr(`pledge.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </PField>
        <PField label={tr('project.pledge.receivedDate')} error={errors.receivedOn} hint={tr('project.pledge.receivedDateHint')}>
          {(a) => <input {...a} type="date" disabled={v.status !== 'received'} value={v.receivedOn} onChange={(e) => set({ receivedOn: e.target.value })} />}
        </PField>
      </div>
      <PCheck
        label={tr('project.pledge.anonymous')}
        hint={tr(othersPledge ? 'project.pledge.anonymousMemberHint' : 'project.pledge.anonymousHint')}
        checked={anonymous}
        disabled={othersPledge}
        onChange={(anonymous) => set({ anonymous })}
      />
      <PField label={tr('project.pledge.note')} error={errors.note}>
        {(a) => <textarea {...a} rows={2} maxLength={1000} value={v.note} onChange={(e) => set({ note: e.target.value })} />}
      </PField>
      <div className="actions">
        <button type="submit">{tr(pledge ? 'transfer.saveChanges' : 'project.pledge.save')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        <Status message={message} />
      </div>
    </form>
  );
}

/* ----------------------------------------------------------------- expenses */

function Expenses({ records }: { records: ProjectRecords }) {
  const tr = useT();
  const { canEdit } = useScope();
  const [editing, setEditing] = useState<{ id: string; expense: Expense | null } | null>(null);
  const titleId = useId();
  return (
    <section className="project-sub" aria-labelledby={titleId}>
      <h4 id={titleId}>{tr('project.expenses')}</h4>
      {canEdit && !editing ? (
        <button type="button" onClick={() => setEditing({ id: newId(), expense: null })}>
          {tr('project.expense.add')}
        </button>
      ) : null}
      {editing && !editing.expense ? <ExpenseForm key={editing.id} id={editing.id} expense={null} onDone={() => setEditing(null)} /> : null}
      {records.expenses.length === 0 ? <p className="hint">{tr('project.expenses.none')}</p> : null}
      <ul className="items">
        {records.expenses.map((x) => (
          <li key={x.id}>
            {editing?.expense?.id === x.id ? (
              <ExpenseForm id={x.id} expense={x} onDone={() => setEditing(null)} />
            ) : (
              <ExpenseItem expense={x} onEdit={() => setEditing({ id: x.id, expense: x })} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExpenseItem({ expense: x, onEdit }: { expense: Expense; onEdit(): void }) {
  const tr = useT();
  const { engine, projectId, canEdit, money, day } = useScope();
  const [error, setError] = useState<Key | null>(null);
  return (
    <article className="item" aria-label={x.purpose}>
      <h5>
        {x.purpose} <span className="amount">{money(x.amount, x.currency)}</span>
      </h5>
      <p className="meta">
        {x.spentOn ? day(x.spentOn) : tr('project.expense.noDate')}
        {' · '}
        {x.receiptFileId ? (
          <FileLink path={`/api/projects/${encodeURIComponent(projectId)}/receipts/${encodeURIComponent(x.receiptFileId)}`} name={`receipt-${x.id}.pdf`}>
            {tr('project.receipt.view')}
          </FileLink>
        ) : x.receiptUrl ? (
          <a href={x.receiptUrl} target="_blank" rel="noopener noreferrer">
            {tr('project.receipt.link')}
          </a>
        ) : (
          tr('project.receipt.none')
        )}
      </p>
      {canEdit ? (
        <div className="actions">
          <button type="button" aria-label={tr('project.expense.editOf', { purpose: x.purpose })} onClick={onEdit}>
            {tr('transfer.edit')}
          </button>
          <ConfirmButton
            label={tr('project.expense.deleteOf', { purpose: x.purpose })}
            question={tr('project.expense.deleteQuestion')}
            confirm={tr('project.confirmDelete')}
            onConfirm={() => {
              setError(null);
              mutate(engine, 'expense.delete', { id: x.id }).catch((err: unknown) => setError(refusalOf(err).message));
            }}
          />
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

/** How long to wait for a new expense to reach the server before its receipt can follow. */
const RECEIPT_TRIES = 6;
const RECEIPT_WAIT_MS = 700;

interface ExpenseValues {
  amount: string;
  currency: string;
  purpose: string;
  spentOn: string;
  receiptUrl: string;
}

function ExpenseForm({ id, expense, onDone }: { id: string; expense: Expense | null; onDone(): void }) {
  const tr = useT();
  const { engine, projectId, currencies } = useScope();
  const [v, setV] = useState<ExpenseValues>(() =>
    expense
      ? {
          amount: amountText(expense.amount, digitsOf(currencies, expense.currency)),
          currency: expense.currency,
          purpose: expense.purpose,
          spentOn: expense.spentOn ?? '',
          receiptUrl: expense.receiptUrl ?? '',
        }
      : { amount: '', currency: DEFAULT_CURRENCY, purpose: '', spentOn: today(), receiptUrl: '' },
  );
  const [file, setFile] = useState<File | null>(null);
  // Once created here, a second press (a receipt that failed) updates rather than creates again.
  const [saved, setSaved] = useState(expense !== null);
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const set = (next: Partial<ExpenseValues>) => {
    setV((x) => ({ ...x, ...next }));
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(next)) delete out[k];
      return out;
    });
    setMessage(null);
  };
  const fail = (fields: Refusal['fields'], text: Key = 'transfer.fixErrors') => {
    setErrors(fields);
    setMessage({ kind: 'error', text });
  };

  const chooseFile = async (f: File | null) => {
    setFile(null);
    setErrors((e) => ({ ...e, receipt: undefined }));
    setMessage(null);
    if (!f) return;
    const problem = await checkReceipt(f);
    if (problem) return fail({ receipt: `errors.${problem}` }, `errors.${problem}`);
    setFile(f);
  };

  /** Sends the file; a new expense may still be on its way to the server, so `not_found` waits and tries again. */
  const upload = async (f: File): Promise<Key | null> => {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'project.receipt.offline';
    for (let attempt = 1; ; attempt++) {
      const r = await sendReceipt(projectId, id, f);
      if (r.ok) {
        void engine.engine.poke().catch(() => {});
        return null;
      }
      if (r.code === 'offline') return 'project.receipt.offline';
      if (r.code !== 'not_found') return errorKey({ code: r.code });
      if (attempt >= RECEIPT_TRIES) return 'project.receipt.notSynced';
      await engine.engine.poke().catch(() => {});
      await new Promise((ok) => setTimeout(ok, RECEIPT_WAIT_MS));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(v.amount, digitsOf(currencies, v.currency));
    if (amount === null) return fail({ amount: 'project.amountInvalid' });
    const fields = { amount, currency: v.currency, purpose: v.purpose.trim() || null, spentOn: v.spentOn || null, receiptUrl: v.receiptUrl.trim() || null };
    try {
      if (saved) await mutate(engine, 'expense.update', { id, patch: fields });
      else await mutate(engine, 'expense.create', { id, projectId, ...fields });
    } catch (err) {
      const r = refusalOf(err);
      return fail(r.fields, r.message);
    }
    setSaved(true);
    if (!file) return onDone();
    setBusy(true);
    setMessage({ kind: 'saved', text: 'project.receipt.sending' });
    const problem = await upload(file);
    setBusy(false);
    if (!problem) return onDone();
    // The expense is saved; only the file is missing. Say so, keep the form to try again.
    setErrors({ receipt: problem });
    setMessage({ kind: 'error', text: 'project.receipt.savedWithout' });
  };

  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate aria-busy={busy}>
      <h5 id={formId}>{tr(expense ? 'project.expense.edit' : 'project.expense.add')}</h5>
      <MoneyFields
        amountLabel={tr('project.amount')}
        amount={v.amount}
        currency={v.currency}
        currencies={currencies}
        errors={errors}
        onAmount={(amount) => set({ amount })}
        onCurrency={(currency) => set({ currency })}
      />
      <PField label={tr('project.expense.purpose')} error={errors.purpose}>
        {(a) => <input {...a} maxLength={500} value={v.purpose} onChange={(e) => set({ purpose: e.target.value })} />}
      </PField>
      <PField label={tr('project.expense.date')} error={errors.spentOn}>
        {(a) => <input {...a} type="date" value={v.spentOn} onChange={(e) => set({ spentOn: e.target.value })} />}
      </PField>
      <PField label={tr('project.receipt.file')} error={errors.receipt} hint={tr(expense?.receiptFileId ? 'project.receipt.replaceHint' : 'project.receipt.fileHint')}>
        {(a) => <input {...a} type="file" accept={RECEIPT_ACCEPT} onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)} />}
      </PField>
      <PField label={tr('project.receipt.url')} error={errors.receiptUrl} hint={tr('project.receipt.urlHint')}>
        {(a) => <input {...a} type="url" inputMode="url" maxLength={2000} value={v.receiptUrl} onChange={(e) => set({ receiptUrl: e.target.value })} />}
      </PField>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {tr(expense ? 'transfer.saveChanges' : 'project.expense.save')}
        </button>
        <button type="button" onClick={onDone}>
          {tr(saved && !expense ? 'project.close' : 'transfer.cancel')}
        </button>
        <Status message={message} />
      </div>
    </form>
  );
}
