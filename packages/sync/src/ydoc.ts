/**
 * Yjs documents over the {@link YDocStore} tables, the same on the server and on clients:
 * load (snapshot, then the updates appended since, in one transaction of the document),
 * compact (encode the document once and replace what was read), and restore an earlier version
 * as a new edit. Imports only yjs, so every host and the UI can use it.
 */
import * as Y from 'yjs';
import type { YDocStore } from '@mekendesh/store';

/** The name under which a project's workspace document is stored and served. */
export const workspaceDocName = (projectId: string): string => `project:${projectId}`;

/** The rich-text notes of a workspace: a `Y.XmlFragment` (the editor's ProseMirror binding). */
export const NOTES_FIELD = 'notes';
/** The task board of a workspace: a `Y.Map` (see `board.ts`). */
export const BOARD_FIELD = 'board';

/**
 * Applies what `store` holds of `name` to `doc`, as one transaction with `origin` (so listeners
 * that persist or broadcast can tell a load from an edit). A stored update that fails to apply
 * (written by a buggy or newer client) is skipped and counted, not fatal: the rest still loads.
 */
export function loadYDoc(store: YDocStore, name: string, doc: Y.Doc, origin: unknown = 'load'): { lastId: number; pending: number; failed: number } {
  const stored = store.load(name);
  let failed = 0;
  doc.transact(() => {
    for (const u of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      try {
        Y.applyUpdate(doc, u, origin);
      } catch {
        failed++;
      }
    }
  }, origin);
  return { lastId: stored.lastId, pending: stored.updates.length, failed };
}

/** Replaces the stored updates of `name` up to `uptoId` with the encoded state of `doc`. */
export function compactYDoc(store: YDocStore, name: string, doc: Y.Doc, uptoId: number): void {
  store.compact(name, Y.encodeStateAsUpdate(doc), uptoId);
}

/** The state of a workspace document in the shape the history preview shows. */
export function cloneContent(from: Y.Doc, to: Y.Doc): void {
  const notes = to.getXmlFragment(NOTES_FIELD);
  if (notes.length) notes.delete(0, notes.length);
  const old = from.getXmlFragment(NOTES_FIELD).toArray();
  if (old.length) notes.insert(0, old.map((n) => n.clone()) as (Y.XmlElement | Y.XmlText)[]);
  const board = to.getMap(BOARD_FIELD);
  for (const key of [...board.keys()]) board.delete(key);
  from.getMap(BOARD_FIELD).forEach((value, key) => {
    board.set(key, value instanceof Y.AbstractType ? (value as Y.Map<unknown>).clone() : value);
  });
}

/**
 * Makes `doc`'s content equal to the version `state`, as a new edit made in one transaction:
 * everyone's history is kept, the restore syncs and merges like any edit, and it can itself be
 * undone by restoring a later version. Edits made concurrently elsewhere merge with it.
 */
export function restoreYDoc(doc: Y.Doc, state: Uint8Array, origin: unknown = 'restore'): void {
  const old = new Y.Doc();
  Y.applyUpdate(old, state);
  doc.transact(() => cloneContent(old, doc), origin);
  old.destroy();
}

/** A plain-text preview of a notes fragment (history lists, tests). */
export function notesText(doc: Y.Doc): string {
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      out.push(node.toString().replace(/<[^>]*>/g, ''));
      return;
    }
    node.toArray().forEach((child) => walk(child as Y.XmlElement | Y.XmlText));
    if (node instanceof Y.XmlElement) out.push('\n');
  };
  walk(doc.getXmlFragment(NOTES_FIELD));
  return out.join('').replace(/\n+$/, '');
}
