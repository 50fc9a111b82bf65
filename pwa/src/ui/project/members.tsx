/**
 * A project's members with their roles. Owners find compatriots by name in the skills bank
 * (offline, on this device) and add them, change roles and remove members; anyone may leave.
 * One owner always stays (`last_owner`).
 */
import { useEffect, useId, useState } from 'react';
import type { ProjectRole } from '@mekendesh/core';
import type { ProjectRecordMember, SearchHit } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { useT } from '../locale.tsx';
import { ConfirmButton, PField, mutate, refusalOf, useScope } from './kit.tsx';
import { PROJECT_ROLES_UI } from './statuses.ts';

/** Who asks the shared engine: only a newer search of this list makes an older one moot. */
const FROM = `project-members-${Math.random().toString(36).slice(2)}`;
const LIMIT = 8;
const newId = () => crypto.randomUUID();
const nameOfHit = (h: SearchHit) => h.nameCyrillic || h.nameLatin || h.displayName || '';

export function MembersPart({ members }: { members: ProjectRecordMember[] }) {
  const tr = useT();
  const { engine, accountId, isOwner } = useScope();
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();
  const run = (p: Promise<unknown>) => {
    setError(null);
    p.catch((err: unknown) => setError(refusalOf(err).message));
  };
  const nameOf = (m: ProjectRecordMember) => (m.accountId === accountId ? tr('project.members.you', { name: m.name ?? '' }) : (m.name ?? tr('project.someone')));
  return (
    <section className="project-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.members')}</h3>
      <ul className="items members">
        {members.map((m) => {
          const name = nameOf(m);
          return (
            <li key={m.id} className="member">
              <span className="member-name">{name}</span>
              {isOwner ? (
                <select aria-label={tr('project.members.roleOf', { name })} value={m.role} onChange={(e) => run(mutate(engine, 'projectMember.setRole', { id: m.id, role: e.target.value }))}>
                  {PROJECT_ROLES_UI.map((r) => (
                    <option key={r} value={r}>
                      {tr(`project.role.${r}`)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="badge">{tr(`project.role.${m.role}`)}</span>
              )}
              {m.accountId === accountId ? (
                <ConfirmButton
                  label={tr('project.members.leave')}
                  question={tr('project.members.leaveQuestion')}
                  confirm={tr('project.members.confirmLeave')}
                  onConfirm={() => run(mutate(engine, 'projectMember.remove', { id: m.id }))}
                />
              ) : isOwner ? (
                <ConfirmButton
                  label={tr('project.members.removeOf', { name })}
                  question={tr('project.members.removeQuestion', { name })}
                  confirm={tr('project.members.confirmRemove')}
                  onConfirm={() => run(mutate(engine, 'projectMember.remove', { id: m.id }))}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
          {error === 'errors.last_owner' ? ` ${tr('project.members.lastOwnerHint')}` : ''}
        </p>
      ) : null}
      {isOwner ? <AddMember members={members} /> : null}
    </section>
  );
}

function AddMember({ members }: { members: ProjectRecordMember[] }) {
  const tr = useT();
  const { engine, projectId } = useScope();
  const [text, setText] = useState('');
  const [role, setRole] = useState<ProjectRole>('editor');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<Key | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const titleId = useId();
  const resultsId = useId();

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    // A short pause: a name is typed in a few keystrokes, one search for them is enough.
    const timer = setTimeout(() => {
      engine.engine.search({ text: query, limit: LIMIT + members.length, from: FROM }).then(
        (r) => live && r && setHits(r.hits),
        () => live && setHits([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, text, members.length]);

  const already = new Set(members.map((m) => m.accountId));
  const found = (hits ?? []).filter((h) => !already.has(h.id)).slice(0, LIMIT);
  const add = (h: SearchHit) => {
    setError(null);
    setAdded(null);
    mutate(engine, 'projectMember.add', { id: newId(), projectId, accountId: h.id, role }).then(
      () => setAdded(nameOfHit(h)),
      (err: unknown) => setError(refusalOf(err).message),
    );
  };

  return (
    <section className="subform" aria-labelledby={titleId}>
      <h4 id={titleId}>{tr('project.members.add')}</h4>
      <div className="pair">
        <PField label={tr('project.members.search')} hint={tr('project.members.searchHint')}>
          {(a) => <input {...a} type="search" autoComplete="off" aria-controls={resultsId} value={text} onChange={(e) => setText(e.target.value)} />}
        </PField>
        <PField label={tr('project.members.newRole')}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.target.value as ProjectRole)}>
              {PROJECT_ROLES_UI.map((r) => (
                <option key={r} value={r}>
                  {tr(`project.role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </PField>
      </div>
      <ul id={resultsId} className="hits" aria-label={tr('project.members.results')}>
        {found.map((h) => {
          const name = nameOfHit(h) || tr('project.someone');
          const where = h.city ?? '';
          return (
            <li key={h.id} className="member">
              <span className="member-name">
                {name}
                {where ? <span className="hint"> · {where}</span> : null}
              </span>
              <button type="button" aria-label={tr('project.members.addOf', { name })} onClick={() => add(h)}>
                {tr('project.members.addButton')}
              </button>
            </li>
          );
        })}
      </ul>
      {hits && found.length === 0 ? <p className="hint">{tr('project.members.noHits')}</p> : null}
      <p role="status" className={error ? 'error' : 'saved'}>
        {error ? tr(error) : added ? tr('project.members.added', { name: added }) : ''}
      </p>
    </section>
  );
}
