import { afterEach, describe, expect, it } from 'vitest';
import { connectRpc, RpcError, serveRpc, type Handlers, type MessageEndpoint } from './rpc.ts';

class CodedError extends Error {
  constructor(readonly code: string, readonly detail: unknown) {
    super(code);
  }
}

const handlers = {
  add: ({ a, b }: { a: number; b: number }) => a + b,
  slow: async (ms: number) => {
    await new Promise((ok) => setTimeout(ok, ms));
    return ms;
  },
  none: () => 'no argument',
  refuse: () => {
    throw new CodedError('forbidden', { field: 'city', fn: () => 1 });
  },
} satisfies Handlers;
type Event = { type: 'tick'; n: number };

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function pair() {
  const channel = new MessageChannel();
  channels.push(channel);
  channel.port1.start();
  channel.port2.start();
  const server = serveRpc<typeof handlers, Event>(channel.port1 as unknown as MessageEndpoint, handlers);
  const client = connectRpc<typeof handlers, Event>(channel.port2 as unknown as MessageEndpoint);
  return { server, client };
}

describe('typed RPC over postMessage', () => {
  it('answers calls by id, out of order, with their own results', async () => {
    const { client } = pair();
    const [slow, fast, sum, none] = await Promise.all([
      client.client.slow(30),
      client.client.slow(1),
      client.client.add({ a: 2, b: 3 }),
      client.client.none(),
    ]);
    expect([slow, fast, sum, none]).toEqual([30, 1, 5, 'no argument']);
  });

  it('rejects with the reason code and a cloneable detail', async () => {
    const { client } = pair();
    const err = await client.client.refuse().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('forbidden');
    // The detail held a function: it cannot cross postMessage, so it is dropped, not thrown.
    expect((err as RpcError).detail).toBeNull();
  });

  it('refuses unknown methods and inherited names', async () => {
    const { client } = pair();
    const untyped = client.client as unknown as Record<string, () => Promise<unknown>>;
    await expect(untyped.nope!()).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(untyped.toString!()).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('delivers events pushed by the serving side', async () => {
    const { server, client } = pair();
    const seen: Event[] = [];
    const got = new Promise<void>((ok) =>
      client.onEvent((e) => {
        seen.push(e);
        if (seen.length === 2) ok();
      }),
    );
    server.emit({ type: 'tick', n: 1 });
    server.emit({ type: 'tick', n: 2 });
    await got;
    expect(seen.map((e) => e.n)).toEqual([1, 2]);
  });

  it('is not a thenable, so it can be returned from async functions', async () => {
    const { client } = pair();
    const resolved = await Promise.resolve(client.client);
    expect(resolved).toBe(client.client);
  });
});
