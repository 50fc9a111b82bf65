/**
 * The workspace's task board over the document's `board` map (`@mekendesh/sync/board`): columns
 * with their tasks; columns added, renamed and removed; tasks added, edited (title, assignee,
 * due date, done), moved with buttons (left and right between columns, up and down within one;
 * the focus follows the task and a polite status says where it went) and deleted. Every change
 * is a Yjs edit, so it works offline and merges. Read-only for viewers and previews.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { BOARD, addColumn, addTask, moveTask, readBoard, removeColumn, removeTask, renameColumn, updateTask, type BoardTask, type BoardView as Board } from '@mekendesh/sync/board';
import type { Key } from '../../i18n/index.ts';
import { useT } from '../locale.tsx';
import { useDates } from '../transfer-kit.tsx';

/** The default columns, created with fixed ids (so two people creating them offline get one set). */
export const DEFAULT_COLUMNS: { id: string; title: Key }[] = [
  { id: 'todo', title: 'board.column.todo' },
  { id: 'doing', title: 'board.column.doing' },
  { id: 'done', title: 'board.column.done' },
];

export function addDefaultColumns(doc: Y.Doc): void {
  doc.transact(() => {
    // An empty title is translated at render time, in each reader's language.
    for (const c of DEFAULT_COLUMNS) addColumn(doc, { id: c.id, title: '' });
  });
}

/** The board as plain data, following the document. */
export function useBoard(doc: Y.Doc): Board {
  const [board, setBoard] = useState(() => readBoard(doc));
  useEffect(() => {
    const map = doc.getMap(BOARD);
    const on = () => setBoard(readBoard(doc));
    on();
    map.observeDeep(on);
    return () => map.unobserveDeep(on);
  }, [doc]);
  return board;
}

export interface Member {
  accountId: string;
  name: string;
}

type Action = 'left' | 'right' | 'up' | 'down';

export function BoardView({ doc, canEdit, members, nameOf, headingLevel = 3 }: { doc: Y.Doc; canEdit: boolean; members: Member[]; nameOf(accountId: string): string; headingLevel?: 3 | 4 }) {
  const tr = useT();
  const board = useBoard(doc);
  const titleId = useId();
  const rootRef = useRef<HTMLElement | null>(null);
  /** After a move, the focus goes to the same button on the task's new place. */
  const focusAfter = useRef<{ task: string; action: Action } | null>(null);
  const [announce, setAnnounce] = useState('');

  const columnTitle = (c: { id: string; title: string }) =>
    c.title.trim() || tr(DEFAULT_COLUMNS.find((d) => d.id === c.id)?.title ?? 'board.column.untitled');

  useLayoutEffect(() => {
    const want = focusAfter.current;
    if (!want || !rootRef.current) return;
    focusAfter.current = null;
    const el = rootRef.current.querySelector<HTMLElement>(`[data-task="${CSS.escape(want.task)}"] [data-action="${want.action}"]`);
    el?.focus();
  }, [board]);

  const move = (task: BoardTask, action: Action) => {
    const cols = board.columns;
    const ci = cols.findIndex((c) => c.tasks.some((t) => t.id === task.id));
    if (ci < 0) return;
    const ti = cols[ci]!.tasks.findIndex((t) => t.id === task.id);
    let target = ci;
    let index = ti;
    if (action === 'left') target = ci - 1;
    else if (action === 'right') target = ci + 1;
    else if (action === 'up') index = ti - 1;
    else index = ti + 1;
    const col = cols[target];
    if (!col || index < 0 || (target === ci && index >= cols[ci]!.tasks.length)) return;
    if (target !== ci) index = Math.min(ti, col.tasks.length);
    focusAfter.current = { task: task.id, action };
    moveTask(doc, task.id, col.id, index);
    setAnnounce(tr('board.moved', { task: task.title || tr('board.untitledTask'), column: columnTitle(col), position: index + 1 }));
  };

  const H = `h${headingLevel}` as const;
  return (
    <section className="board" aria-labelledby={titleId} ref={rootRef}>
      <H id={titleId}>{tr('board.title')}</H>
      {board.columns.length === 0 ? <p className="hint">{tr('board.noColumns')}</p> : null}
      <div className="columns">
        {board.columns.map((c, ci) => (
          <Column
            key={c.id}
            doc={doc}
            column={c}
            title={columnTitle(c)}
            prev={ci > 0 ? columnTitle(board.columns[ci - 1]!) : null}
            next={ci < board.columns.length - 1 ? columnTitle(board.columns[ci + 1]!) : null}
            canEdit={canEdit}
            members={members}
            nameOf={nameOf}
            onMove={move}
            level={headingLevel + 1}
          />
        ))}
      </div>
      {canEdit ? <AddColumn doc={doc} /> : null}
      <p className="sr-only" role="status">
        {announce}
      </p>
    </section>
  );
}

