/**
 * The task board of a project workspace, kept in the workspace's Y.Doc under `board`:
 *
 * - `columns`: a `Y.Array` of `Y.Map { id, title }`, in display order;
 * - `tasks`: a `Y.Map` from task id to `Y.Map { id, title, column, order, assignee, due, done, createdAt }`.
 *
 * A task names its column and a fractional `order` instead of sitting inside a column's array:
 * two people moving the same task at once then end with the task in one place (the later move
 * wins), never duplicated or lost, which array moves (delete + insert) cannot promise. Tasks
 * whose column was deleted show in the first column. Imports only yjs: the UI uses it directly.
 */
import * as Y from 'yjs';

export const BOARD = 'board';

export interface BoardColumn {
  id: string;
  title: string;
}

export interface BoardTask {
  id: string;
  title: string;
  column: string;
  order: number;
  /** An account id, or null. */
  assignee: string | null;
  /** A calendar date `YYYY-MM-DD`, or null. */
  due: string | null;
  done: boolean;
  createdAt: string;
}

export interface BoardView {
  columns: (BoardColumn & { tasks: BoardTask[] })[];
}

const board = (doc: Y.Doc) => doc.getMap(BOARD);

function columnsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  const b = board(doc);
  let cols = b.get('columns') as Y.Array<Y.Map<unknown>> | undefined;
  if (!(cols instanceof Y.Array)) {
    cols = new Y.Array<Y.Map<unknown>>();
    b.set('columns', cols);
  }
  return cols;
}

function tasksMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  const b = board(doc);
  let tasks = b.get('tasks') as Y.Map<Y.Map<unknown>> | undefined;
  if (!(tasks instanceof Y.Map)) {
    tasks = new Y.Map<Y.Map<unknown>>();
    b.set('tasks', tasks);
  }
  return tasks;
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

/** The board as plain data, columns in order, tasks by `order` then id. */
export function readBoard(doc: Y.Doc): BoardView {
  const b = board(doc);
  const colsY = b.get('columns');
  const tasksY = b.get('tasks');
  const columns: (BoardColumn & { tasks: BoardTask[] })[] = [];
  const seen = new Set<string>();
  if (colsY instanceof Y.Array) {
    for (const c of colsY.toArray()) {
      if (!(c instanceof Y.Map)) continue;
      const id = str(c.get('id'));
      // Two people adding the same default columns offline could repeat an id: show it once.
      if (!id || seen.has(id)) continue;
      seen.add(id);
      columns.push({ id, title: str(c.get('title')), tasks: [] });
    }
  }
  if (tasksY instanceof Y.Map && columns.length > 0) {
    const byId = new Map(columns.map((c) => [c.id, c]));
    tasksY.forEach((t, id) => {
      if (!(t instanceof Y.Map)) return;
      const task: BoardTask = {
        id,
        title: str(t.get('title')),
        column: str(t.get('column')),
        order: typeof t.get('order') === 'number' ? (t.get('order') as number) : 0,
        assignee: typeof t.get('assignee') === 'string' ? (t.get('assignee') as string) : null,
        due: typeof t.get('due') === 'string' ? (t.get('due') as string) : null,
        done: t.get('done') === true,
        createdAt: str(t.get('createdAt')),
      };
      (byId.get(task.column) ?? columns[0]!).tasks.push(task);
    });
    for (const c of columns) c.tasks.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return { columns };
}

/** Adds a column at the end (or at `index`). */
export function addColumn(doc: Y.Doc, col: BoardColumn, index?: number): void {
  doc.transact(() => {
    const cols = columnsArray(doc);
    const m = new Y.Map<unknown>();
    m.set('id', col.id);
    m.set('title', col.title);
    cols.insert(index === undefined ? cols.length : Math.max(0, Math.min(index, cols.length)), [m]);
  });
}

export function renameColumn(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => {
    for (const c of columnsArray(doc).toArray()) if (c.get('id') === id) c.set('title', title);
  });
}

/** Removes a column; its tasks move to the first remaining column (they are never lost). */
export function removeColumn(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const cols = columnsArray(doc);
    const arr = cols.toArray();
    for (let i = arr.length - 1; i >= 0; i--) if (arr[i]!.get('id') === id) cols.delete(i, 1);
    const first = cols.length ? str(cols.get(0).get('id')) : null;
    if (!first) return;
    tasksMap(doc).forEach((t) => {
      if (t.get('column') === id) t.set('column', first);
    });
  });
}

/** Moves a column to `index`. */
export function moveColumn(doc: Y.Doc, id: string, index: number): void {
  doc.transact(() => {
    const cols = columnsArray(doc);
    const arr = cols.toArray();
    const from = arr.findIndex((c) => c.get('id') === id);
    if (from < 0) return;
    const col = arr[from]!;
    const copy = { id: str(col.get('id')), title: str(col.get('title')) };
    cols.delete(from, 1);
    addColumn(doc, copy, index);
  });
}

/** Adds a task at the end of its column. */
export function addTask(doc: Y.Doc, task: Omit<BoardTask, 'order' | 'done'> & { order?: number; done?: boolean }): void {
  doc.transact(() => {
    const view = readBoard(doc);
    const col = view.columns.find((c) => c.id === task.column);
    const last = col?.tasks[col.tasks.length - 1];
    const m = new Y.Map<unknown>();
    m.set('id', task.id);
    m.set('title', task.title);
    m.set('column', task.column);
    m.set('order', task.order ?? (last ? last.order + 1 : 1));
    m.set('assignee', task.assignee);
    m.set('due', task.due);
    m.set('done', task.done ?? false);
    m.set('createdAt', task.createdAt);
    tasksMap(doc).set(task.id, m);
  });
}

/** Changes some fields of a task. */
export function updateTask(doc: Y.Doc, id: string, patch: Partial<Pick<BoardTask, 'title' | 'assignee' | 'due' | 'done'>>): void {
  doc.transact(() => {
    const t = tasksMap(doc).get(id);
    if (!(t instanceof Y.Map)) return;
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) t.set(k, v);
  });
}

/** Moves a task into `column` at position `index` among that column's tasks. */
export function moveTask(doc: Y.Doc, id: string, column: string, index: number): void {
  doc.transact(() => {
    const t = tasksMap(doc).get(id);
    if (!(t instanceof Y.Map)) return;
    const others = (readBoard(doc).columns.find((c) => c.id === column)?.tasks ?? []).filter((x) => x.id !== id);
    const i = Math.max(0, Math.min(index, others.length));
    const before = others[i - 1]?.order;
    const after = others[i]?.order;
    const order =
      before === undefined && after === undefined ? 1 : before === undefined ? after! - 1 : after === undefined ? before + 1 : (before + after) / 2;
    t.set('column', column);
    t.set('order', order);
  });
}

export function removeTask(doc: Y.Doc, id: string): void {
  tasksMap(doc).delete(id);
}
