/**
 * A project's workspace (`#/projects/<id>`, its history at `…/history`): the header (title,
 * the account's role, the connection, who is here now), the notes and the task board over the
 * screen's replica of the workspace document, and the version history. Loaded on demand
 * (`React.lazy` in pages.tsx): the editor, Yjs and the board stay out of the first load.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
// The workspace's strings come with this chunk (registered with `t` as it loads).
import '../../i18n/workspace.ts';
import { readBoard } from '@mekendesh/sync/board';
import type { ProjectDetail } from '../../engine-client.ts';
import { errorKey } from '../errors.ts';
import { useT } from '../locale.tsx';
import { useCtx, useLive } from '../transfer-kit.tsx';
import { projectHref, type ProjectView } from '../workspace-nav.tsx';
import { BoardView, addDefaultColumns, type Member } from './board-view.tsx';
import { EngineProvider, accountOf, colorFor, colorPicker, presentUsers, type PresenceUser, type ReplicaState } from './engine-provider.ts';
import { HistoryView } from './history.tsx';
import { ProjectOverview } from '../project/lazy.tsx';
import { NotesEditor } from './notes-editor.tsx';

const NO_STATE: ReplicaState = { ready: false, status: { projectId: '', connection: 'connecting', reason: null }, role: null, error: null };
const noSubscribe = () => () => {};

/**
 * The screen's replica of the workspace, held while mounted: opened when the project is on the
 * device, closed (presence removed, the engine's hold released) on unmount; presence also
 * leaves when the page is hidden for good (`pagehide`) and comes back from the page cache.
 */
function useReplica(projectId: string, enabled: boolean, attempt: number) {
  const { engine } = useCtx();
  const [provider, setProvider] = useState<EngineProvider | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const p = new EngineProvider(engine, projectId);
    setProvider(p);
    void p.open();
    const hide = () => p.hide();
    const show = (e: PageTransitionEvent) => {
      if (e.persisted) p.show();
    };
    window.addEventListener('pagehide', hide);
    window.addEventListener('pageshow', show);
    return () => {
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
      p.destroy();
      setProvider((cur) => (cur === p ? null : cur));
    };
  }, [engine, projectId, enabled, attempt]);
  const state = useSyncExternalStore(provider?.subscribe ?? noSubscribe, provider?.getState ?? (() => NO_STATE));
  return { provider, state };
}

/** Everyone present, following the awareness. */
function usePresence(provider: EngineProvider | null) {
  const [users, setUsers] = useState<ReturnType<typeof presentUsers>>([]);
  useEffect(() => {
    if (!provider) return;
    const on = () => setUsers(presentUsers(provider.awareness));
    on();
    provider.awareness.on('change', on);
    return () => provider.awareness.off('change', on);
  }, [provider]);
  return users;
}

