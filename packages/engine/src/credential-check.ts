/**
 * Verifying certificates on the device, without a network: the issuer's key set is pinned in
 * this account's store (first from the app's own server, then only sets that keep every pinned
 * key, `acceptKeySet`), with the last signed status list; a certificate (its compact JWS, as the
 * recipient shares it) is checked against them with pure-JS Ed25519. Online, the pinned data is
 * refreshed first and a verification link (`…/verify/<id>`) can be resolved to its certificate.
 *
 * Loaded on first use (`award-handlers.ts`), so the signature code stays out of the first load.
 */
import {
  acceptKeySet,
  parseCredentialUnverified,
  verifyCredential,
  verifyStatusListCredential,
  type IssuerKeySet,
  type PinRefusal,
  type VerifyFailureReason,
} from '@mekendesh/credentials';
import type { SyncClient } from '@mekendesh/sync';
import type { AwardServer } from './award-handlers.ts';

const ISSUER = 'credentials.issuer';
const MINE = 'credentials.mine';

/** One of the account's certificates or badges, as the server lists them (kept for offline). */
export interface MyCredential {
  id: string;
  kind: 'award' | 'badge';
  issuedAt: string;
  revokedAt: string | null;
  title: { ky: string; ru: string; en: string } | null;
  recipientName: string | null;
  verifyUrl: string | null;
  /** The compact JWS: the digital copy to share or download. */
  jws: string;
}
const STATUS = 'credentials.status';

export interface PinnedState {
  /** Whether a key set is pinned on this device. */
  pinned: boolean;
  issuerName: string | null;
  keys: number;
  /** When the revocation list this device holds was fetched. */
  statusAsOf: string | null;
  /** Why the server's newer key set was refused (it would have replaced or dropped a pinned key). */
  refused: PinRefusal | null;
  /** Whether the server answered this time. */
  online: boolean;
}

export type CertificateCheck =
  | {
      ok: true;
      status: 'active' | 'revoked' | 'unknown';
      statusAsOf: string | null;
      kind: 'award' | 'badge';
      recipientName: string | null;
      achievement: { ky: string; ru: string; en: string } | null;
      awardedOn: string | null;
      issuerName: string;
      kid: string;
      online: boolean;
    }
  | {
      ok: false;
      reason: VerifyFailureReason | 'not_a_certificate' | 'issuer_not_pinned' | 'needs_network' | 'not_found';
      online: boolean;
    };

interface Account {
  accountId: string;
  client: SyncClient;
}

function read(client: SyncClient, key: string): { data: string; savedAt: string } | null {
  const row = client.records.db.get<{ data: string; saved_at: string }>('SELECT data, saved_at FROM pinned_documents WHERE key = ?', [key]);
  return row ? { data: row.data, savedAt: row.saved_at } : null;
}

function write(client: SyncClient, key: string, data: string, savedAt: string): void {
  client.records.db.run(
    'INSERT INTO pinned_documents (key, data, saved_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at',
    [key, data, savedAt],
  );
}

/** A compact JWS, or the JWS inside pasted JSON (`{ "jws": … }`), or a verification link's id. */
function parseInput(text: string): { jws: string } | { id: string } | null {
  const t = text.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t)) return { jws: t };
  const link = /\/verify\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[?#].*)?$/.exec(t) ?? /^urn:uuid:([0-9a-f-]{36})$/.exec(t);
  if (link) return { id: link[1]! };
  try {
    const j = JSON.parse(t) as { jws?: unknown };
    if (typeof j.jws === 'string') return parseInput(j.jws);
  } catch {
    // not JSON
  }
  return null;
}

