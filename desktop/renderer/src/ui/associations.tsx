import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ManagedAssociation } from '../../../src/backend/leader.ts';
import { call, errorKey } from '../bridge.ts';
import { useFormat, useT } from './locale.tsx';

/** The associations this leader manages, with member and pending counts; founding one when there is none. */
export function Associations({ version, onOpen }: { version: number; onOpen(a: ManagedAssociation): void }) {
  const tr = useT();
  const fmt = useFormat();
  const [list, setList] = useState<ManagedAssociation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('associations').then(setList, (err: unknown) => setError(tr(errorKey(err))));
  }, [tr]);
  useEffect(load, [load, version]);
  return (
    <section className="card" aria-labelledby="assoc-h">
      <h2 id="assoc-h">{tr('associations.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {list === null ? <p>{tr('shell.loading')}</p> : null}
      {list?.length === 0 ? <p>{tr('associations.none')}</p> : null}
      {list && list.length > 0 ? (
        <ul className="items">
          {list.map((a) => (
            <li key={a.id} className="item">
              <h3>{a.name}</h3>
              <p className="hint">
                {a.city}, {a.country} · {tr(`role.${a.role}`)}
              </p>
              <p>
                {tr('associations.members', { count: a.members, n: fmt.num(a.members) })} ·{' '}
                {tr('associations.pending', { count: a.pending, n: fmt.num(a.pending) })}
              </p>
              <button type="button" onClick={() => onOpen(a)} aria-label={tr('associations.openNamed', { name: a.name })}>
                {tr('associations.open')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {list ? <CreateAssociation first={list.length === 0} onCreated={load} /> : null}
    </section>
  );
}

function CreateAssociation({ first, onCreated }: { first: boolean; onCreated(): void }) {
  const tr = useT();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    try {
      await call('createAssociation', {
        name: String(form.get('name')).trim(),
        country: String(form.get('country')).trim().toUpperCase(),
        city: String(form.get('city')).trim(),
      });
      formEl.reset();
      onCreated();
    } catch (err) {
      setError(tr(errorKey(err)));
    }
  };
  const body = (
    <form onSubmit={(e) => void submit(e)} aria-label={tr('associations.create')}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{tr('associations.name')}</label>
        <input id={`${id}-name`} name="name" required maxLength={160} />
      </div>
      <div className="field row">
        <div className="grow">
          <label htmlFor={`${id}-city`}>{tr('field.city')}</label>
          <input id={`${id}-city`} name="city" required maxLength={100} />
        </div>
        <div>
          <label htmlFor={`${id}-country`}>{tr('field.country')}</label>
          <input id={`${id}-country`} name="country" required pattern="[A-Za-z]{2}" maxLength={2} size={3} aria-describedby={`${id}-country-hint`} />
        </div>
      </div>
      <p id={`${id}-country-hint`} className="hint">
        {tr('associations.countryHint')}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit">{tr('associations.create')}</button>
    </form>
  );
  return first ? (
    body
  ) : (
    <details>
      <summary>{tr('associations.create')}</summary>
      {body}
    </details>
  );
}
