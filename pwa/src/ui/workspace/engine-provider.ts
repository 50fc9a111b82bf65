/**
 * A screen's replica of a project workspace. The engine (the PWA's worker, the desktop backend)
 * holds the live document, its SQLite copy and the connection; a screen holds this: a Y.Doc
 * and a y-protocols Awareness of its own, filled from `workspace.open` and kept current by the
 * engine's `workspace` events, sending back its own edits (`workspace.update`) and its own
 * presence (`workspace.awareness`). The editor binds to `doc`; the caret extension takes the
 * provider itself (it reads `awareness`), as it would a network provider.
 *
 * Imports yjs and y-protocols only (types from the engine), so it can sit in a lazy UI chunk.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { ProjectRole } from '@mekendesh/core';
import type { EngineEvent, EngineHandlers } from '@mekendesh/engine';
import type { WorkspaceStatus } from '@mekendesh/sync';
import type { RpcClient } from '../../rpc.ts';

/** What the replica needs of the engine: four calls and its events (the PWA's `Engine` and the desktop's both fit). */
export interface WorkspaceEngine {
  engine: Pick<RpcClient<EngineHandlers>, 'workspace.open' | 'workspace.close' | 'workspace.update' | 'workspace.awareness'>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** Who this screen is, as others see them: in the presence list and on the caret. */
export interface PresenceUser {
  /** The account id (one person in two tabs is listed once). */
  id: string;
  name: string;
  /** `#rrggbb` (the caret extension accepts nothing else). */
  color: string;
}

export interface ReplicaState {
  /** False until `workspace.open` answered and its state is in `doc`. */
  ready: boolean;
  status: WorkspaceStatus;
  role: ProjectRole | null;
  /** Why opening failed (a reason code, or null for anything else), or why the last edit was refused. */
  error: { code: string | null } | null;
}

/** Awareness changes made by this screen (y-protocols marks them `'local'`). */
const LOCAL = 'local';

export class EngineProvider {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  private state: ReplicaState;
  private readonly listeners = new Set<() => void>();
  private offEvents: (() => void) | null = null;
  /** Edits of this turn, sent as one merged update. */
  private pending: Uint8Array[] = [];
  private flushQueued = false;
  /** The engine holds the workspace for this replica (so `close` is owed). */
  private held = false;
  private destroyed = false;
  private hiddenState: Record<string, unknown> | null = null;

  constructor(
    private readonly engine: WorkspaceEngine,
    readonly projectId: string,
  ) {
    this.awareness = new Awareness(this.doc);
    this.state = { ready: false, status: { projectId, connection: 'connecting', reason: null }, role: null, error: null };
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Opens the workspace in the engine. Events are heard from before the call, so nothing
   * between the engine's snapshot and its answer is missed (Yjs updates apply in any order).
   */
  async open(): Promise<void> {
    if (this.offEvents || this.destroyed) return;
    this.offEvents = this.engine.onEvent(this.onEvent);
    try {
      const opened = await this.engine.engine['workspace.open']({ projectId: this.projectId });
      if (this.destroyed) {
        // Unmounted while opening: give the hold back.
        void this.engine.engine['workspace.close']({ projectId: this.projectId }).catch(() => {});
        return;
      }
      this.held = true;
      Y.applyUpdate(this.doc, opened.state, this);
      if (opened.awareness) applyAwarenessUpdate(this.awareness, opened.awareness, this);
      // Presence set before the engine held the workspace goes out now.
      if (this.awareness.getLocalState()) this.sendAwareness([this.awareness.clientID]);
      this.set({ ready: true, status: opened.status, role: opened.role, error: null });
    } catch (err) {
      if (!this.destroyed) this.set({ error: { code: codeOf(err) } });
    }
  }

  /** Sets this screen's presence (name, colour); the caret extension sets the same field. */
  setUser(user: PresenceUser): void {
    if (this.destroyed) return;
    this.awareness.setLocalState({ ...(this.awareness.getLocalState() ?? {}), user });
  }

  getState = (): ReplicaState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The page is being hidden or left (`pagehide`): others stop seeing this screen. */
  hide(): void {
    const local = this.awareness.getLocalState();
    if (!local || this.destroyed) return;
    this.hiddenState = local;
    removeAwarenessStates(this.awareness, [this.awareness.clientID], LOCAL);
  }

  /** The page is shown again (back from the browser's page cache). */
  show(): void {
    if (!this.hiddenState || this.destroyed) return;
    this.awareness.setLocalState(this.hiddenState);
    this.hiddenState = null;
  }

  /** The screen unmounts: its presence goes, its last edits are sent, the engine's hold is released. */
  destroy(): void {
    if (this.destroyed) return;
    removeAwarenessStates(this.awareness, [this.awareness.clientID], LOCAL);
    this.flush();
    this.destroyed = true;
    this.offEvents?.();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.off('update', this.onDocUpdate);
    if (this.held) void this.engine.engine['workspace.close']({ projectId: this.projectId }).catch(() => {});
    this.held = false;
    this.listeners.clear();
  }

  private set(patch: Partial<ReplicaState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private readonly onEvent = (e: EngineEvent): void => {
    if (e.type !== 'workspace' || e.projectId !== this.projectId || this.destroyed) return;
    if (e.update) Y.applyUpdate(this.doc, e.update, this);
    if (e.awareness) applyAwarenessUpdate(this.awareness, e.awareness, this);
    // Statuses sent before the engine answered `open` are older than the one in its answer.
    if (e.status && this.state.ready) {
      const was = this.state.status.connection;
      this.set({ status: e.status });
      // Connected again: the engine's provider announces only its own (empty) presence on a
      // new connection, so this screen announces itself (a new clock, so everyone takes it).
      const local = this.awareness.getLocalState();
      if (e.status.connection === 'synced' && was !== 'synced' && local) this.awareness.setLocalState(local);
    }
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.destroyed) return;
    this.pending.push(update);
    // A keystroke, a paste, a board move: one call per turn, whatever the number of transactions.
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  };

  private flush(): void {
    this.flushQueued = false;
    if (!this.pending.length || !this.held) return;
    const update = this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending);
    this.pending = [];
    this.engine.engine['workspace.update']({ projectId: this.projectId, update }).catch((err: unknown) => {
      if (!this.destroyed) this.set({ error: { code: codeOf(err) } });
    });
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (this.destroyed) return;
    const me = this.awareness.clientID;
    if (origin === LOCAL) {
      if (added.concat(updated, removed).includes(me)) this.sendAwareness([me]);
    } else if (removed.includes(me) && this.awareness.getLocalState()) {
      // Someone removed this screen's state (the engine's provider does on a disconnect):
      // y-protocols kept it with a higher clock, for the screen to announce it again.
      this.sendAwareness([me]);
    }
  };