export function credentialHandlers(engine: () => Promise<Account>, server: AwardServer | null, opts: { now?: () => Date; timeoutMs?: number } = {}) {
  const now = () => opts.now?.() ?? new Date();
  const get = async (path: string): Promise<Response | null> => {
    if (!server) return null;
    const doFetch = server.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    try {
      // `no-store`: an answer from the HTTP cache would pass for the server's, and for being online.
      return await doFetch(`${server.baseUrl}${path}`, { cache: 'no-store', signal: AbortSignal.timeout(opts.timeoutMs ?? 8_000) });
    } catch {
      return null;
    }
  };

  /** Fetches the issuer's key set and status list; pins what the pinning rule accepts. */
  const refresh = async (client: SyncClient): Promise<PinnedState> => {
    const pinnedRow = read(client, ISSUER);
    let pinned = pinnedRow ? (JSON.parse(pinnedRow.data) as IssuerKeySet) : null;
    let refused: PinRefusal | null = null;
    let online = false;
    const res = await get('/api/public/issuer');
    if (res?.ok) {
      online = true;
      const offered = ((await res.json()) as { keySet: IssuerKeySet }).keySet;
      const decision = acceptKeySet(pinned, offered);
      if (decision.ok) {
        if (decision.changed) write(client, ISSUER, JSON.stringify(decision.keySet), now().toISOString());
        pinned = decision.keySet;
      } else {
        refused = decision.reason;
      }
    } else if (res?.status === 404) {
      online = true; // the server answered: nothing issued yet
    }
    if (pinned && online) {
      const list = await get('/api/public/status/1');
      if (list?.ok) {
        const jws = await list.text();
        // Kept only when it verifies against the pinned keys: a forged list never replaces a good one.
        if (verifyStatusListCredential(jws, pinned, { now: now() }).ok) write(client, STATUS, jws, now().toISOString());
      }
    }
    const status = read(client, STATUS);
    return { pinned: !!pinned, issuerName: pinned?.issuer.name ?? null, keys: pinned?.keys.length ?? 0, statusAsOf: status?.savedAt ?? null, refused, online };
  };

  /** An authenticated GET (the session cookie in the PWA, the bearer token on the desktop). */
  const getMine = async (): Promise<MyCredential[] | null> => {
    if (!server) return null;
    const doFetch = server.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const token = server.token?.();
    try {
      const res = await doFetch(`${server.baseUrl}/api/credentials/mine`, {
        cache: 'no-store',
        credentials: 'include',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(opts.timeoutMs ?? 8_000),
      });
      if (!res.ok) return null;
      return ((await res.json()) as { credentials: MyCredential[] }).credentials.map((c) => ({
        id: c.id, kind: c.kind, issuedAt: c.issuedAt, revokedAt: c.revokedAt, title: c.title, recipientName: c.recipientName, verifyUrl: c.verifyUrl, jws: c.jws,
      }));
    } catch {
      return null;
    }
  };

  return {
    /** The account's certificates and badges: from the server when online, else as last seen on this device. */
    async 'credentials.mine'(): Promise<{ online: boolean; savedAt: string | null; items: MyCredential[] }> {
      const { client } = await engine();
      const fresh = await getMine();
      if (fresh) write(client, MINE, JSON.stringify(fresh), now().toISOString());
      const kept = read(client, MINE);
      return { online: fresh !== null, savedAt: kept?.savedAt ?? null, items: kept ? (JSON.parse(kept.data) as MyCredential[]) : [] };
    },

    /** Refreshes the pinned issuer keys and revocation list when online; says what the device holds. */
    async 'credentials.refresh'(): Promise<PinnedState> {
      const { client } = await engine();
      return refresh(client);
    },

    /** Checks a certificate against the pinned keys and the last revocation list: offline when it must be. */
    async 'credentials.verify'({ text }: { text: string }): Promise<CertificateCheck> {
      const { client } = await engine();
      const state = await refresh(client);
      const input = parseInput(text);
      if (!input) return { ok: false, reason: 'not_a_certificate', online: state.online };
      let jws: string;
      if ('jws' in input) {
        jws = input.jws;
      } else {
        // A verification link names the certificate; fetching it needs the network.
        const res = await get(`/api/public/credentials/${input.id}`);
        if (!res) return { ok: false, reason: 'needs_network', online: false };
        if (!res.ok) return { ok: false, reason: 'not_found', online: true };
        jws = ((await res.json()) as { jws: string }).jws;
      }
      const pinnedRow = read(client, ISSUER);
      if (!pinnedRow) return { ok: false, reason: 'issuer_not_pinned', online: state.online };
      const keySet = JSON.parse(pinnedRow.data) as IssuerKeySet;
      const status = read(client, STATUS);
      const parsed = parseCredentialUnverified(jws);
      const listUrl = (parsed?.credential.credentialStatus as { statusListCredential?: string } | undefined)?.statusListCredential;
      const result = verifyCredential(jws, keySet, {
        now: now(),
        statusLists: new Map(status && listUrl ? [[listUrl, status.data]] : []),
      });
      if (!result.ok) return { ok: false, reason: result.reason, online: state.online };
      const c = result.credential as unknown as {
        credentialSubject: { identifier?: { identityHash?: string }[]; achievement: { nameMap?: { ky: string; ru: string; en: string }; achievementType?: string } };
        awardedDate?: string;
        issuer: { name: string };
      };
      return {
        ok: true,
        status: result.status,
        statusAsOf: status?.savedAt ?? null,
        kind: c.credentialSubject.achievement.achievementType === 'Award' ? 'award' : 'badge',
        recipientName: c.credentialSubject.identifier?.[0]?.identityHash ?? null,
        achievement: c.credentialSubject.achievement.nameMap ?? null,
        awardedOn: c.awardedDate?.slice(0, 10) ?? null,
        issuerName: c.issuer.name,
        kid: result.kid,
        online: state.online,
      };
    },
  };
}
export type CredentialHandlers = ReturnType<typeof credentialHandlers>;
