import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import {
  DomainError,
  PullRequest,
  PushRequest,
  REASON_STATUS,
  SignInSchema,
  SignUpSchema,
  InvitationCode,
  MAX_PUSH_BATCH,
  MAX_RECEIPT_BYTES,
  MAX_EVIDENCE_BYTES,
  EVIDENCE_TYPES,
  RECEIPT_TYPES,
  Id,
  sniffReceiptType,
  type ErrorBody,
  type ReasonCode,
} from '@mekendesh/core';
import { negotiateLocale, type Locale } from '@mekendesh/i18n';
import { t } from '@mekendesh/i18n/pages';
import { redeemInvitation } from '@mekendesh/store';
import { z } from 'zod';
import { AuthService, type Session } from './auth.ts';
import type { ServerConfig } from './config.ts';
import type { Logger } from './log.ts';
import { RateLimiter } from './rate-limit.ts';
import { shellPage } from './shell.ts';
import { projectNotFoundPage, projectPage } from './project-page.ts';
import { consentPage, endorsePage, linkDonePage, linkProblemPage, verifyPage, winnersPage } from './award-pages.ts';
import { CredentialService } from './awards/credentials.ts';
import { AwardStore } from './storage/award-store.ts';
import type { ServerStore } from './storage/server-store.ts';
import type { WorkspaceRooms } from './workspaces/rooms.ts';
import { checkOrigin, projectDoc, projectRooms, workspaceUpgrade } from './workspaces/route.ts';

export const SESSION_COOKIE = 'mk_session';

/**
 * Headers for the app's pages and files: a strict Content-Security-Policy (same origin only;
 * WebAssembly may compile, for SQLite in the worker; inline styles only), no framing, no
 * sniffing, no referrer leaks.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

function setAppHeaders(c: Context) {
  c.header('Content-Security-Policy', APP_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
}

type Env = { Variables: { session: Session & { token: string }; locale: Locale; requestId: string } };

export interface AppDeps {
  store: ServerStore;
  config: ServerConfig;
  logger: Logger;
  /** Address of the peer, from the Node adapter; tests through `app.request()` have none. */
  clientAddress?: (c: Context) => string | undefined;
  /** Workspace rooms (Yjs); built from the store when not given. */
  workspaces?: WorkspaceRooms;
  /** Issued credentials and the issuer's key; kept beside the database when not given. */
  credentials?: CredentialService;
}

