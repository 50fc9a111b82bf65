/**
 * The main process's IPC surface: a few `ipcMain.handle` channels (links, credentials, app
 * info) and the request for a backend port. Every message's sender is checked first
 * (`isTrustedSender`); an untrusted one gets an error and the handler never runs.
 */
import { CHANNELS, type InvokeApi } from '../shared/bridge.ts';
import type { IpcSenderLike } from './security.ts';

/** The part of `ipcMain` used here. */
export interface IpcMainLike<E extends IpcSenderLike = IpcSenderLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: E, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: E, ...args: unknown[]) => void): unknown;
}

/**
 * Handlers per channel. They receive the renderer's arguments as `unknown`: the renderer's types
 * are a promise made in another process, so each handler validates what it gets.
 */
export type InvokeHandlers = { [C in keyof InvokeApi]: (...args: unknown[]) => ReturnType<InvokeApi[C]> };

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`refused ${channel}: the sender is not the app's window`);
    this.name = 'UntrustedSenderError';
  }
}

/** Registers the handlers; returns a function that removes them all. */
export function registerIpc<E extends IpcSenderLike>(
  ipcMain: IpcMainLike<E>,
  opts: {
    isTrusted: (event: E) => boolean;
    handlers: InvokeHandlers;
    /** The trusted top frame of our window asked for a port to the backend. */
    onBackendConnect: (event: E) => void;
  },
): () => void {
  const channels = Object.keys(opts.handlers) as (keyof InvokeHandlers)[];
  for (const channel of channels) {
    const handler = opts.handlers[channel];
    ipcMain.handle(channel, (event, ...args) => {
      if (!opts.isTrusted(event)) throw new UntrustedSenderError(channel);
      return handler(...args);
    });
  }
  const connect = (event: E) => {
    if (opts.isTrusted(event)) opts.onBackendConnect(event);
  };
  ipcMain.on(CHANNELS.backendConnect, connect);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(CHANNELS.backendConnect, connect);
  };
}
