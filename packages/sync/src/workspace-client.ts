/**
 * The client side of project workspaces, hosted by the engine (the PWA's worker, the desktop
 * backend): one live Y.Doc per open workspace, kept in the device's SQLite ({@link YDocStore},
 * so offline edits survive a restart) and synced with the server by the stock y-websocket
 * `WebsocketProvider` (reconnects with backoff; on every connection the sync handshake sends
 * each side what the other lacks, which is how offline edits merge).
 *
 * The screens hold replicas: they get the document's state on `open`, send their edits and
 * presence here, and hear every change through the callbacks. So several tabs or windows share
 * one copy, one connection and one database, and the session token never reaches a renderer.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import { isReasonCode, type ReasonCode } from '@mekendesh/core';
import { YDocStore, type SqlDriver } from '@mekendesh/store';
import { TransportError } from './transport.ts';
import type { WebSocketClass, WorkspaceApi, WorkspaceConnection, WorkspaceStatus } from './workspace-api.ts';
import { compactYDoc, loadYDoc, restoreYDoc, workspaceDocName } from './ydoc.ts';

export { httpWorkspaceApi, type HttpWorkspaceApiOptions, type WebSocketClass, type WorkspaceApi, type WorkspaceConnection, type WorkspaceStatus } from './workspace-api.ts';

export interface WorkspaceClientOptions {
  db: SqlDriver;
  /** `ws(s)://host/api/workspaces`; the project id is the room. */
  url: string;
  WebSocket: WebSocketClass;
  api: WorkspaceApi;
  onUpdate(projectId: string, update: Uint8Array, origin: unknown): void;
  onAwareness(projectId: string, update: Uint8Array): void;
  onStatus(status: WorkspaceStatus): void;
  /** Longest wait between reconnection attempts. */
  maxBackoffMs?: number;
  /** How long a workspace no screen holds stays open (quick navigation keeps the connection). */
  idleCloseMs?: number;
  /** Compact the stored updates of a document when opening finds more than this many. */
  compactOver?: number;
}

const LOAD = Symbol('load');
/** Edits made by a screen on this device. */
export const UI_ORIGIN = 'ui';

class OpenWorkspace {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly name: string;
  holders = 0;
  closeTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: Uint8Array[] = [];
  private flushQueued = false;
  private failedConnects = 0;
  status: WorkspaceStatus;

  constructor(readonly projectId: string, private readonly store: YDocStore, private readonly o: WorkspaceClientOptions) {
    this.name = workspaceDocName(projectId);
    this.status = { projectId, connection: 'offline', reason: null };
    const { pending } = loadYDoc(store, this.name, this.doc, LOAD);
    if (pending > (o.compactOver ?? 200)) this.compact();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD) return;
      this.pending.push(update);
      // One transaction for every update of this turn (a paste, a burst from the server).
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(() => this.flush());
      }
      o.onUpdate(projectId, update, origin);
    });
    this.provider = new WebsocketProvider(o.url, projectId, this.doc, {
      WebSocketPolyfill: o.WebSocket as unknown as typeof WebSocket,
      disableBc: true,
      maxBackoffTime: o.maxBackoffMs ?? 10_000,
      connect: false,
    });
    // The engine has no presence of its own: it relays the screens'.
    this.provider.awareness.setLocalState(null);
    this.provider.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = added.concat(updated, removed);
      if (changed.length) o.onAwareness(projectId, awarenessProtocol.encodeAwarenessUpdate(this.provider.awareness, changed));
    });
    this.provider.messageHandlers[2] = (_enc, dec) => {
      // y-protocols/auth: 0 = permission denied, then the reason.
      const type = readVarUint(dec);
      if (type !== 0) return;
      const reason = readVarString(dec);
      this.denied(isReasonCode(reason) ? reason : 'forbidden');
    };
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.failedConnects = 0;
        this.set(this.status.connection === 'denied' ? 'denied' : 'connecting');
      } else if (status === 'disconnected' && this.status.connection !== 'denied') this.set('offline');
      else if (status === 'connecting' && this.status.connection === 'offline') this.set('connecting');
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced && this.status.connection !== 'denied') this.set('synced', this.status.reason === 'read_only' ? 'read_only' : null);
    });
    this.provider.on('closed', ({ code }: { code: number }) => {
      // Rate limited (4429): the server asked for a pause, not for silence; try again later.
      if (code === 4429) setTimeout(() => this.provider.connect(), 5_000);
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      // A connection that never opened (server down, no network) reports no 'disconnected':
      // say offline until the next attempt reports 'connecting'.
      if (this.status.connection === 'connecting') this.set('offline');
      const code = event?.code ?? 0;
      if (code === 4401 || code === 4403) return; // the auth message said why
      // One edit bigger than the server takes (a huge paste): reconnecting would send it again
      // and be closed again, forever. Stop and say so; the document stays on this device.
      if (code === 1009) return this.denied('workspace_message_too_large');
      // A refused upgrade looks like any failed connection to a browser: ask over HTTP why,
      // after two in a row, rather than retrying a door that stays shut.
      if (++this.failedConnects >= 2 && this.status.connection !== 'denied') {
        this.failedConnects = 0;
        void o.api.probe(projectId).then(
          (reason) => {
            if (reason) this.denied(reason);
          },
          () => {},
        );
      }
    });
    this.provider.connect();
  }

  private set(connection: WorkspaceConnection, reason: ReasonCode | null = this.status.reason): void {
    if (this.status.connection === connection && this.status.reason === reason) return;
    this.status = { projectId: this.projectId, connection, reason };
    this.o.onStatus(this.status);
  }

  private denied(reason: ReasonCode): void {
    if (reason === 'read_only') {
      // Still connected and reading; the edit was dropped by the server.
      this.set(this.status.connection, 'read_only');
      return;
    }
    // Lost access or the session ended: stop retrying; edits stay on this device.
    this.provider.disconnect();
    this.set('denied', reason);
  }

  /** Connects again (after a new sign-in, or when the screen asks). */
  reconnect(): void {
    if (this.status.connection === 'denied') this.set('offline', null);
    this.provider.connect();
  }

  flush(): void {
    this.flushQueued = false;
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.store.append(this.name, batch);
  }

  compact(): void {
    const { lastId } = this.store.load(this.name);
    compactYDoc(this.store, this.name, this.doc, lastId);
  }

  destroy(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.provider.destroy();
    this.flush();
    if (this.store.pending(this.name) > 0) this.compact();
    this.doc.destroy();
  }
}