function Column({
  doc,
  column,
  title,
  prev,
  next,
  canEdit,
  members,
  nameOf,
  onMove,
  level,
}: {
  doc: Y.Doc;
  column: Board['columns'][number];
  title: string;
  prev: string | null;
  next: string | null;
  canEdit: boolean;
  members: Member[];
  nameOf(accountId: string): string;
  onMove(task: BoardTask, action: Action): void;
  level: number;
}) {
  const tr = useT();
  const headId = useId();
  const [mode, setMode] = useState<'idle' | 'rename' | 'remove'>('idle');
  const [name, setName] = useState('');
  const [newTask, setNewTask] = useState('');
  const H = `h${Math.min(level, 6)}` as 'h4';

  const rename = (ev: FormEvent) => {
    ev.preventDefault();
    renameColumn(doc, column.id, name.trim());
    setMode('idle');
  };
  const add = (ev: FormEvent) => {
    ev.preventDefault();
    const t = newTask.trim();
    if (!t) return;
    addTask(doc, { id: crypto.randomUUID(), title: t, column: column.id, assignee: null, due: null, createdAt: new Date().toISOString() });
    setNewTask('');
  };
  return (
    <section className="column" aria-labelledby={headId} data-column={column.id}>
      <div className="column-head">
        <H id={headId}>{title}</H>
        {canEdit && mode === 'idle' ? (
          <span className="column-actions">
            <button
              type="button"
              className="icon"
              aria-label={tr('board.renameColumn', { column: title })}
              title={tr('board.renameColumn', { column: title })}
              onClick={() => {
                setName(column.title || title);
                setMode('rename');
              }}
            >
              <span aria-hidden="true">✎</span>
            </button>
            <button type="button" className="icon" aria-label={tr('board.removeColumn', { column: title })} title={tr('board.removeColumn', { column: title })} onClick={() => setMode('remove')}>
              <span aria-hidden="true">×</span>
            </button>
          </span>
        ) : null}
      </div>
      {mode === 'rename' ? (
        <form className="inline-form" onSubmit={rename} aria-label={tr('board.renameColumn', { column: title })}>
          <label>
            {tr('board.columnName')}
            <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={80} />
          </label>
          <span className="actions">
            <button type="submit">{tr('board.save')}</button>
            <button type="button" onClick={() => setMode('idle')}>
              {tr('board.cancel')}
            </button>
          </span>
        </form>
      ) : null}
      {mode === 'remove' ? (
        <div className="confirm" role="group" aria-label={tr('board.removeColumn', { column: title })}>
          <p>{tr('board.removeColumnConfirm', { column: title })}</p>
          <span className="actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                removeColumn(doc, column.id);
                setMode('idle');
              }}
            >
              {tr('board.confirmRemove')}
            </button>
            <button type="button" onClick={() => setMode('idle')} autoFocus>
              {tr('board.cancel')}
            </button>
          </span>
        </div>
      ) : null}
      {column.tasks.length === 0 ? <p className="hint">{tr('board.columnEmpty')}</p> : null}
      <ul className="tasks" aria-labelledby={headId}>
        {column.tasks.map((t, i) => (
          <li key={t.id} data-task={t.id}>
            <TaskCard
              doc={doc}
              task={t}
              canEdit={canEdit}
              members={members}
              nameOf={nameOf}
              prev={prev}
              next={next}
              first={i === 0}
              last={i === column.tasks.length - 1}
              onMove={onMove}
              level={level + 1}
            />
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form className="add-task" onSubmit={add}>
          <label>
            {tr('board.newTask', { column: title })}
            <input value={newTask} onChange={(e) => setNewTask(e.target.value)} maxLength={200} />
          </label>
          <button type="submit" aria-label={tr('board.addTaskTo', { column: title })}>
            {tr('board.addTask')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function TaskCard({
  doc,
  task,
  canEdit,
  members,
  nameOf,
  prev,
  next,
  first,
  last,
  onMove,
  level,
}: {
  doc: Y.Doc;
  task: BoardTask;
  canEdit: boolean;
  members: Member[];
  nameOf(accountId: string): string;
  prev: string | null;
  next: string | null;
  first: boolean;
  last: boolean;
  onMove(task: BoardTask, action: Action): void;
  level: number;
}) {
  const tr = useT();
  const dates = useDates();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const title = task.title || tr('board.untitledTask');
  const H = `h${Math.min(level, 6)}` as 'h5';
  // Buttons that cannot act stay focusable (aria-disabled), so the focus never drops after a move.
  const moveButton = (action: Action, label: string, mark: string, possible: boolean) => (
    <button
      type="button"
      className="icon"
      data-action={action}
      aria-label={label}
      title={label}
      aria-disabled={possible ? undefined : 'true'}
      onClick={() => possible && onMove(task, action)}
    >
      <span aria-hidden="true">{mark}</span>
    </button>
  );
  return (
    <article className={`task${task.done ? ' done' : ''}`} aria-labelledby={titleId}>
      <div className="task-main">
        {canEdit ? (
          <input type="checkbox" checked={task.done} aria-label={tr('board.taskDone', { task: title })} onChange={(e) => updateTask(doc, task.id, { done: e.target.checked })} />
        ) : task.done ? (
          <span className="done-mark" role="img" aria-label={tr('board.taskDone', { task: title })}>
            ✓
          </span>
        ) : null}
        <H id={titleId} className="task-title">
          {title}
        </H>
      </div>
      {task.assignee || task.due ? (
        <p className="meta">
          {task.assignee ? <span>{tr('board.assignedTo', { name: nameOf(task.assignee) })}</span> : null}
          {task.assignee && task.due ? ' · ' : null}
          {task.due ? <span>{tr('board.dueOn', { date: dates.day(task.due) })}</span> : null}
        </p>
      ) : null}
      {canEdit ? (
        <div className="task-actions">
          {moveButton('left', prev ? tr('board.moveTo', { column: prev, task: title }) : tr('board.moveLeft', { task: title }), '←', !!prev)}
          {moveButton('up', tr('board.moveUp', { task: title }), '↑', !first)}
          {moveButton('down', tr('board.moveDown', { task: title }), '↓', !last)}
          {moveButton('right', next ? tr('board.moveTo', { column: next, task: title }) : tr('board.moveRight', { task: title }), '→', !!next)}
          <button type="button" className="icon" aria-expanded={editing} aria-label={tr('board.editTask', { task: title })} title={tr('board.editTask', { task: title })} onClick={() => setEditing((v) => !v)}>
            <span aria-hidden="true">✎</span>
          </button>
          <button type="button" className="icon" aria-label={tr('board.deleteTask', { task: title })} title={tr('board.deleteTask', { task: title })} onClick={() => removeTask(doc, task.id)}>
            <TrashIcon />
          </button>
        </div>
      ) : null}
      {canEdit && editing ? <TaskEditor doc={doc} task={task} title={title} members={members} nameOf={nameOf} onClose={() => setEditing(false)} /> : null}
    </article>
  );
}

function TaskEditor({ doc, task, title, members, nameOf, onClose }: { doc: Y.Doc; task: BoardTask; title: string; members: Member[]; nameOf(accountId: string): string; onClose(): void }) {
  const tr = useT();
  const dates = useDates();
  const id = useId();
  const [draft, setDraft] = useState(task.title);
  const focused = useRef(false);
  // Someone else renamed the task while this form was open but not being typed in.
  useEffect(() => {
    if (!focused.current) setDraft(task.title);
  }, [task.title]);
  const commit = () => {
    const t = draft.trim();
    if (t && t !== task.title) updateTask(doc, task.id, { title: t });
    else setDraft(task.title);
  };
  // A member who left the project is still shown as the assignee.
  const options = task.assignee && !members.some((m) => m.accountId === task.assignee) ? [...members, { accountId: task.assignee, name: nameOf(task.assignee) }] : members;
  return (
    <div className="task-edit" role="group" aria-label={tr('board.editTask', { task: title })}>
      <div className="field">
        <label htmlFor={`${id}-title`}>{tr('board.taskTitle')}</label>
        <input
          id={`${id}-title`}
          value={draft}
          maxLength={200}
          onFocus={() => (focused.current = true)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            focused.current = false;
            commit();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{tr('board.assignee')}</label>
        <select id={`${id}-assignee`} value={task.assignee ?? ''} onChange={(e) => updateTask(doc, task.id, { assignee: e.target.value || null })}>
          <option value="">{tr('board.nobody')}</option>
          {options.map((m) => (
            <option key={m.accountId} value={m.accountId}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{tr('board.due')}</label>
        <input
          id={`${id}-due`}
          type="date"
          value={task.due ?? ''}
          aria-describedby={task.due ? `${id}-due-text` : undefined}
          onChange={(e) => updateTask(doc, task.id, { due: /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : null })}
        />
        {task.due ? (
          <small id={`${id}-due-text`} className="hint">
            {dates.day(task.due)}
          </small>
        ) : null}
      </div>
      <button type="button" onClick={onClose}>
        {tr('board.closeEdit')}
      </button>
    </div>
  );
}

/** A new column at the end. */
function AddColumn({ doc }: { doc: Y.Doc }) {
  const tr = useT();
  const [name, setName] = useState('');
  const add = (ev: FormEvent) => {
    ev.preventDefault();
    const t = name.trim();
    if (!t) return;
    addColumn(doc, { id: crypto.randomUUID(), title: t });
    setName('');
  };
  return (
    <form className="add-column" onSubmit={add} aria-label={tr('board.addColumn')}>
      <label>
        {tr('board.columnName')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
      </label>
      <button type="submit">{tr('board.addColumn')}</button>
    </form>
  );
}

/** A bin, drawn (no emoji font needed); the button carries the name. */
function TrashIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.8 9.5h6.4L12 4M6.7 6.5v5M9.3 6.5v5" />
    </svg>
  );
}