/** Builds the Hono app. Routes are chained so `AppType` carries their types to clients. */
export function createApp(deps: AppDeps) {
  const { store, config, logger } = deps;
  const auth = new AuthService(store, config);
  const workspaces = deps.workspaces ?? projectRooms(store, auth);
  const awards = new AwardStore(store);
  const credentials = deps.credentials ?? CredentialService.inDataDir(store, config.dataDir);
  /** Issues what decisions and consents made due; a failure to issue never undoes the decision. */
  const issueDue = (c: Context<Env>) => {
    try {
      const ids = credentials.issuePending(publicUrl(c));
      if (ids.length) logger.info('credentials_issued', { requestId: c.get('requestId'), count: ids.length });
    } catch (err) {
      logger.error('credential_issue_failed', { requestId: c.get('requestId'), err: String(err) });
    }
  };
  const publicUrl = (c: Context<Env>) => config.publicUrl ?? new URL(c.req.url).origin;
  const authLimiter = new RateLimiter(config.authRateLimit, 60_000);
  const syncLimiter = new RateLimiter(config.syncRateLimit, 60_000);
  const started = Date.now();
  let requestSeq = 0;

  const errorResponse = (c: Context<Env>, code: ReasonCode, detail?: unknown) => {
    const locale = c.get('locale') ?? negotiateLocale(c.req.header('accept-language'));
    const body: ErrorBody = { ok: false, error: code, message: t(locale, `errors.${code}`) };
    if (detail !== undefined) body.detail = detail;
    return c.json(body, REASON_STATUS[code] as 400);
  };

  /** Reads and validates a JSON body: `bad_json` when it does not parse, `invalid_args` when it fails the schema. */
  const readJson = async <S extends z.ZodType>(c: Context<Env>, schema: S): Promise<z.output<S>> => {
    const text = await c.req.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new DomainError('bad_json');
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const tooMany = parsed.error.issues.some((i) => i.code === 'too_big' && i.path.join('.') === 'mutations');
      if (tooMany) throw new DomainError('batch_too_large', { max: MAX_PUSH_BATCH });
      throw new DomainError('invalid_args', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    return parsed.data;
  };

  const clientKey = (c: Context<Env>) => {
    if (config.trustProxy) {
      // The proxy appends the address it saw; entries to its left come from the client and
      // can be forged. Trust exactly one hop: the right-most entry.
      const fwd = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
      if (fwd) return fwd;
    }
    return deps.clientAddress?.(c) ?? 'local';
  };

  const limitAuth = (c: Context<Env>, email?: string) => {
    const waits = [authLimiter.hit(`ip:${clientKey(c)}`)];
    if (email) waits.push(authLimiter.hit(`email:${email}`));
    const wait = Math.max(...waits);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new DomainError('rate_limited', { retryAfter: wait });
    }
  };

  const limitSync = (c: Context<Env>) => {
    const wait = syncLimiter.hit(c.get('session').accountId);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new DomainError('rate_limited', { retryAfter: wait });
    }
  };

  const sessionToken = (c: Context<Env>): string | null => {
    const header = c.req.header('authorization');
    if (header?.startsWith('Bearer ')) return header.slice(7).trim();
    return getCookie(c, SESSION_COOKIE) ?? null;
  };

  const requireSession = async (c: Context<Env>, next: () => Promise<void>) => {
    const token = sessionToken(c);
    if (!token) throw new DomainError('unauthenticated');
    try {
      c.set('session', { ...auth.resolveSession(token), token });
    } catch (err) {
      if (err instanceof DomainError && getCookie(c, SESSION_COOKIE)) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      throw err;
    }
    await next();
  };

  const startSession = (c: Context<Env>, accountId: string, mode: 'cookie' | 'token') => {
    const { token, expiresAt } = auth.createSession(accountId, mode, c.req.header('user-agent') ?? null);
    if (mode === 'cookie') {
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.secureCookies,
        path: '/',
        expires: new Date(expiresAt),
      });
      return { expiresAt };
    }
    return { token, expiresAt };
  };

  const app = new Hono<Env>();

  app.onError((err, c) => {
    if (err instanceof DomainError) return errorResponse(c, err.code, err.detail);
    logger.error('unhandled', { requestId: c.get('requestId'), err: String(err), stack: err.stack?.split('\n').slice(0, 4).join(' | ') });
    return errorResponse(c, 'internal');
  });
  app.notFound((c) => errorResponse(c, 'not_found'));

  app.use('*', async (c, next) => {
    const requestId = `${started.toString(36)}-${(++requestSeq).toString(36)}`;
    c.set('requestId', requestId);
    c.set('locale', negotiateLocale(c.req.query('lang') ?? c.req.header('accept-language')));
    const t0 = performance.now();
    await next();
    const session = c.get('session');
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - t0) * 10) / 10,
      account: session?.accountId,
    });
  });

  // Receipt uploads are the one non-JSON write: the file's bytes as the body, up to 5 MiB.
  const isReceiptUpload = (c: Context<Env>) => c.req.method === 'POST' && /^\/api\/projects\/[^/]+\/expenses\/[^/]+\/receipt$/.test(c.req.path);
  const isEvidenceUpload = (c: Context<Env>) => c.req.method === 'POST' && /^\/api\/nominations\/[^/]+\/evidence$/.test(c.req.path);
  const jsonLimit = bodyLimit({ maxSize: config.bodyLimit, onError: (c) => errorResponse(c as Context<Env>, 'payload_too_large') });
  const receiptLimit = bodyLimit({ maxSize: MAX_RECEIPT_BYTES, onError: (c) => errorResponse(c as Context<Env>, 'receipt_too_large', { max: MAX_RECEIPT_BYTES }) });
  const evidenceLimit = bodyLimit({ maxSize: MAX_EVIDENCE_BYTES, onError: (c) => errorResponse(c as Context<Env>, 'evidence_too_large', { max: MAX_EVIDENCE_BYTES }) });
  app.use('/api/*', (c, next) => (isReceiptUpload(c) ? receiptLimit(c, next) : isEvidenceUpload(c) ? evidenceLimit(c, next) : jsonLimit(c, next)));
  // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
  // Receipts come as application/pdf or image/*, which need a preflight too.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !isReceiptUpload(c) && !isEvidenceUpload(c)) {
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/json')) throw new DomainError('unsupported_media_type');
    }
    await next();
  });

  const routes = app
    .get('/api/health', (c) => {
      const db = store.db.get<{ ok: number }>('SELECT 1 AS ok')?.ok === 1;
      return c.json({ ok: db, db: db ? 'ok' : 'down', uptimeSeconds: Math.round((Date.now() - started) / 1000) }, db ? 200 : 503);
    })
    .post('/api/auth/sign-up', async (c) => {
      const input = await readJson(c, SignUpSchema.extend({ mode: z.enum(['cookie', 'token']).default('cookie') }));
      limitAuth(c, input.email);
      const account = await auth.signUp(input);
      logger.info('sign_up', { requestId: c.get('requestId'), account: account.id });
      return c.json({ ok: true as const, account, ...startSession(c, account.id, input.mode) }, 201);
    })
    .post('/api/auth/sign-in', async (c) => {
      const input = await readJson(c, SignInSchema);
      limitAuth(c, input.email);
      const account = await auth.signIn(input.email, input.password);
      return c.json({ ok: true as const, account, ...startSession(c, account.id, input.mode) });
    })
    .get('/api/auth/session', requireSession, (c) => {
      const session = c.get('session');
      const account = store.records.get('accounts', session.accountId);
      return c.json({ ok: true as const, account, kind: session.kind, expiresAt: session.expiresAt });
    })
    .post('/api/auth/sign-out', requireSession, (c) => {
      auth.signOut(c.get('session').token);
      workspaces.recheck();
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const });
    })
    .post('/api/auth/sign-out-everywhere', requireSession, (c) => {
      const ended = auth.signOutEverywhere(c.get('session').accountId);
      workspaces.recheck();
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const, ended });
    })
    .post('/api/invitations/redeem', requireSession, async (c) => {
      const { code } = await readJson(c, z.strictObject({ code: InvitationCode }));
      limitAuth(c);
      const accountId = c.get('session').accountId;
      const membership = store.db.transaction(() =>
        redeemInvitation(store.records, code, store.records.viewer(accountId), store.now(), globalThis.crypto.randomUUID()),
      );
      return c.json({ ok: true as const, membership });
    })
    .post('/api/sync/push', requireSession, async (c) => {
      limitSync(c);
      const req = await readJson(c, PushRequest);
      const res = store.push(c.get('session').accountId, req.clientId, req.mutations);
      if (req.mutations.some((m) => m.name.startsWith('nomination.') || m.name === 'engagement.transition')) issueDue(c);
      return c.json(res);
    })
    .post('/api/sync/pull', requireSession, async (c) => {
      limitSync(c);
      const req = await readJson(c, PullRequest);
      const page = store.pull(c.get('session').accountId, req.clientId, req.cursor);
      // Pages run to megabytes: encode once to bytes rather than through a string body.
      return c.body(Buffer.from(JSON.stringify(page)), 200, { 'content-type': 'application/json; charset=utf-8' });
    })
    // A public project, for anyone: no sign-in, no personal data; 404 unless the owners made it public.
    .get('/api/public/projects/:id', (c) => {
      const id = c.req.param('id') ?? '';
      const project = Id.safeParse(id).success ? store.publicProject(id) : null;
      if (!project) throw new DomainError('not_found');
      c.header('Cache-Control', 'no-cache');
      return c.json({ ok: true as const, project });
    })
    /**
     * A receipt for an expense: the file's bytes as the body, its type in Content-Type (PDF,
     * JPEG, PNG or WebP, and the first bytes must say the same), at most 5 MiB. Owners and
     * editors of the project only. Nothing is stored for a refused file.
     */
    .post('/api/projects/:id/expenses/:expenseId/receipt', requireSession, async (c) => {
      limitSync(c);
      const id = c.req.param('id') ?? '';
      const expenseId = c.req.param('expenseId') ?? '';
      if (!Id.safeParse(id).success || !Id.safeParse(expenseId).success) throw new DomainError('not_found');
      const declared = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(RECEIPT_TYPES as readonly string[]).includes(declared)) throw new DomainError('receipt_bad_type', { types: RECEIPT_TYPES });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > MAX_RECEIPT_BYTES) throw new DomainError('receipt_too_large', { max: MAX_RECEIPT_BYTES });
      if (sniffReceiptType(bytes) !== declared) throw new DomainError('receipt_bad_type', { types: RECEIPT_TYPES });
      const saved = store.saveReceipt(c.get('session').accountId, id, expenseId, declared, bytes);
      return c.json({ ok: true as const, fileId: saved.fileId, size: bytes.byteLength, contentType: declared, sha256: saved.sha256 }, 201);
    })
    /** A receipt file, to the project's members only (never to the public: receipts may name people). */
    .get('/api/projects/:id/receipts/:fileId', requireSession, (c) => {
      const id = c.req.param('id') ?? '';
      const fileId = c.req.param('fileId') ?? '';
      const file = Id.safeParse(id).success && Id.safeParse(fileId).success ? store.receipt(c.get('session').accountId, id, fileId) : null;
      if (!file) throw new DomainError('not_found');
      const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[file.contentType] ?? 'bin';
      return c.body(Buffer.from(file.bytes), 200, {
        'content-type': file.contentType,
        'content-disposition': `inline; filename="receipt-${file.expenseId}.${ext}"`,
        'cache-control': 'private, no-store',
        // Shown as a document of its own: nothing in it may run or reach out.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
    });

  // The award: one-time links for people without an account (endorsements, the nominee's
  // consent) and evidence files. Links are made by the nominator (or a coordinator) and
  // shown once; only their hash is kept.
  const nominationId = (c: Context<Env>) => {
    const id = c.req.param('id') ?? '';
    if (!Id.safeParse(id).success) throw new DomainError('not_found');
    return id;
  };
  app.post('/api/nominations/:id/endorsement-links', requireSession, async (c) => {
    limitSync(c);
    const { invitedName } = await readJson(c, z.strictObject({ invitedName: z.string().trim().min(1).max(160) }));
    const link = awards.createEndorsementLink(c.get('session').accountId, nominationId(c), invitedName);
    return c.json({ ok: true as const, endorsementId: link.endorsementId, url: `${publicUrl(c)}/endorse/${link.token}`, expiresAt: link.expiresAt }, 201);
  });
  app.post('/api/nominations/:id/consent-link', requireSession, async (c) => {
    limitSync(c);
    await readJson(c, z.strictObject({}));
    const link = awards.createConsentLink(c.get('session').accountId, nominationId(c));
    return c.json({ ok: true as const, url: `${publicUrl(c)}/consent/${link.token}`, expiresAt: link.expiresAt }, 201);
  });
  /** A nomination of the signed-in member, as its nominee sees it: for consent in the app. */
  app.get('/api/nominations/:id/my-consent', requireSession, (c) => {
    return c.json({ ok: true as const, subject: awards.nomineeView(c.get('session').accountId, nominationId(c)) });
  });
  app.post('/api/nominations/:id/my-consent', requireSession, async (c) => {
    limitSync(c);
    const { consent } = await readJson(c, z.strictObject({ consent: z.enum(['given', 'refused']) }));
    awards.nomineeConsent(c.get('session').accountId, nominationId(c), consent);
    issueDue(c);
    return c.json({ ok: true as const });
  });
  /** An evidence file: its bytes as the body, PDF, JPEG or PNG (the first bytes must agree), at most 10 MiB; its name in `X-File-Name` (percent-encoded). */
  app.post('/api/nominations/:id/evidence', requireSession, async (c) => {
    limitSync(c);
    const id = nominationId(c);
    const declared = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(EVIDENCE_TYPES as readonly string[]).includes(declared)) throw new DomainError('evidence_bad_type', { types: EVIDENCE_TYPES });
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > MAX_EVIDENCE_BYTES) throw new DomainError('evidence_too_large', { max: MAX_EVIDENCE_BYTES });
    if (sniffReceiptType(bytes) !== declared) throw new DomainError('evidence_bad_type', { types: EVIDENCE_TYPES });
    let name = 'evidence';
    try {
      name = decodeURIComponent(c.req.header('x-file-name') ?? 'evidence').replace(/[\u0000-\u001f/\\]/g, '_').trim().slice(0, 255) || 'evidence';
    } catch {
      throw new DomainError('bad_request', { header: 'x-file-name' });
    }
    const saved = awards.saveEvidence(c.get('session').accountId, id, name, declared, bytes);
    return c.json({ ok: true as const, fileId: saved.fileId, size: bytes.byteLength, contentType: declared, sha256: saved.sha256 }, 201);
  });
  app.get('/api/nominations/:id/evidence/:fileId', requireSession, (c) => {
    const fileId = c.req.param('fileId') ?? '';
    const file = Id.safeParse(fileId).success ? awards.evidence(c.get('session').accountId, nominationId(c), fileId) : null;
    if (!file) throw new DomainError('not_found');
    return c.body(Buffer.from(file.bytes), 200, {
      'content-type': file.contentType,
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });
  // The same links for apps, as JSON (no account; limited per address like sign-in).
  const EndorsementInput = z.strictObject({
    endorserName: z.string().trim().min(1).max(160),
    endorserRelation: z.string().trim().max(200).nullable().default(null),
    text: z.string().trim().min(1).max(4000),
  });
  app.get('/api/public/endorsements/:token', (c) => {
    limitAuth(c);
    return c.json({ ok: true as const, subject: awards.endorsementSubject(c.req.param('token') ?? '') });
  });
  app.post('/api/public/endorsements/:token', async (c) => {
    limitAuth(c);
    const input = await readJson(c, EndorsementInput);
    awards.submitEndorsement(c.req.param('token') ?? '', { ...input, endorserRelation: input.endorserRelation || null });
    return c.json({ ok: true as const });
  });
  app.get('/api/public/consent/:token', (c) => {
    limitAuth(c);
    return c.json({ ok: true as const, subject: awards.consentSubject(c.req.param('token') ?? '') });
  });
  app.post('/api/public/consent/:token', async (c) => {
    limitAuth(c);
    const { consent } = await readJson(c, z.strictObject({ consent: z.enum(['given', 'refused']) }));
    awards.submitConsent(c.req.param('token') ?? '', consent);
    issueDue(c);
    return c.json({ ok: true as const });
  });
  // The pages behind the links: plain forms, no scripts. A refusal is a page with the reason.
  const linkPage = (c: Context<Env>, render: () => string, status: 200 | 201 = 200) => {
    setAppHeaders(c);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Language', c.get('locale'));
    try {
      return c.html(render(), status);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return c.html(linkProblemPage(c.get('locale'), c.req.path, err.code), REASON_STATUS[err.code] as 404);
    }
  };
  const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => errorResponse(c as Context<Env>, 'payload_too_large') });
  const formField = (form: FormData, name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  app.get('/endorse/:token', (c) => {
    limitAuth(c);
    return linkPage(c, () => endorsePage(c.get('locale'), c.req.path, awards.endorsementSubject(c.req.param('token') ?? '')));
  });
  app.post('/endorse/:token', formLimit, async (c) => {
    limitAuth(c);
    const form = await c.req.formData().catch(() => new FormData());
    const values = { name: formField(form, 'name'), relation: formField(form, 'relation'), text: formField(form, 'text') };
    const token = c.req.param('token') ?? '';
    return linkPage(c, () => {
      const parsed = EndorsementInput.safeParse({ endorserName: values.name, endorserRelation: values.relation || null, text: values.text });
      // Nothing typed is lost: the form comes back with the values and what to fix.
      if (!parsed.success) return endorsePage(c.get('locale'), c.req.path, awards.endorsementSubject(token), values, t(c.get('locale'), 'awardPage.required'));
      awards.submitEndorsement(token, parsed.data);
      return linkDonePage(c.get('locale'), c.req.path, 'awardPage.endorseThanks');
    });
  });
  app.get('/consent/:token', (c) => {
    limitAuth(c);
    return linkPage(c, () => consentPage(c.get('locale'), c.req.path, awards.consentSubject(c.req.param('token') ?? '')));
  });
  app.post('/consent/:token', formLimit, async (c) => {
    limitAuth(c);
    const form = await c.req.formData().catch(() => new FormData());
    const consent = formField(form, 'consent');
    const token = c.req.param('token') ?? '';
    return linkPage(c, () => {
      if (consent !== 'given' && consent !== 'refused') return consentPage(c.get('locale'), c.req.path, awards.consentSubject(token));
      awards.submitConsent(token, consent);
      issueDue(c);
      return linkDonePage(c.get('locale'), c.req.path, consent === 'given' ? 'awardPage.consentGiven' : 'awardPage.consentRefused');
    });
  });

  // Credentials: the issuer's public keys (apps pin them), the signed status list, each
  // credential, its PDF certificate and its verification page. Ids are random UUIDs.
  const credentialId = (c: Context<Env>) => {
    const id = c.req.param('id') ?? '';
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
  };
  app.get('/api/public/issuer', (c) => {
    const keySet = credentials.keySet();
    if (!keySet) throw new DomainError('not_found');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ ok: true as const, keySet, keys: keySet.keys.map((k) => ({ ...k.publicKeyJwk, kid: k.kid, alg: 'EdDSA', use: 'sig' })) });
  });
  app.get('/api/public/status/:list', (c) => {
    const jws = c.req.param('list') === '1' ? credentials.statusListJws() : null;
    if (!jws) throw new DomainError('not_found');
    return c.body(jws, 200, { 'content-type': 'application/jwt', 'cache-control': 'no-cache' });
  });
  app.get('/api/public/credentials/:id', (c) => {
    const id = credentialId(c);
    const credential = id ? credentials.credential(id) : null;
    if (!credential) throw new DomainError('not_found');
    return c.json({ ok: true as const, kind: credential.kind, jws: credential.jws, revoked: credential.revokedAt !== null });
  });
  app.get('/api/public/certificates/:id/pdf', async (c) => {
    const id = credentialId(c);
    const lang = c.req.query('lang');
    const locale = lang === 'ky' || lang === 'ru' || lang === 'en' || lang === 'all' ? lang : c.get('locale');
    const pdf = id ? await credentials.certificatePdf(id, locale) : null;
    if (!pdf) throw new DomainError('not_found');
    return c.body(Buffer.from(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="mykty-mekendesh-${id}-${locale}.pdf"`,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });
  /** The account's own certificates and badges (as recipient or nominator). */
  app.get('/api/credentials/mine', requireSession, (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json({ ok: true as const, credentials: credentials.mine(c.get('session').accountId) });
  });
  /** Coordinators revoke a credential; the status list says so from then on. */
  app.post('/api/credentials/:id/revoke', requireSession, async (c) => {
    const { reason } = await readJson(c, z.strictObject({ reason: z.string().trim().min(1).max(500) }));
    if (!store.records.viewer(c.get('session').accountId).roles.includes('coordinator')) throw new DomainError('forbidden');
    const id = credentialId(c);
    if (!id) throw new DomainError('not_found');
    credentials.revoke(id, reason, c.get('session').accountId);
    return c.json({ ok: true as const });
  });
  app.get('/verify/:id', (c) => {
    setAppHeaders(c);
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Language', c.get('locale'));
    const id = credentialId(c);
    const v = id ? credentials.verification(id) : null;
    return c.html(verifyPage(c.get('locale'), c.req.path, v), v ? 200 : 404);
  });

  // The audit log (coordinators): verify it end to end against the stored checkpoints, sign
  // and export a checkpoint (keep copies outside this server), read one subject's history.
  const requireCoordinator = (c: Context<Env>) => {
    if (!store.records.viewer(c.get('session').accountId).roles.includes('coordinator')) throw new DomainError('forbidden');
  };
  app.get('/api/audit/verify', requireSession, (c) => {
    requireCoordinator(c);
    const result = store.db.transaction(() => store.audit.verify({ checkpoints: store.audit.checkpoints(), keys: credentials.publicKeys() }));
    return c.json({ ...result, ok: result.ok });
  });
  app.post('/api/audit/checkpoints', requireSession, async (c) => {
    requireCoordinator(c);
    await readJson(c, z.strictObject({}));
    const checkpoint = store.db.transaction(() => store.audit.checkpoint(credentials.checkpointSigner(publicUrl(c)), store.now()));
    return c.json({ ok: true as const, checkpoint }, 201);
  });
  app.get('/api/audit/checkpoints', requireSession, (c) => {
    requireCoordinator(c);
    return c.json({ ok: true as const, checkpoints: store.audit.checkpoints(), keys: Object.fromEntries(credentials.publicKeys()) });
  });
  app.get('/api/audit/events', requireSession, (c) => {
    requireCoordinator(c);
    const subject = c.req.query('subject');
    const from = Math.max(1, Number(c.req.query('from') ?? 1) || 1);
    const events = subject ? store.audit.eventsFor(subject, from, 500) : store.audit.events(from, 500);
    return c.json({ ok: true as const, events });
  });

  // The public winners: consented, announced, no contacts.
  app.get('/api/public/winners', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json({ ok: true as const, winners: awards.publicWinners() });
  });
  app.get('/winners', (c) => {
    setAppHeaders(c);
    c.header('Content-Language', c.get('locale'));
    c.header('Vary', 'Accept-Language');
    return c.html(winnersPage(c.get('locale'), c.req.path, awards.publicWinners()));
  });

  // Workspaces (Yjs). The WebSocket: session, origin and membership before the upgrade; the
  // rooms check access again on every message (`workspaces/rooms.ts`).
  const workspaceMember = (c: Context<Env>, write = false) => {
    const { projectId, doc } = projectDoc(c);
    const role = store.projectRole(projectId, c.get('session').accountId);
    if (!role) throw new DomainError('forbidden');
    if (write && role === 'viewer') throw new DomainError('read_only');
    return { projectId, doc };
  };
  app.get(
    '/api/workspaces/:projectId',
    async (c, next) => {
      checkOrigin(c, config.trustProxy);
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new DomainError('bad_request', { reason: 'websocket_expected' });
      const token = sessionToken(c) ?? c.req.query('token') ?? null;
      if (!token) throw new DomainError('unauthenticated');
      c.set('session', { ...auth.resolveSession(token), token });
      workspaceMember(c);
      await next();
    },
    workspaceUpgrade((c) => {
      const session = (c as Context<Env>).get('session');
      return { doc: projectDoc(c).doc, identity: { accountId: session.accountId, token: session.token } };
    }),
  );
  /** The history of a workspace: saved versions, newest first (members). */
  app.get('/api/workspaces/:projectId/versions', requireSession, (c) => {
    const { doc } = workspaceMember(c);
    return c.json({ ok: true as const, versions: store.ydocs.versions(doc) });
  });
  /** One version's encoded state (a Yjs update of the whole document), for preview and restore (members). */
  app.get('/api/workspaces/:projectId/versions/:versionId', requireSession, (c) => {
    const { doc } = workspaceMember(c);
    const versionId = c.req.param('versionId') ?? '';
    const state = Id.safeParse(versionId).success ? store.ydocs.version(doc, versionId) : null;
    if (!state) throw new DomainError('not_found');
    return c.body(Buffer.from(state), 200, { 'content-type': 'application/octet-stream', 'cache-control': 'private, no-store' });
  });
  /** Saves a version now, with an optional label (owners and editors). */
  app.post('/api/workspaces/:projectId/versions', requireSession, async (c) => {
    limitSync(c);
    const { doc } = workspaceMember(c, true);
    const { label } = await readJson(c, z.strictObject({ label: z.string().trim().max(120).optional() }));
    const version = workspaces.saveNamedVersion(doc, label ? label : null, c.get('session').accountId);
    return c.json({ ok: true as const, version }, 201);
  });

  // The public page of a project: server-rendered HTML, no scripts, no sign-in.
  app.get('/projects/:id', (c) => {
    setAppHeaders(c);
    const id = c.req.param('id') ?? '';
    const locale = c.get('locale');
    const project = Id.safeParse(id).success ? store.publicProject(id) : null;
    c.header('Content-Language', locale);
    c.header('Vary', 'Accept-Language');
    if (!project) return c.html(projectNotFoundPage(locale, c.req.path), 404);
    return c.html(projectPage(locale, c.req.path, project));
  });

  // The app: the built PWA's files (assets, worker, sqlite3.wasm, manifest), and index.html for
  // every other path the app routes itself. Before the PWA is built, a translated shell page.
  const indexFile = config.staticDir ? join(config.staticDir, 'index.html') : null;
  const page = (c: Context<Env>) => {
    setAppHeaders(c);
    if (indexFile && existsSync(indexFile)) return c.html(readFileSync(indexFile, 'utf8'));
    return c.html(shellPage(c.get('locale')));
  };
  if (config.staticDir) {
    const root = relative(process.cwd(), config.staticDir) || '.';
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/') || c.req.path === '/') return next();
      setAppHeaders(c);
      return serveStatic({ root })(c, next);
    });
  }
  app.get('/', page);
  app.get('*', (c) => (c.req.path.startsWith('/api/') ? errorResponse(c, 'not_found') : page(c)));

  return routes;
}

/** The typed route tree, for `hono/client` in the apps. */
export type AppType = ReturnType<typeof createApp>;
