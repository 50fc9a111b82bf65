/**
 * A project's milestones (title, due date, progress 0–100, done) and its progress updates
 * (text and date, public with the project), each with add, edit and delete for editors.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Milestone, ProjectUpdate } from '@mekendesh/core';
import type { Key } from '../../i18n/index.ts';
import { useT } from '../locale.tsx';
import { ConfirmButton, PCheck, PField, Status, mutate, refusalOf, today, useScope, type Refusal } from './kit.tsx';

type Message = { kind: 'saved' | 'error'; text: Key } | null;
const newId = () => crypto.randomUUID();

/** A list with an "add" button and one row at a time turned into its form. */
function useEditing<T extends { id: string }>() {
  return useState<{ id: string; row: T | null } | null>(null);
}

function clearing<T extends object>(setErrors: (f: (e: Refusal['fields']) => Refusal['fields']) => void, next: Partial<T>) {
  setErrors((e) => {
    const out = { ...e };
    for (const k of Object.keys(next)) delete out[k];
    return out;
  });
}

/* --------------------------------------------------------------- milestones */

export function MilestonesPart({ milestones }: { milestones: Milestone[] }) {
  const tr = useT();
  const { canEdit } = useScope();
  const [editing, setEditing] = useEditing<Milestone>();
  const titleId = useId();
  return (
    <section className="project-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.milestones')}</h3>
      {canEdit && !editing ? (
        <button type="button" onClick={() => setEditing({ id: newId(), row: null })}>
          {tr('project.milestone.add')}
        </button>
      ) : null}
      {editing && !editing.row ? <MilestoneForm key={editing.id} id={editing.id} milestone={null} onDone={() => setEditing(null)} /> : null}
      {milestones.length === 0 ? <p className="hint">{tr('project.milestones.none')}</p> : null}
      <ul className="items">
        {milestones.map((m) => (
          <li key={m.id}>
            {editing?.row?.id === m.id ? (
              <MilestoneForm id={m.id} milestone={m} onDone={() => setEditing(null)} />
            ) : (
              <MilestoneItem milestone={m} onEdit={() => setEditing({ id: m.id, row: m })} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MilestoneItem({ milestone: m, onEdit }: { milestone: Milestone; onEdit(): void }) {
  const tr = useT();
  const { engine, canEdit, day } = useScope();
  const [error, setError] = useState<Key | null>(null);
  return (
    <article className="item" aria-label={m.title}>
      <h4>
        {m.title} {m.done ? <span className="badge completed">{tr('project.milestone.done')}</span> : null}
      </h4>
      <div className="progress-row">
        <progress max={100} value={m.progress} aria-label={m.title} />
        <span>{tr('project.milestone.percent', { progress: m.progress })}</span>
      </div>
      <p className="meta">{m.dueDate ? tr('project.milestone.dueOn', { date: day(m.dueDate) }) : tr('project.milestone.noDue')}</p>
      {canEdit ? (
        <div className="actions">
          <button type="button" aria-label={tr('project.milestone.editOf', { title: m.title })} onClick={onEdit}>
            {tr('transfer.edit')}
          </button>
          <ConfirmButton
            label={tr('project.milestone.deleteOf', { title: m.title })}
            question={tr('project.milestone.deleteQuestion')}
            confirm={tr('project.confirmDelete')}
            onConfirm={() => {
              setError(null);
              mutate(engine, 'milestone.delete', { id: m.id }).catch((err: unknown) => setError(refusalOf(err).message));
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

interface MilestoneValues {
  title: string;
  dueDate: string;
  progress: string;
  done: boolean;
}

function MilestoneForm({ id, milestone, onDone }: { id: string; milestone: Milestone | null; onDone(): void }) {
  const tr = useT();
  const { engine, projectId } = useScope();
  const [v, setV] = useState<MilestoneValues>(() =>
    milestone ? { title: milestone.title, dueDate: milestone.dueDate ?? '', progress: String(milestone.progress), done: milestone.done } : { title: '', dueDate: '', progress: '0', done: false },
  );
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<Message>(null);
  const formId = useId();
  const set = (next: Partial<MilestoneValues>) => {
    setV((x) => ({ ...x, ...next }));
    clearing(setErrors, next);
    setMessage(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = v.progress.trim();
    // Whole numbers only; anything else goes as it is, for the engine to name.
    const progress = typed === '' ? 0 : /^-?\d+$/.test(typed) ? Number(typed) : Number.NaN;
    if (Number.isNaN(progress)) {
      setErrors({ progress: 'project.milestone.progressInvalid' });
      setMessage({ kind: 'error', text: 'transfer.fixErrors' });
      return;
    }
    const fields = { title: v.title.trim(), dueDate: v.dueDate || null, progress, done: v.done };
    try {
      if (milestone) await mutate(engine, 'milestone.update', { id, patch: fields });
      else await mutate(engine, 'milestone.create', { id, projectId, ...fields });
      onDone();
    } catch (err) {
      const r = refusalOf(err);
      setErrors(r.fields);
      setMessage({ kind: 'error', text: r.message });
    }
  };
  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h4 id={formId}>{tr(milestone ? 'project.milestone.edit' : 'project.milestone.add')}</h4>
      <PField label={tr('project.milestone.title')} error={errors.title}>
        {(a) => <input {...a} maxLength={200} value={v.title} onChange={(e) => set({ title: e.target.value })} />}
      </PField>
      <div className="pair">
        <PField label={tr('project.milestone.due')} error={errors.dueDate}>
          {(a) => <input {...a} type="date" value={v.dueDate} onChange={(e) => set({ dueDate: e.target.value })} />}
        </PField>
        <PField label={tr('project.milestone.progress')} error={errors.progress} hint={tr('project.milestone.progressHint')}>
          {(a) => <input {...a} inputMode="numeric" value={v.progress} onChange={(e) => set({ progress: e.target.value })} />}
        </PField>
      </div>
      <PCheck label={tr('project.milestone.doneField')} hint={tr('project.milestone.doneHint')} checked={v.done} onChange={(done) => set({ done })} />
      <div className="actions">
        <button type="submit">{tr(milestone ? 'transfer.saveChanges' : 'project.milestone.save')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        <Status message={message} />
      </div>
    </form>
  );
}

/* ------------------------------------------------------------------ updates */

export function UpdatesPart({ updates }: { updates: ProjectUpdate[] }) {
  const tr = useT();
  const { canEdit } = useScope();
  const [editing, setEditing] = useEditing<ProjectUpdate>();
  const titleId = useId();
  return (
    <section className="project-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.updates')}</h3>
      <p className="hint">{tr('project.updates.hint')}</p>
      {canEdit && !editing ? (
        <button type="button" onClick={() => setEditing({ id: newId(), row: null })}>
          {tr('project.update.add')}
        </button>
      ) : null}
      {editing && !editing.row ? <UpdateForm key={editing.id} id={editing.id} update={null} onDone={() => setEditing(null)} /> : null}
      {updates.length === 0 ? <p className="hint">{tr('project.updates.none')}</p> : null}
      <ul className="items">
        {updates.map((u) => (
          <li key={u.id}>
            {editing?.row?.id === u.id ? <UpdateForm id={u.id} update={u} onDone={() => setEditing(null)} /> : <UpdateItem update={u} onEdit={() => setEditing({ id: u.id, row: u })} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function UpdateItem({ update: u, onEdit }: { update: ProjectUpdate; onEdit(): void }) {
  const tr = useT();
  const { engine, canEdit, day } = useScope();
  const [error, setError] = useState<Key | null>(null);
  const when = day(u.date);
  const label = tr('project.update.of', { date: when, name: u.authorName });
  return (
    <article className="item" aria-label={label}>
      <p className="meta">{label}</p>
      <p className="update-text">{u.text}</p>
      {canEdit ? (
        <div className="actions">
          <button type="button" aria-label={tr('project.update.editOf', { date: when })} onClick={onEdit}>
            {tr('transfer.edit')}
          </button>
          <ConfirmButton
            label={tr('project.update.deleteOf', { date: when })}
            question={tr('project.update.deleteQuestion')}
            confirm={tr('project.confirmDelete')}
            onConfirm={() => {
              setError(null);
              mutate(engine, 'projectUpdate.delete', { id: u.id }).catch((err: unknown) => setError(refusalOf(err).message));
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

function UpdateForm({ id, update, onDone }: { id: string; update: ProjectUpdate | null; onDone(): void }) {
  const tr = useT();
  const { engine, projectId } = useScope();
  const [text, setText] = useState(update?.text ?? '');
  const [date, setDate] = useState(update?.date ?? today());
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<Message>(null);
  const formId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // An empty date is "not given": the engine names it as required.
    const fields = { text: text.trim(), date: date || undefined };
    try {
      if (update) await mutate(engine, 'projectUpdate.update', { id, ...fields });
      else await mutate(engine, 'projectUpdate.create', { id, projectId, ...fields });
      onDone();
    } catch (err) {
      const r = refusalOf(err);
      setErrors(r.fields);
      setMessage({ kind: 'error', text: r.message });
    }
  };
  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h4 id={formId}>{tr(update ? 'project.update.edit' : 'project.update.add')}</h4>
      <PField label={tr('project.update.text')} error={errors.text}>
        {(a) => (
          <textarea
            {...a}
            rows={4}
            maxLength={4000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              clearing(setErrors, { text: '' });
              setMessage(null);
            }}
          />
        )}
      </PField>
      <PField label={tr('project.update.date')} error={errors.date}>
        {(a) => (
          <input
            {...a}
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              clearing(setErrors, { date: '' });
              setMessage(null);
            }}
          />
        )}
      </PField>
      <div className="actions">
        <button type="submit">{tr(update ? 'transfer.saveChanges' : 'project.update.save')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        <Status message={message} />
      </div>
    </form>
  );
}
