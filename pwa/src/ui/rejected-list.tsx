import { useId, useState } from 'react';
import { mutationKey } from '@mekendesh/i18n/base';
import type { RejectedMutation } from '@mekendesh/sync';
import type { Engine } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';
import { FIELD_LABELS, type Fixing } from './profile-form.tsx';

const isField = (k: string): k is keyof typeof FIELD_LABELS => Object.hasOwn(FIELD_LABELS, k);

/**
 * Changes the server refused: each with its translated reason, a Discard button and, for
 * profile updates, Edit again (the form re-opens with the refused values; saving replaces it).
 */
export function RejectedList({ engine, rejected, onEdit }: { engine: Engine; rejected: RejectedMutation[]; onEdit(fixing: Fixing): void }) {
  const tr = useT();
  const titleId = useId();
  const [error, setError] = useState<Key | null>(null);
  if (rejected.length === 0) return null;
  return (
    <section className="card rejected" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('rejected.title')}</h2>
      <ul>
        {rejected.map((r) => {
          const args = (r.args ?? {}) as Fixing['args'];
          const isProfile = r.name === 'profile.update';
          const fields = Object.keys({ ...args.patch, ...args.visibility })
            .filter(isField)
            .map((f) => tr(FIELD_LABELS[f]))
            .join(', ');
          const named = mutationKey(r.name);
          return (
            <li key={r.id}>
              <span>{isProfile ? tr('rejected.profileUpdate', { fields }) : named ? tr(named) : tr('rejected.other', { name: r.name })}</span>
              {' — '}
              <span className="error">{tr(errorKey({ code: r.error }))}</span>{' '}
              {isProfile ? (
                <button type="button" onClick={() => onEdit({ id: r.id, args })}>
                  {tr('rejected.edit')}
                </button>
              ) : null}{' '}
              <button
                type="button"
                onClick={() => {
                  setError(null);
                  engine.engine.discard({ id: r.id }).catch((err: unknown) => setError(errorKey(err)));
                }}
              >
                {tr('rejected.discard')}
              </button>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </section>
  );
}