/** The open workspaces of one account on this device. */
export class WorkspaceClient {
  private readonly store: YDocStore;
  private readonly open = new Map<string, OpenWorkspace>();

  constructor(private readonly o: WorkspaceClientOptions) {
    this.store = new YDocStore(o.db);
  }

  private get(projectId: string): OpenWorkspace {
    const ws = this.open.get(projectId);
    if (!ws) throw new TransportError('refused', 'not_found');
    return ws;
  }

  /** Opens (or holds once more) a workspace; returns its whole state and connection status. */
  acquire(projectId: string): { state: Uint8Array; status: WorkspaceStatus; awareness: Uint8Array | null } {
    let ws = this.open.get(projectId);
    if (!ws) {
      ws = new OpenWorkspace(projectId, this.store, this.o);
      this.open.set(projectId, ws);
    }
    if (ws.closeTimer) clearTimeout(ws.closeTimer);
    ws.closeTimer = null;
    ws.holders++;
    const states = ws.provider.awareness.getStates();
    return {
      state: Y.encodeStateAsUpdate(ws.doc),
      status: ws.status,
      awareness: states.size ? awarenessProtocol.encodeAwarenessUpdate(ws.provider.awareness, [...states.keys()]) : null,
    };
  }

  /** A screen let go of the workspace; the last one closes it after a while. */
  release(projectId: string): void {
    const ws = this.open.get(projectId);
    if (!ws) return;
    ws.holders = Math.max(0, ws.holders - 1);
    if (ws.holders > 0 || ws.closeTimer) return;
    ws.closeTimer = setTimeout(() => {
      if (ws.holders > 0) return;
      this.open.delete(projectId);
      ws.destroy();
    }, this.o.idleCloseMs ?? 30_000);
  }

  /** An edit from a screen. */
  update(projectId: string, update: Uint8Array): void {
    Y.applyUpdate(this.get(projectId).doc, update, UI_ORIGIN);
  }

  /** Presence from a screen (its cursor, its name), relayed to the server and the other screens. */
  awareness(projectId: string, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.get(projectId).provider.awareness, update, UI_ORIGIN);
  }

  /** The live document (tests, restore). */
  doc(projectId: string): Y.Doc | null {
    return this.open.get(projectId)?.doc ?? null;
  }

  status(projectId: string): WorkspaceStatus | null {
    return this.open.get(projectId)?.status ?? null;
  }

  /** Makes the workspace's content that of an earlier version, as a new edit everyone receives. */
  async restore(projectId: string, versionId: string): Promise<void> {
    const state = await this.o.api.version(projectId, versionId);
    restoreYDoc(this.get(projectId).doc, state, UI_ORIGIN);
  }

  /** Connects every open workspace again (a new sign-in after the session ended, the network back). */
  reconnectAll(): void {
    for (const ws of this.open.values()) ws.reconnect();
  }

  /** Writes and closes everything (the account closes). */
  close(): void {
    for (const ws of this.open.values()) ws.destroy();
    this.open.clear();
  }
}

// lib0's decoder, read by hand so this file needs no lib0 import path the bundlers disagree on.
function readVarUint(dec: { arr: Uint8Array; pos: number }): number {
  let num = 0;
  let mult = 1;
  for (;;) {
    const r = dec.arr[dec.pos++];
    if (r === undefined) throw new Error('unexpected end');
    num += (r & 0x7f) * mult;
    mult *= 128;
    if (r < 0x80) return num;
  }
}
function readVarString(dec: { arr: Uint8Array; pos: number }): string {
  const len = readVarUint(dec);
  const s = new TextDecoder().decode(dec.arr.subarray(dec.pos, dec.pos + len));
  dec.pos += len;
  return s;
}
