import { useCallback, useEffect, useId, useState } from 'react';
import type { ManagedAssociation, PendingMembership } from '../../../src/backend/leader.ts';
import { call, errorKey } from '../bridge.ts';
import { useFormat, useT } from './locale.tsx';

/** Requests to join, oldest first: approve or reject one, or several at once. */
export function Approvals({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [list, setList] = useState<PendingMembership[] | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    call('pendingMemberships', { associationId: association.id }).then(
      (l) => {
        setList(l);
        setPicked((p) => new Set([...p].filter((x) => l.some((m) => m.id === x))));
      },
      (err: unknown) => setMessage({ ok: false, text: tr(errorKey(err)) }),
    );
  }, [association.id, tr]);
  useEffect(load, [load, version]);

  const decide = async (ids: string[], decision: 'approve' | 'reject') => {
    try {
      await call('decideMemberships', { ids, decision });
      setMessage({ ok: true, text: tr(decision === 'approve' ? 'approvals.approved' : 'approvals.rejected', { count: ids.length }) });
      load();
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };
  const nameOf = (m: PendingMembership) => m.name ?? tr('approvals.noName');

  return (
    <section className="card wide" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{tr('approvals.title')}</h2>
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {list === null ? <p>{tr('shell.loading')}</p> : list.length === 0 ? <p>{tr('approvals.none')}</p> : null}
      {list && list.length > 0 ? (
        <>
          <div className="actions" role="group" aria-label={tr('approvals.selectedActions')}>
            <span>{tr('roster.selected', { count: picked.size, n: fmt.num(picked.size) })}</span>
            <button type="button" disabled={picked.size === 0} onClick={() => void decide([...picked], 'approve')}>
              {tr('approvals.approveSelected')}
            </button>
            <button type="button" disabled={picked.size === 0} onClick={() => void decide([...picked], 'reject')}>
              {tr('approvals.rejectSelected')}
            </button>
          </div>
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={tr('approvals.selectAll')}
                    checked={picked.size === list.length}
                    onChange={(e) => setPicked(e.target.checked ? new Set(list.map((m) => m.id)) : new Set())}
                  />
                </th>
                <th scope="col">{tr('field.name')}</th>
                <th scope="col">{tr('approvals.message')}</th>
                <th scope="col">{tr('approvals.requestedAt')}</th>
                <th scope="col">{tr('approvals.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={tr('roster.selectOne', { name: nameOf(m) })}
                      checked={picked.has(m.id)}
                      onChange={(e) =>
                        setPicked((p) => {
                          const n = new Set(p);
                          if (e.target.checked) n.add(m.id);
                          else n.delete(m.id);
                          return n;
                        })
                      }
                    />
                  </td>
                  <td>{nameOf(m)}</td>
                  <td>{m.message}</td>
                  <td>{fmt.stamp(m.requestedAt)}</td>
                  <td>
                    <button type="button" onClick={() => void decide([m.id], 'approve')} aria-label={tr('approvals.approveNamed', { name: nameOf(m) })}>
                      {tr('approvals.approve')}
                    </button>{' '}
                    <button type="button" onClick={() => void decide([m.id], 'reject')} aria-label={tr('approvals.rejectNamed', { name: nameOf(m) })}>
                      {tr('approvals.reject')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
