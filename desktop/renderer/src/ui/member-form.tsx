/**
 * A roster entry: every field editable (a new entry, or an opened one), the refusal's field
 * errors inline, the linked account's profile as shared with the association (read-only), and
 * delete. An edit sends the values shown when it was opened as `base`, so a change made
 * elsewhere meanwhile becomes a conflict instead of being overwritten.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AssociationRole, RosterFields } from '@mekendesh/core';
import type { RosterRow } from '@mekendesh/roster';
import type { ManagedAssociation } from '../../../src/backend/leader.ts';
import { call, errorKey, fieldErrors } from '../bridge.ts';
import type { Key } from '../i18n/index.ts';
import { useT } from './locale.tsx';

const EMPTY: RosterFields = {
  nameCyrillic: null,
  nameLatin: null,
  email: null,
  phone: null,
  country: null,
  city: null,
  homeRegion: null,
  homeSettlement: null,
  languages: [],
  skills: [],
  role: 'member',
  tags: [],
  groups: [],
  joinedOn: null,
  renewalDate: null,
  notes: null,
};

type Editable = 'nameCyrillic' | 'nameLatin' | 'phone' | 'email' | 'country' | 'city' | 'role' | 'tags' | 'groups' | 'joinedOn' | 'renewalDate' | 'notes';
const TEXT_FIELDS: { name: Editable; label: Key; type?: string; autoComplete?: string }[] = [
  { name: 'nameCyrillic', label: 'field.nameCyrillic' },
  { name: 'nameLatin', label: 'field.nameLatin' },
  { name: 'phone', label: 'field.phone', type: 'tel' },
  { name: 'email', label: 'field.email', type: 'email' },
  { name: 'city', label: 'field.city' },
  { name: 'country', label: 'field.country' },
  { name: 'tags', label: 'field.tags' },
  { name: 'groups', label: 'field.groups' },
  { name: 'joinedOn', label: 'field.joinedOn', type: 'date' },
  { name: 'renewalDate', label: 'field.renewalDate', type: 'date' },
];
const LIST_FIELDS = new Set<Editable>(['tags', 'groups']);
const ROLES: AssociationRole[] = ['leader', 'secretary', 'member'];

type Entry = RosterRow & { profile: Record<string, unknown> | null };

const toText = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v));
const fromForm = (name: Editable, raw: FormDataEntryValue | null): unknown => {
  const s = String(raw ?? '').trim();
  if (LIST_FIELDS.has(name)) return [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
  if (name === 'role') return s;
  if (name === 'country') return s ? s.toUpperCase() : null;
  return s === '' ? null : s;
};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function MemberForm({ association, id, onDone }: { association: ManagedAssociation; id: string | null; onDone(): void }) {
  const tr = useT();
  const uid = useId();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (!id) return;
    call('rosterEntry', { id }).then(
      (e) => setEntry(e as Entry),
      (err: unknown) => setError(tr(errorKey(err))),
    );
  }, [id, tr]);

  if (id && !entry) {
    return <p role={error ? 'alert' : undefined}>{error ?? tr('shell.loading')}</p>;
  }
  const base: RosterFields = entry ?? EMPTY;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values: Partial<Record<Editable, unknown>> = {};
    for (const f of [...TEXT_FIELDS.map((x) => x.name), 'role', 'notes'] as Editable[]) {
      if (f === 'role' && entry?.accountId) continue; // a linked member's role is set on the Roles screen
      values[f] = fromForm(f, form.get(f));
    }
    setError(null);
    setErrors({});
    setSaved(false);
    try {
      if (!entry) {
        await call('rosterCreate', { associationId: association.id, fields: { ...EMPTY, ...values } as RosterFields });
        onDone();
        return;
      }
      const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => !same(v, base[k as Editable])));
      if (Object.keys(patch).length === 0) return setSaved(true);
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, base[k as Editable]]));
      await call('rosterUpdate', { id: entry.id, patch, base: before });
      setEntry({ ...entry, ...patch } as Entry);
      setSaved(true);
    } catch (err) {
      if (entry && (err as { code?: unknown }).code === 'conflict') {
        // Changed elsewhere since the form opened (already synced here): show the current values to edit again.
        const fresh = (await call('rosterEntry', { id: entry.id }).catch(() => null)) as Entry | null;
        if (fresh) setEntry(fresh);
        setError(tr('member.changedElsewhere'));
        return;
      }
      const fields = fieldErrors(err);
      setErrors(fields);
      setError(Object.keys(fields).length ? tr('member.fixFields') : tr(errorKey(err)));
    }
  };

  const remove = async () => {
    try {
      await call('rosterDelete', { id: entry!.id });
      onDone();
    } catch (err) {
      setError(tr(errorKey(err)));
    }
  };

  const fieldError = (name: string) =>
    errors[name] ? (
      <span id={`${uid}-${name}-err`} className="error">
        {errors[name] === 'name_required' ? tr('member.nameRequired') : tr('member.invalid')}
      </span>
    ) : null;

  const profile = entry?.profile ?? null;
  const shared = profile
    ? (['nameCyrillic', 'nameLatin', 'email', 'phone', 'city', 'country', 'languages', 'bio'] as const).filter((k) => {
        const v = profile[k];
        return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
      })
    : [];

  return (
    <section className="card wide" aria-labelledby={`${uid}-h`}>
      <button type="button" className="link" onClick={onDone}>
        {tr('member.back')}
      </button>
      <h2 id={`${uid}-h`}>{entry ? entry.name || tr('roster.noName') : tr('member.addTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate key={entry?.updatedAt ?? 'new'}>
        <div className="form-grid">
          {TEXT_FIELDS.map((f) => (
            <div className="field" key={f.name}>
              <label htmlFor={`${uid}-${f.name}`}>{tr(f.label)}</label>
              <input
                id={`${uid}-${f.name}`}
                name={f.name}
                type={f.type ?? 'text'}
                defaultValue={toText(base[f.name])}
                aria-invalid={errors[f.name] ? true : undefined}
                aria-describedby={[errors[f.name] ? `${uid}-${f.name}-err` : '', LIST_FIELDS.has(f.name) ? `${uid}-list-hint` : ''].filter(Boolean).join(' ') || undefined}
              />
              {fieldError(f.name)}
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${uid}-role`}>{tr('field.role')}</label>
            <select id={`${uid}-role`} name="role" defaultValue={base.role} disabled={Boolean(entry?.accountId)} aria-describedby={entry?.accountId ? `${uid}-role-hint` : undefined}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(`role.${r}`)}
                </option>
              ))}
            </select>
            {entry?.accountId ? (
              <span id={`${uid}-role-hint`} className="hint">
                {tr('member.roleOnRoles')}
              </span>
            ) : null}
          </div>
        </div>
        <p id={`${uid}-list-hint`} className="hint">
          {tr('member.listHint')}
        </p>
        <div className="field">
          <label htmlFor={`${uid}-notes`}>{tr('field.notes')}</label>
          <textarea id={`${uid}-notes`} name="notes" rows={3} defaultValue={base.notes ?? ''} aria-invalid={errors.notes ? true : undefined} />
          {fieldError('notes')}
        </div>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {saved ? (
          <p className="notice" role="status">
            {tr('member.saved')}
          </p>
        ) : null}
        <button type="submit">{entry ? tr('member.save') : tr('member.create')}</button>
      </form>

      {entry?.accountId ? (
        <section aria-labelledby={`${uid}-profile`} className="profile">
          <h3 id={`${uid}-profile`}>{tr('member.profile')}</h3>
          <p className="hint">{tr('member.profileHint')}</p>
          {shared.length === 0 ? (
            <p>{tr('member.profileEmpty')}</p>
          ) : (
            <dl>
              {shared.map((k) => (
                <div key={k}>
                  <dt>{tr(k === 'bio' ? 'field.bio' : k === 'languages' ? 'field.languages' : `field.${k}`)}</dt>
                  <dd>{toText(profile![k])}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ) : null}

      {entry ? (
        <div className="danger">
          {confirmDelete ? (
            <p role="alert">
              {tr('member.deleteConfirm', { name: entry.name || tr('roster.noName') })}{' '}
              <button type="button" onClick={() => void remove()}>
                {tr('member.deleteYes')}
              </button>{' '}
              <button type="button" onClick={() => setConfirmDelete(false)}>
                {tr('common.cancel')}
              </button>
            </p>
          ) : (
            <button type="button" onClick={() => setConfirmDelete(true)}>
              {tr('member.delete')}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