  private sendAwareness(clients: number[]): void {
    if (!this.held) return;
    const update = encodeAwarenessUpdate(this.awareness, clients);
    this.engine.engine['workspace.awareness']({ projectId: this.projectId, update }).catch(() => {});
  }
}

const codeOf = (err: unknown): string | null => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
};

/** The people present (by account, this screen's own first), from awareness states. */
export function presentUsers(awareness: Awareness): (PresenceUser & { self: boolean })[] {
  const out = new Map<string, PresenceUser & { self: boolean }>();
  const own = (awareness.getLocalState()?.user ?? null) as PresenceUser | null;
  if (own) out.set(own.id, { ...own, self: true });
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const u = state?.user as (Partial<PresenceUser> & { accountId?: unknown }) | undefined;
    if (!u || typeof u.name !== 'string' || !u.name.trim()) continue;
    // The server stamps `accountId` on every state: no one can pass for another account.
    const id = accountOf(u) ?? `client-${clientId}`;
    if (out.has(id)) continue;
    out.set(id, { id, name: u.name, color: typeof u.color === 'string' && /^#[0-9a-f]{6}$/i.test(u.color) ? u.color : '#666666', self: false });
  }
  return [...out.values()];
}

/** Caret and presence colours: dark enough for white text and for a 2 px caret on white. */
const COLORS = ['#c8102e', '#1b5e20', '#0d47a1', '#6a1b9a', '#e65100', '#00695c', '#ad1457', '#4e342e', '#283593', '#827717'];

const hashOf = (s: string): number => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
};

/** A stable colour per account (what this screen announces). */
export function colorFor(accountId: string): string {
  return COLORS[hashOf(accountId) % COLORS.length]!;
}

/**
 * The colours this screen shows people in (presence dots, carets, selections): each account
 * keeps the colour it got, a newcomer gets its own colour if free, else the next free one, so
 * the people present are told apart (up to ten of them), whatever colours they announce.
 */
export function colorPicker(): (accountId: string, present?: Iterable<string>) => string {
  const given = new Map<string, string>();
  return (accountId, present) => {
    const had = given.get(accountId);
    if (had) return had;
    const here = new Set(present ?? given.keys());
    const used = new Set([...given].filter(([id]) => here.has(id)).map(([, c]) => c));
    const start = hashOf(accountId) % COLORS.length;
    let color = COLORS[start]!;
    for (let i = 0; i < COLORS.length; i++) {
      const c = COLORS[(start + i) % COLORS.length]!;
      if (!used.has(c)) {
        color = c;
        break;
      }
    }
    given.set(accountId, color);
    return color;
  };
}

/** The account behind an awareness `user` (stamped by the server), or its own claim. */
export const accountOf = (user: Record<string, unknown> | null | undefined): string | null =>
  typeof user?.accountId === 'string' ? user.accountId : typeof user?.id === 'string' ? user.id : null;
