/**
 * Starts the backend in a utility process and brokers ports: for each page of our window, a
 * `MessageChannelMain` whose one end goes to the backend and the other to the page's preload.
 * After that, backend calls never pass through main. If the backend dies it is restarted (up
 * to `maxRestarts` times within a minute) and the window gets a fresh port; after that the
 * page is told the backend is down.
 */
import { CHANNELS } from '../shared/bridge.ts';
import type { ToBackend } from '../backend/process.ts';

/** The parts of Electron's `UtilityProcess`, `utilityProcess`, `MessageChannelMain` used here. */
export interface ChildLike {
  postMessage(message: ToBackend, transfer?: unknown[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}
export interface ForkLike {
  fork(modulePath: string, args: string[], options: { serviceName: string; stdio: 'inherit' | 'ignore' }): ChildLike;
}
export interface ChannelFactory {
  new (): { port1: unknown; port2: unknown };
}
/** Where a port is delivered: a `WebFrameMain` (the sender frame) or a `WebContents`. */
export interface PortTarget {
  postMessage(channel: string, message: unknown, transfer?: never[]): void;
}
export interface NotifyTarget {
  send(channel: string): void;
}

export interface BackendHostOptions {
  utilityProcess: ForkLike;
  MessageChannelMain: ChannelFactory;
  /** `dist/backend.cjs`. */
  entry: string;
  dataDir: string;
  version: string;
  /** The server the backend syncs with (an origin checked by `serverOriginOf`). */
  serverUrl?: string;
  /** Called after a restart, to give the window a new port. */
  onRestart: () => void;
  /** Called when the backend stopped for good. */
  onGiveUp: () => void;
  maxRestarts?: number;
  now?: () => number;
  /** How long `stop` waits for the backend to close its database before killing it. */
  shutdownGraceMs?: number;
  log?: (message: string) => void;
}

export function createBackendHost(opts: BackendHostOptions) {
  const now = opts.now ?? Date.now;
  const maxRestarts = opts.maxRestarts ?? 3;
  const log = opts.log ?? ((m: string) => console.error(m));
  const restarts: number[] = [];
  let stopping = false;
  let child: ChildLike;

  const fork = (): ChildLike => {
    const args = [`--data-dir=${opts.dataDir}`, `--app-version=${opts.version}`, ...(opts.serverUrl ? [`--server-url=${opts.serverUrl}`] : [])];
    const c = opts.utilityProcess.fork(opts.entry, args, {
      serviceName: 'Mekendesh backend',
      stdio: 'inherit',
    });
    c.on('exit', (code) => {
      if (stopping || c !== child) return;
      const t = now();
      while (restarts.length > 0 && t - restarts[0]! > 60_000) restarts.shift();
      if (restarts.length >= maxRestarts) {
        log(`backend exited (${code}); not restarting after ${maxRestarts} restarts in a minute`);
        opts.onGiveUp();
        return;
      }
      restarts.push(t);
      log(`backend exited (${code}); restarting`);
      child = fork();
      opts.onRestart();
    });
    return c;
  };
  child = fork();

  return {
    /** Gives `target` (the page's preload) a port to the backend. */
    connect(target: PortTarget): void {
      const { port1, port2 } = new opts.MessageChannelMain();
      child.postMessage({ type: 'connect' }, [port1]);
      target.postMessage(CHANNELS.backendPort, null, [port2 as never]);
    },
    /** Asks the backend to close its database and exit; kills it if it has not after the grace period. */
    stop(): Promise<void> {
      if (stopping) return Promise.resolve();
      stopping = true;
      const c = child;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          c.kill();
          resolve();
        }, opts.shutdownGraceMs ?? 3000);
        c.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        c.postMessage({ type: 'shutdown' });
      });
    },
  };
}
