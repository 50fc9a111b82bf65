import { useId, useState } from 'react';
import type { RejectedMutation, SyncStatus } from '@mekendesh/sync';
import { mutationKey } from '@mekendesh/i18n';
import { call, errorKey } from '../bridge.ts';
import type { Key } from '../i18n/index.ts';
import { useFormat, useT } from './locale.tsx';

interface FieldConflict {
  field: string;
  theirs: unknown;
  yours: unknown;
}
const conflictsOf = (r: RejectedMutation): FieldConflict[] => {
  const list = (r.detail as { conflicts?: unknown } | null)?.conflicts;
  return r.error === 'conflict' && Array.isArray(list) ? (list as FieldConflict[]) : [];
};

const FIELD_KEYS = new Set(['nameCyrillic', 'nameLatin', 'email', 'phone', 'country', 'city', 'role', 'tags', 'groups', 'joinedOn', 'renewalDate', 'notes']);

/**
 * Changes the server refused, kept until the leader decides. A roster conflict shows each
 * field with the other device's value and this one's: keep mine re-sends the change over
 * theirs, keep theirs drops it.
 */
export function Conflicts({ status }: { status: SyncStatus | null }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const list = status?.rejected ?? [];
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? tr('conflicts.empty') : Array.isArray(v) ? v.join(', ') : String(v));
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(tr(errorKey(err)));
    }
  };
  return (
    <section className="card wide" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{tr('conflicts.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {list.length === 0 ? <p>{tr('conflicts.none')}</p> : null}
      <ul className="items">
        {list.map((r) => {
          const fields = conflictsOf(r);
          const named = mutationKey(r.name);
          const what = named ? tr(named) : r.name;
          return (
            <li key={r.id} className="item">
              <h3>
                {what} <span className="rank">· {fmt.stamp(r.createdAt)}</span>
              </h3>
              <p>{tr(errorKey({ code: r.error }))}</p>
              {fields.length > 0 ? (
                <table className="plain">
                  <caption className="sr-only">{tr('conflicts.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tr('conflicts.field')}</th>
                      <th scope="col">{tr('conflicts.theirs')}</th>
                      <th scope="col">{tr('conflicts.yours')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((f) => (
                      <tr key={f.field}>
                        <th scope="row">{FIELD_KEYS.has(f.field) ? tr(`field.${f.field}` as Key) : f.field}</th>
                        <td>{show(f.theirs)}</td>
                        <td>{show(f.yours)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <p className="actions">
                {r.name === 'roster.update' && fields.length > 0 ? (
                  <button type="button" onClick={() => void act(() => call('keepMine', { id: r.id }))}>
                    {tr('conflicts.keepMine')}
                  </button>
                ) : null}{' '}
                <button type="button" onClick={() => void act(() => call('discard', { id: r.id }))}>
                  {fields.length > 0 ? tr('conflicts.keepTheirs') : tr('conflicts.discard')}
                </button>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
