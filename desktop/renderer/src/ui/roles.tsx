import { useCallback, useEffect, useId, useState } from 'react';
import type { AssociationRole } from '@mekendesh/core';
import type { RosterRow } from '@mekendesh/roster';
import type { ManagedAssociation } from '../../../src/backend/leader.ts';
import { call, errorKey } from '../bridge.ts';
import { useFormat, useT } from './locale.tsx';

const ROLES: AssociationRole[] = ['leader', 'secretary', 'member'];
/** Members with accounts found by a search, at most this many at a time (the total is shown). */
const LIMIT = 200;

/**
 * Roles of members who have accounts (a role grants rights in the app, so it goes through the
 * membership): leader, secretary or member. Leaders and secretaries are listed first.
 */
export function Roles({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<RosterRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    call('members', { associationId: association.id, text, limit: LIMIT }).then(
      (r) => {
        setRows(r.rows);
        setTotal(r.total);
      },
      (err: unknown) => setMessage({ ok: false, text: tr(errorKey(err)) }),
    );
  }, [association.id, text, tr]);
  useEffect(load, [load, version]);

  const setRole = async (row: RosterRow, role: AssociationRole) => {
    try {
      await call('setRole', { associationId: association.id, accountId: row.accountId!, role });
      setMessage({ ok: true, text: tr('roles.saved', { name: row.name, role: tr(`role.${role}`) }) });
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };

  return (
    <section className="card wide" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{tr('roles.title')}</h2>
      <p className="hint">{tr('roles.explain')}</p>
      <div className="field inline">
        <label htmlFor={`${id}-q`}>{tr('roster.search')}</label>
        <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {rows === null ? <p>{tr('shell.loading')}</p> : rows.length === 0 ? <p>{tr('roles.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="plain">
          <thead>
            <tr>
              <th scope="col">{tr('field.name')}</th>
              <th scope="col">{tr('field.email')}</th>
              <th scope="col">{tr('field.role')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.name || tr('roster.noName')}</td>
                <td>{r.email}</td>
                <td>
                  <select value={r.role} aria-label={tr('roles.roleOf', { name: r.name || tr('roster.noName') })} onChange={(e) => void setRole(r, e.target.value as AssociationRole)}>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {tr(`role.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows && total > rows.length ? <p className="hint">{tr('roles.more', { shown: fmt.num(rows.length), total: fmt.num(total) })}</p> : null}
    </section>
  );
}
