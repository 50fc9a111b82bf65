import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/bridge.ts';
import { createBackendHost, type ChildLike } from './backend-host.ts';

/** Stand-ins for `utilityProcess` (children that exit on demand) and `MessageChannelMain`. */
function fakes() {
  const children: (ChildLike & { args: string[]; options: unknown; posted: { message: unknown; transfer?: unknown[] }[]; exit(code: number): void; killed: boolean })[] = [];
  const utilityProcess = {
    fork(modulePath: string, args: string[], options: unknown) {
      const emitter = new EventEmitter();
      const child = {
        modulePath,
        args,
        options,
        posted: [] as { message: unknown; transfer?: unknown[] }[],
        killed: false,
        postMessage(message: unknown, transfer?: unknown[]) {
          child.posted.push(transfer ? { message, transfer } : { message });
        },
        on: (event: 'exit', l: (code: number) => void) => emitter.on(event, l),
        kill: () => ((child.killed = true), emitter.emit('exit', 15), true),
        exit: (code: number) => void emitter.emit('exit', code),
      };
      children.push(child);
      return child;
    },
  };
  let n = 0;
  class MessageChannelMain {
    port1 = { name: `port1#${++n}` };
    port2 = { name: `port2#${n}` };
  }
  return { children, utilityProcess, MessageChannelMain };
}

const base = { entry: '/app/dist/backend.cjs', dataDir: '/u/data', version: '1.0.0', log: () => {} };

describe('the backend host (main side)', () => {
  it('forks the backend entry with its folder and version, and brokers one port pair per page', () => {
    const f = fakes();
    const host = createBackendHost({ ...f, ...base, onRestart: vi.fn(), onGiveUp: vi.fn() });
    expect(f.children).toHaveLength(1);
    expect(f.children[0]!.args).toEqual(['--data-dir=/u/data', '--app-version=1.0.0']);
    expect(f.children[0]!.options).toMatchObject({ stdio: 'inherit' });

    const frame = { postMessage: vi.fn() };
    host.connect(frame);
    expect(f.children[0]!.posted).toEqual([{ message: { type: 'connect' }, transfer: [{ name: 'port1#1' }] }]);
    expect(frame.postMessage).toHaveBeenCalledWith(CHANNELS.backendPort, null, [{ name: 'port2#1' }]);
  });

  it('restarts a crashed backend and re-connects the window; gives up after three crashes in a minute', () => {
    const f = fakes();
    let t = 0;
    const onRestart = vi.fn();
    const onGiveUp = vi.fn();
    const host = createBackendHost({ ...f, ...base, onRestart, onGiveUp, now: () => t });
    for (let i = 0; i < 3; i++) {
      f.children.at(-1)!.exit(1);
      t += 1000;
    }
    expect(f.children).toHaveLength(4);
    expect(onRestart).toHaveBeenCalledTimes(3);
    // New pages get the new child.
    host.connect({ postMessage: vi.fn() });
    expect(f.children[3]!.posted).toHaveLength(1);
    // An exit of an old child is not a new crash.
    f.children[0]!.exit(1);
    expect(f.children).toHaveLength(4);
    f.children[3]!.exit(1);
    expect(f.children).toHaveLength(4);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
  });

  it('crashes spread over more than a minute keep being restarted', () => {
    const f = fakes();
    let t = 0;
    const onGiveUp = vi.fn();
    createBackendHost({ ...f, ...base, onRestart: vi.fn(), onGiveUp, now: () => t });
    for (let i = 0; i < 6; i++) {
      f.children.at(-1)!.exit(1);
      t += 30_000;
    }
    expect(f.children).toHaveLength(7);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('stop asks the backend to shut down (no restart), and kills it after the grace period', async () => {
    const f = fakes();
    const onRestart = vi.fn();
    const host = createBackendHost({ ...f, ...base, onRestart, onGiveUp: vi.fn(), shutdownGraceMs: 20 });
    const stopping = host.stop();
    expect(f.children[0]!.posted).toEqual([{ message: { type: 'shutdown' } }]);
    f.children[0]!.exit(0);
    await stopping;
    expect(f.children[0]!.killed).toBe(false);
    expect(onRestart).not.toHaveBeenCalled();

    const g = fakes();
    const stuck = createBackendHost({ ...g, ...base, onRestart: vi.fn(), onGiveUp: vi.fn(), shutdownGraceMs: 20 });
    await stuck.stop();
    expect(g.children[0]!.killed).toBe(true);
    expect(g.children).toHaveLength(1);
  });
});