export default function WorkspaceScreen({ projectId, view, accountId }: { projectId: string; view: ProjectView; accountId: string }) {
  const tr = useT();
  const { engine } = useCtx();
  const titleId = useId();
  const [loaded] = useLive(
    ['projects', 'project_members', 'profiles', 'accounts'],
    useCallback(async () => ({ detail: await engine.engine['projects.get']({ id: projectId }) }), [engine, projectId]),
  );
  const detail: ProjectDetail | null = loaded?.detail ?? null;
  const [attempt, setAttempt] = useState(0);
  const { provider, state } = useReplica(projectId, detail !== null, attempt);
  const present = usePresence(provider);
  // Colours told apart on this screen: dots, carets and selections agree.
  const [pick] = useState(colorPicker);
  const here = present.map((u) => u.id).join('\n');
  const colorOf = useMemo(() => {
    const ids = here.split('\n');
    return (id: string) => pick(id, ids);
  }, [pick, here]);
  const caretColor = useCallback((u: Record<string, unknown>) => colorOf(accountOf(u) ?? String(u.name ?? '')), [colorOf]);

  // The live membership decides: a viewer made editor (or the reverse) needs no reload.
  const role = detail?.role ?? state.role;
  const canEdit = role === 'owner' || role === 'editor';

  const nameOf = useMemo(() => {
    const seen = new Map(present.map((u) => [u.id, u.name]));
    const members = new Map(detail?.members.map((m) => [m.accountId, m]) ?? []);
    return (id: string) => {
      const m = members.get(id);
      return m?.name ?? seen.get(id) ?? (m ? `${tr('board.someone')} (${tr(`project.role.${m.role}`)})` : tr('board.someone'));
    };
  }, [present, detail, tr]);
  const members: Member[] = useMemo(() => detail?.members.map((m) => ({ accountId: m.accountId, name: nameOf(m.accountId) })) ?? [], [detail, nameOf]);

  const myName = detail?.members.find((m) => m.accountId === accountId)?.name ?? null;
  const user: PresenceUser | undefined = useMemo(
    () => (myName ? { id: accountId, name: myName, color: colorFor(accountId) } : undefined),
    [accountId, myName],
  );
  useEffect(() => {
    if (provider && user) provider.setUser(user);
  }, [provider, user]);

  // An empty board gets the default columns, once this device has heard from the server (or
  // cannot reach it): ids are fixed, so two people doing it offline still end with one set.
  const seeded = useRef(false);
  useEffect(() => {
    if (!provider || !state.ready || !canEdit || seeded.current || state.status.connection === 'connecting') return;
    seeded.current = true;
    if (readBoard(provider.doc).columns.length === 0) addDefaultColumns(provider.doc);
  }, [provider, state.ready, state.status.connection, canEdit]);

  if (!loaded) return <p className="loading">{tr('projects.loading')}</p>;
  const back = (
    <a className="back" href="#/projects">
      {tr('workspace.back')}
    </a>
  );
  if (!detail) {
    return (
      <section className="card wide">
        {back}
        <p className="hint">{tr('workspace.missing')}</p>
      </section>
    );
  }
  const conn = state.status.connection;
  return (
    <section className="card wide workspace-screen" aria-labelledby={titleId}>
      {back}
      <header className="ws-head">
        <h2 id={titleId}>{detail.title}</h2>
        <p className="ws-meta">
          <span>{tr('workspace.role', { role: tr(`project.role.${detail.role}`) })}</span>
          <span className="ws-connection" role="status" aria-label={tr('workspace.connection')} data-state={conn}>
            <span className="conn-dot" aria-hidden="true" />
            {tr(`workspace.connection.${conn}`)}
            {conn === 'denied' && state.status.reason ? ` — ${tr(errorKey({ code: state.status.reason }))}` : ''}
          </span>
          {conn === 'denied' ? (
            <button type="button" onClick={() => void engine.engine['workspace.reconnect']().catch(() => {})}>
              {tr('workspace.reconnect')}
            </button>
          ) : null}
        </p>
        <Presence users={present} colorOf={colorOf} />
        {!canEdit && role ? <p className="hint">{tr('workspace.readOnly')}</p> : null}
      </header>
      {/* The replica stays open across the views: presence and the connection show on all of them. */}
      <nav className="ws-tabs" aria-label={tr('workspace.sections')}>
        {(['overview', 'work', 'history'] as const).map((v) => (
          <a key={v} href={projectHref(projectId, v)} aria-current={view === v ? 'page' : undefined}>
            {tr(`workspace.tab.${v}`)}
          </a>
        ))}
      </nav>
      {view === 'overview' ? <ProjectOverview engine={engine} projectId={projectId} /> : null}
      {state.error && !state.ready ? (
        <div role="alert">
          <p className="error">{tr(errorKey(state.error))}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {tr('workspace.retry')}
          </button>
        </div>
      ) : null}
      {state.error && state.ready ? (
        <p className="error" role="alert">
          {tr(errorKey(state.error))}
        </p>
      ) : null}
      {view === 'overview' ? null : !provider || !state.ready ? (
        state.error ? null : <p className="loading">{tr('projects.loading')}</p>
      ) : view === 'history' ? (
        <HistoryView engine={engine.engine} projectId={projectId} status={state.status} canEdit={canEdit} members={members} nameOf={nameOf} />
      ) : (
        <div className="ws-body">
          <section className="ws-notes" aria-labelledby={`${titleId}-notes`}>
            <h3 id={`${titleId}-notes`}>{tr('notes.title')}</h3>
            <NotesEditor doc={provider.doc} provider={provider} user={user} readOnly={!canEdit} label={tr('notes.editor')} colorOf={caretColor} />
          </section>
          <BoardView doc={provider.doc} canEdit={canEdit} members={members} nameOf={nameOf} />
        </div>
      )}
    </section>
  );
}

function Presence({ users, colorOf }: { users: ReturnType<typeof presentUsers>; colorOf(accountId: string): string }) {
  const tr = useT();
  const id = useId();
  if (!users.length) return null;
  return (
    <div className="presence">
      <span id={id} className="presence-label">
        {tr('workspace.presence')}
      </span>
      <ul aria-labelledby={id}>
        {users.map((u) => (
          <li key={u.id}>
            <span className="presence-dot" style={{ backgroundColor: colorOf(u.id) }} aria-hidden="true" />
            {u.self ? tr('workspace.you', { name: u.name }) : u.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
