/**
 * The workspace's notes: a Tiptap editor bound to the document's `notes` fragment (so every
 * keystroke is a Yjs edit that syncs and merges), others' carets and selections in their
 * colours, and a small toolbar. Read-only for viewers and for a version's preview.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import { NOTES_FIELD } from '@mekendesh/sync/ydoc';
import type { Key } from '../../i18n/index.ts';
import { useT } from '../locale.tsx';
import type { EngineProvider, PresenceUser } from './engine-provider.ts';

export function NotesEditor({
  doc,
  provider,
  user,
  readOnly,
  label,
  colorOf,
}: {
  doc: Y.Doc;
  /** The live replica (carets and presence); none for a version's preview. */
  provider?: EngineProvider | undefined;
  user?: PresenceUser | undefined;
  readOnly: boolean;
  label: string;
  /** The colour this screen shows someone in (their presence dot), from their awareness `user`. */
  colorOf?: ((user: Record<string, unknown>) => string) | undefined;
}) {
  // The caret extension keeps the functions it was created with: read the latest through a ref.
  const colorRef = useRef(colorOf);
  colorRef.current = colorOf;
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own undo (of this person's edits only), so no undoRedo.
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
        Collaboration.configure({ document: doc, field: NOTES_FIELD }),
        ...(provider && user
          ? [
              CollaborationCaret.configure({
                provider,
                user,
                render: (u) => caret(String(u.name ?? ''), colorRef.current?.(u) ?? safeColor(u.color)),
                selectionRender: (u) => ({ class: 'ProseMirror-yjs-selection', style: `background-color: ${colorRef.current?.(u) ?? safeColor(u.color)}40` }),
              }),
            ]
          : []),
      ],
      editable: !readOnly,
      // The CSP allows no inline <style> in the desktop app: the editor's rules are in style.css.
      injectCSS: false,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          ...(readOnly ? { 'aria-readonly': 'true' } : {}),
          class: 'notes-editor',
          spellcheck: 'true',
        },
      },
    },
    // A new editor for another document, mode or presence (the caret extension announces its
    // `user` when the editor starts; the replica keeps the same field current meanwhile).
    [doc, provider, readOnly, label, user?.name, user?.color],
  );
  return (
    <div className="notes">
      {readOnly ? null : <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

const safeColor = (c: unknown): string => (typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c) ? c : '#666666');

/** Someone's caret: a thin bar in their colour with their name above it. */
function caret(name: string, color: string): HTMLElement {
  const bar = document.createElement('span');
  bar.className = 'collaboration-carets__caret';
  bar.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = name;
  bar.append(label);
  return bar;
}

const BUTTONS: { key: Key; mark: string; active(e: Editor): boolean; run(e: Editor): void }[] = [
  { key: 'notes.bold', mark: 'B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'notes.italic', mark: 'I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'notes.heading', mark: 'H', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: 'notes.bulletList', mark: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'notes.orderedList', mark: '1.', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
];

/** Bold, italic, heading and lists: one Tab stop, arrow keys between buttons (the ARIA toolbar pattern). */
function Toolbar({ editor }: { editor: Editor }) {
  const tr = useT();
  const active = useEditorState({ editor, selector: ({ editor: e }) => BUTTONS.map((b) => b.active(e)) });
  const [current, setCurrent] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (ev: KeyboardEvent) => {
    const n = BUTTONS.length;
    const next = ev.key === 'ArrowRight' ? (current + 1) % n : ev.key === 'ArrowLeft' ? (current - 1 + n) % n : ev.key === 'Home' ? 0 : ev.key === 'End' ? n - 1 : null;
    if (next === null) return;
    ev.preventDefault();
    setCurrent(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label={tr('notes.toolbar')} onKeyDown={onKeyDown}>
      {BUTTONS.map((b, i) => (
        <button
          key={b.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          className={`tool tool-${b.key.slice(6)}`}
          aria-label={tr(b.key)}
          title={tr(b.key)}
          aria-pressed={active?.[i] ?? false}
          tabIndex={i === current ? 0 : -1}
          onFocus={() => setCurrent(i)}
          onClick={() => b.run(editor)}
        >
          <span aria-hidden="true">{b.mark}</span>
        </button>
      ))}
    </div>
  );
}
