/**
 * A workspace's history (kept on the server, so online only): the saved versions with when,
 * who and what kind; "save a version" with an optional label; a read-only preview of one
 * (its notes and board); and restoring it, after a confirmation, as a new edit everyone gets.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import * as Y from 'yjs';
import type { WorkspaceStatus } from '@mekendesh/sync';
import type { Engine, WorkspaceVersion } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { errorKey } from '../errors.ts';
import { useT } from '../locale.tsx';
import { useDates } from '../transfer-kit.tsx';
import { BoardView, type Member } from './board-view.tsx';
import { NotesEditor } from './notes-editor.tsx';

type HistoryEngine = Pick<Engine['engine'], 'workspace.versions' | 'workspace.version' | 'workspace.saveVersion' | 'workspace.restore'>;

export function HistoryView({
  engine,
  projectId,
  status,
  canEdit,
  members,
  nameOf,
}: {
  engine: HistoryEngine;
  projectId: string;
  status: WorkspaceStatus;
  canEdit: boolean;
  members: Member[];
  nameOf(accountId: string): string;
}) {
  const tr = useT();
  const dates = useDates();
  const titleId = useId();
  const online = status.connection === 'synced';
  const [versions, setVersions] = useState<WorkspaceVersion[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ version: WorkspaceVersion; doc: Y.Doc } | null>(null);

  const load = useCallback(() => {
    engine['workspace.versions']({ projectId }).then(setVersions, (err: unknown) => setMessage({ kind: 'error', text: errorKey(err) }));
  }, [engine, projectId]);
  useEffect(() => {
    if (online) load();
  }, [online, load]);

  const nameOfVersion = (v: WorkspaceVersion) => v.label || dates.moment(v.createdAt);

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await engine['workspace.saveVersion']({ projectId, label: label.trim() || null });
      setLabel('');
      setMessage({ kind: 'saved', text: 'history.saved' });
      load();
    } catch (err) {
      setMessage({ kind: 'error', text: errorKey(err) });
    } finally {
      setBusy(false);
    }
  };

  const open = async (v: WorkspaceVersion) => {
    setMessage(null);
    try {
      const state = await engine['workspace.version']({ projectId, versionId: v.id });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      // Not connected to anything: dropped with the preview.
      setPreview({ version: v, doc });
    } catch (err) {
      setMessage({ kind: 'error', text: errorKey(err) });
    }
  };

  return (
    <section className="history" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('history.title')}</h3>
      {!online ? (
        <p className="notice-offline" role="note">
          {tr('history.offline')}
        </p>
      ) : (
        <>
          {canEdit ? (
            <form className="save-version" onSubmit={save} aria-label={tr('history.save')}>
              <div className="field">
                <label htmlFor={`${titleId}-label`}>{tr('history.label')}</label>
                <input id={`${titleId}-label`} value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
              </div>
              <button type="submit" disabled={busy}>
                {tr('history.save')}
              </button>
            </form>
          ) : null}
          <p role="status" className={message?.kind === 'error' ? 'error' : 'saved'}>
            {message ? tr(message.text) : ''}
          </p>
          {versions && versions.length === 0 ? <p className="hint">{tr('history.empty')}</p> : null}
          <ul className="items versions" aria-label={tr('history.list')}>
            {versions?.map((v) => (
              <li key={v.id} className="item">
                <article aria-label={nameOfVersion(v)}>
                  <h4>
                    {nameOfVersion(v)} <span className={`badge ${v.kind}`}>{tr(`history.kind.${v.kind}`)}</span>
                  </h4>
                  <p className="meta">
                    <time dateTime={v.createdAt}>{dates.moment(v.createdAt)}</time>
                    {/* Automatic versions are the server's: no author. */}
                    {v.createdBy ? ` · ${tr('history.by', { name: v.createdByName ?? nameOf(v.createdBy) })}` : null}
                  </p>
                  <button type="button" aria-label={tr('history.preview', { version: nameOfVersion(v) })} aria-pressed={preview?.version.id === v.id} onClick={() => void open(v)}>
                    {tr('history.show')}
                  </button>
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
      {preview ? (
        <Preview
          key={preview.version.id}
          engine={engine}
          projectId={projectId}
          version={preview.version}
          title={nameOfVersion(preview.version)}
          doc={preview.doc}
          canRestore={canEdit && online}
          members={members}
          nameOf={nameOf}
          onClose={() => setPreview(null)}
          onRestored={() => {
            setPreview(null);
            setMessage({ kind: 'saved', text: 'history.restored' });
          }}
        />
      ) : null}
    </section>
  );
}

function Preview({
  engine,
  projectId,
  version,
  title,
  doc,
  canRestore,
  members,
  nameOf,
  onClose,
  onRestored,
}: {
  engine: HistoryEngine;
  projectId: string;
  version: WorkspaceVersion;
  title: string;
  doc: Y.Doc;
  canRestore: boolean;
  members: Member[];
  nameOf(accountId: string): string;
  onClose(): void;
  onRestored(): void;
}) {
  const tr = useT();
  const headId = useId();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<Key | null>(null);
  // The preview opens below the list: take the focus (and the reader) there.
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const restore = async () => {
    setError(null);
    try {
      await engine['workspace.restore']({ projectId, versionId: version.id });
      onRestored();
    } catch (err) {
      setError(errorKey(err));
    }
  };
  return (
    <section className="preview" aria-labelledby={headId}>
      <h3 id={headId} tabIndex={-1} ref={heading}>
        {tr('history.previewTitle', { version: title })}
      </h3>
      <p className="hint">{tr('history.previewNote')}</p>
      <h4>{tr('notes.title')}</h4>
      <NotesEditor doc={doc} readOnly label={tr('history.previewTitle', { version: title })} />
      <BoardView doc={doc} canEdit={false} members={members} nameOf={nameOf} headingLevel={4} />
      <div className="actions">
        {canRestore && !confirming ? (
          <button type="button" onClick={() => setConfirming(true)}>
            {tr('history.restore')}
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          {tr('history.closePreview')}
        </button>
      </div>
      {confirming ? (
        <div className="confirm" role="group" aria-label={tr('history.restore')}>
          <p>{tr('history.restoreConfirm')}</p>
          <span className="actions">
            <button type="button" className="danger" onClick={() => void restore()}>
              {tr('history.confirmRestore')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              {tr('board.cancel')}
            </button>
          </span>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </section>
  );
}
