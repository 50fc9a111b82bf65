/**
 * Workspace test kit: the stock y-websocket `WebsocketProvider` in Node (over `ws`, with a bearer
 * token header, as the desktop backend connects), projects with members through the real sync
 * endpoint, and a polling wait.
 */
import WS from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { post, type TestUser } from './server.ts';

/** A WebSocket class that sends `Authorization: Bearer <token>` (and an `Origin`, if given). */
export function authedSocket(token: string | null, extraHeaders: Record<string, string> = {}): typeof WebSocket {
  class AuthedSocket extends WS {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extraHeaders } });
    }
  }
  return AuthedSocket as unknown as typeof WebSocket;
}

/** The stock provider for `projectId` on `server`, as `user`. */
export function openProvider(
  server: { url: string },
  user: TestUser | null,
  projectId: string,
  opts: { doc?: Y.Doc; connect?: boolean; headers?: Record<string, string>; token?: string | null } = {},
) {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/api/workspaces`, projectId, doc, {
    WebSocketPolyfill: authedSocket(opts.token !== undefined ? opts.token : (user?.token ?? null), opts.headers),
    connect: opts.connect ?? true,
    disableBc: true,
    maxBackoffTime: 300,
  });
  // Collected so tests can assert what the server said.
  const denied: string[] = [];
  const closes: number[] = [];
  provider.messageHandlers[2] = (_enc, dec) => {
    // y-protocols/auth: 0 = permission denied, then the reason
    const type = dec.arr[dec.pos++];
    if (type === 0) {
      const len = dec.arr[dec.pos++]!;
      denied.push(new TextDecoder().decode(dec.arr.subarray(dec.pos, dec.pos + len)));
      dec.pos += len;
    }
  };
  provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) closes.push(e.code);
  });
  return { doc, provider, denied, closes };
}

/** Resolves when `cond()` is true, polling; fails after `ms`. */
export async function waitFor(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let pushSeq = 1;
/** Pushes mutations as `user` and expects every one applied. */
export async function pushAll(server: { url: string }, user: TestUser, mutations: [string, unknown][]): Promise<void> {
  const clientId = `ws-${user.account.id.replace(/-/g, '')}`.slice(0, 40);
  const res = await post(
    server.url,
    '/api/sync/push',
    { clientId, mutations: mutations.map(([name, args]) => ({ id: Date.now() * 1000 + pushSeq++, name, args, createdAt: new Date().toISOString() })) },
    user.token,
  );
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  for (const r of res.body.results) if (r.status !== 'applied') throw new Error(`mutation refused: ${JSON.stringify(r)}`);
}

/** Makes `owner` a home partner and creates a project with the given members. */
export async function createProject(
  server: { url: string; store: { records: any; db: any } },
  owner: TestUser,
  id: string,
  members: { user: TestUser; role: 'owner' | 'editor' | 'viewer' }[] = [],
): Promise<void> {
  const { records, db } = server.store;
  const acc = records.get('accounts', owner.account.id);
  if (!acc.roles.includes('home_partner')) db.transaction(() => records.put('accounts', { ...acc, roles: [...acc.roles, 'home_partner'] }));
  await pushAll(server, owner, [
    ['project.create', { id, memberId: `${id}-m-owner`, partnerId: owner.account.id, organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектептин чатыры', sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak' }],
    ...members.map((m, i): [string, unknown] => ['projectMember.add', { id: `${id}-m-${i}`, projectId: id, accountId: m.user.account.id, role: m.role }]),
  ]);
}
