/**
 * What an association leader does in the desktop app, over the shared engine: sign in, one
 * database per account in the data folder (WAL), the sync client, the rosters of the
 * associations they manage (held in `RosterIndex`es for instant sort, filter and search),
 * approvals, roles, invitation codes, conflicts, and backup and restore with SQLite's online
 * backup. Plain Node: tests run it against the real server on loopback.
 */
import Database from 'better-sqlite3';
import QRCode from 'qrcode';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  DomainError,
  fail,
  isReasonCode,
  managedAssociations,
  type Account,
  type AssociationRole,
  type ReasonCode,
  type Locale,
  type RosterEntry,
  type RosterFields,
  type RosterPatch,
  ROSTER_IMPORT_CHUNK,
} from '@mekendesh/core';
import { RosterIndex, type RosterQuery, type RosterResult, type RosterRow } from '@mekendesh/roster';
import {
  detectHeader,
  exportRoster,
  planImport,
  readTable,
  type DuplicateAction,
  type ExportColumn,
  type ExportFormat,
  type ImportPlan,
  type Mapping,
  type PlanSummary,
  type RowReport,
  type Table,
} from '@mekendesh/import';
import type { SqlDriver } from '@mekendesh/store';
import { openDesktopDb } from './db.ts';
import { createEngineHandlers, type EngineEvent } from '@mekendesh/engine';
import { bearerWebSocket } from './websocket.ts';
import { httpTransport, httpWorkspaceApi, type StoreChanges, type SyncClient, type SyncStatus } from '@mekendesh/sync';

/** The server documents `saveServerFile` fetches: evidence files, expense receipts, certificate PDFs. */
const SERVER_FILES = [
  /^\/api\/nominations\/[A-Za-z0-9_-]{8,80}\/evidence\/[A-Za-z0-9_-]{8,80}$/,
  /^\/api\/projects\/[A-Za-z0-9_-]{8,80}\/receipts\/[A-Za-z0-9_-]{8,80}$/,
  /^\/api\/public\/certificates\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/pdf(\?lang=(ky|ru|en|all))?$/,
];
/** The document types it writes, each with its file extensions (the first one is added when missing). */
const DOCUMENT_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
};

/**
 * What the backend pushes to the renderer: the engine's events (sync status, changed tables,
 * the open account). The roster view re-queries on `changes`.
 */
export type LeaderEvent = EngineEvent;

export interface LeaderOptions {
  dataDir: string;
  /** The Mekendesh server (origin), e.g. https://mekendesh.kg. */
  serverUrl: string;
  emit(event: LeaderEvent): void;
  now?: () => Date;
  /** Sync settings (tests shorten them). */
  sync?: { pullIntervalMs?: number; pushDelayMs?: number; backoff?: { initialMs: number; maxMs: number } };
  fetch?: typeof fetch;
}

/** Account ids are UUIDs (checked by the schema), safe in file names. */
export const accountFile = (dataDir: string, accountId: string) => join(dataDir, `account-${accountId}.db`);

/** Opens an account's database (see `openDesktopDb`: WAL, `synchronous=FULL`, migrated). */
export function openAccountDb(file: string): { raw: Database.Database; db: SqlDriver } {
  const { raw, db } = openDesktopDb(file);
  return { raw, db };
}

export interface ManagedAssociation {
  id: string;
  name: string;
  city: string;
  country: string;
  role: AssociationRole;
  members: number;
  pending: number;
}

export interface PendingMembership {
  id: string;
  accountId: string;
  name: string | null;
  message: string | null;
  requestedAt: string;
}

export interface InvitationView {
  id: string;
  code: string;
  /** Drawn by the server: until the first sync after creating it, the code is a placeholder. */
  confirmed: boolean;
  expiresAt: string;
  maxUses: number;
  uses: number;
  requiresApproval: boolean;
  revokedAt: string | null;
}

/** What the import screen shows of a planned import (the full report stays in the backend). */
export interface ImportPreview {
  planId: string;
  fileName: string;
  format: Table['format'];
  encoding: Table['encoding'];
  delimiter: Table['delimiter'] | null;
  sheet: string | null;
  sheets: string[];
  headerRow: number;
  mapping: Mapping;
  summary: PlanSummary;
  /** The first rows as read, for the preview table. */
  sample: string[][];
  /** Rows with an issue or a duplicate (at most 2,000: the summary counts them all). */
  report: RowReport[];
}

/** What to export: the selection (`ids`) or the entries matching `query` (all when neither). */
export interface RosterExportInput {
  associationId: string;
  ids?: string[];
  query?: Omit<RosterQuery, 'offset' | 'limit'>;
  columns: ExportColumn[];
  format: ExportFormat;
  locale: Locale;
}

/** Invitations created here whose code the server has not drawn yet (still in the outbox). */
function unconfirmedInvitations(db: SqlDriver): Set<string> {
  return new Set(
    db
      .values("SELECT json_extract(args, '$.id') FROM sync_outbox WHERE name = 'invitation.create' AND status != 'rejected'")
      .map(([id]) => String(id)),
  );
}

/**
 * The leader's work on the open account: the engine opened its database and runs its sync
 * client; this keeps the roster indexes on top of them.
 */
class LeaderSession {
  private readonly indexes = new Map<string, RosterIndex>();
  private readonly off: (() => void)[] = [];

  constructor(
    readonly accountId: string,
    readonly raw: Database.Database,
    readonly db: SqlDriver,
    readonly client: SyncClient,
    private readonly opts: LeaderOptions,
  ) {
    this.off.push(client.subscribeChanges((changes) => this.onChanges(changes)));
  }

  private today(): string {
    return (this.opts.now?.() ?? new Date()).toISOString().slice(0, 10);
  }

  private nameOf = (accountId: string) => {
    const p = this.client.get('profiles', accountId);
    return p ? { nameCyrillic: p.nameCyrillic, nameLatin: p.nameLatin } : null;
  };

  /** The roster of one association, loaded on first use and then kept current by sync changes. */
  index(associationId: string): RosterIndex {
    if (!managedAssociations(this.client.records.viewer(this.accountId)).includes(associationId)) fail('forbidden');
    let idx = this.indexes.get(associationId);
    if (!idx) {
      idx = new RosterIndex(this.today(), this.nameOf);
      idx.load(this.client.records.where('roster', 'association_id = ?', [associationId]));
      this.indexes.set(associationId, idx);
    }
    idx.setToday(this.today());
    return idx;
  }

  private onChanges(changes: StoreChanges): void {
    const roster = changes.roster;
    if (roster === 'all' || changes.memberships === 'all') {
      this.indexes.clear();
    } else if (roster) {
      for (const id of roster) {
        const entry = this.client.get('roster', id);
        for (const [assoc, idx] of this.indexes) {
          if (entry && entry.associationId === assoc) idx.upsert(entry);
          else idx.remove(id);
        }
      }
    }
    // A linked member renamed their profile: their row shows the new name.
    const profiles = changes.profiles;
    if (profiles && this.indexes.size > 0) {
      const ids = profiles === 'all' ? null : [...profiles];
      for (const [assoc, idx] of this.indexes) {
        if (ids === null) {
          this.indexes.delete(assoc);
          continue;
        }
        for (const accountId of ids) {
          for (const entry of this.client.records.where('roster', 'association_id = ? AND account_id = ?', [assoc, accountId])) idx.upsert(entry);
        }
      }
    }
  }

  /** The engine is closing the account (it stops the client and closes the database). */
  detach(): void {
    for (const off of this.off) off();
    this.indexes.clear();
  }
}

/** A linked member's roster fields, filled from what their profile shares with the association. */
function withSharedProfile(entry: RosterEntry, profile: { [K in keyof RosterFields]?: unknown } | undefined): RosterFields {
  const out = { ...entry } as RosterFields & Record<string, unknown>;
  if (!profile) return out;
  for (const key of ['nameCyrillic', 'nameLatin', 'email', 'phone', 'country', 'city', 'homeRegion', 'homeSettlement'] as const) {
    if (out[key] === null && typeof profile[key] === 'string') (out as Record<string, unknown>)[key] = profile[key];
  }
  for (const key of ['languages', 'skills'] as const) {
    if ((out[key] as string[]).length === 0 && Array.isArray(profile[key])) (out as Record<string, unknown>)[key] = profile[key];
  }
  return out;
}

/**
 * Creates the leader service over the shared engine: `engine` is the handler map the shared
 * screens call (profile, skills bank, offers, needs…), `handlers` the leader's own; both work
 * on the one open account.
 */
export function createLeaderService(opts: LeaderOptions) {
  mkdirSync(opts.dataDir, { recursive: true });
  let session: LeaderSession | null = null;
  let token: string | null = null;
  const doFetch = opts.fetch ?? fetch;
  /** Raw handles of databases the engine opened, until `attach` takes the open account's. */
  const opened = new Map<string, Database.Database>();
  const engine = createEngineHandlers({
    async openDb(accountId) {
      const { raw, db } = openAccountDb(accountFile(opts.dataDir, accountId));
      opened.set(accountId, raw);
      return db;
    },
    async hasDb(accountId) {
      return existsSync(accountFile(opts.dataDir, accountId));
    },
    async removeDb(accountId) {
      const file = accountFile(opts.dataDir, accountId);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
    transport: httpTransport({ baseUrl: opts.serverUrl, token: () => token, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
    // Project workspaces: the backend holds the connection (with the token); the renderer a replica.
    workspaces: {
      url: `${opts.serverUrl.replace(/^http/, 'ws')}/api/workspaces`,
      WebSocket: bearerWebSocket(() => token),
      api: httpWorkspaceApi({ baseUrl: opts.serverUrl, token: () => token, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
    },
    // The award's links and evidence files, with the token too.
    awards: { baseUrl: opts.serverUrl, token: () => token, ...(opts.fetch ? { fetch: opts.fetch } : {}) },
    emit: (event) => opts.emit(event),
    ...(opts.sync ? { sync: opts.sync } : {}),
    attach({ accountId, db, client }) {
      const raw = opened.get(accountId)!;
      opened.delete(accountId);
      const s = new LeaderSession(accountId, raw, db, client, opts);
      session = s;
      return () => {
        s.detach();
        if (session === s) session = null;
      };
    },
  });

  const current = (): LeaderSession => session ?? fail('unauthenticated');
  /** Planned imports waiting for the leader's go-ahead, by plan id. */
  const plans = new Map<string, { associationId: string; fileName: string; plan: ImportPlan }>();

  /** The server's answer to an account call, or its reason code as a DomainError. */
  const account = async (path: string, body: unknown): Promise<{ account: Account; token: string }> => {
    let res: Response;
    try {
      res = await doFetch(`${opts.serverUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch {
      throw new DomainError('internal', { network: true });
    }
    const json = (await res.json().catch(() => null)) as { ok?: boolean; error?: ReasonCode; account?: Account; token?: string } | null;
    if (!res.ok || !json?.ok || !json.account || !json.token) throw new DomainError(json?.error ?? 'internal');
    return { account: json.account, token: json.token };
  };

  /** Opens the account in the engine (a second call for the open one resumes a stopped loop). */
  const openSession = async (accountId: string, sessionToken: string): Promise<SyncStatus> => {
    token = sessionToken;
    return engine.open({ accountId });
  };

  /** The entry's current values of the fields a patch changes: the `base` conflicts are judged against. */
  const baseOf = (row: RosterFields, patch: RosterPatch): RosterPatch =>
    Object.fromEntries(Object.keys(patch).map((k) => [k, row[k as keyof RosterFields]])) as RosterPatch;

  const handlers = {
    /** Signs in with the server (token mode: the desktop keeps the token with `safeStorage`). */
    signIn: (input: { email: string; password: string }) => account('/api/auth/sign-in', { ...input, mode: 'token' }),
    /** Opens the account's database and starts syncing with the given session token. */
    open: ({ accountId, token: t }: { accountId: string; token: string }) => openSession(accountId, t),
    /** Stops syncing and closes the database (sign-out); the file stays for offline use. */
    async close(): Promise<void> {
      await engine.close();
      token = null;
    },
    syncStatus: (): SyncStatus => current().client.status(),
    /** The network came back, or the user asked: sync now. */
    syncNow(): void {
      current().client.poke();
    },

    /** Founds an association (needs the association-leader role, granted by a coordinator); the founder leads it. */
    createAssociation(input: { name: string; country: string; city: string; nameLatin?: string | null; description?: string | null }): { id: string } {
      const id = globalThis.crypto.randomUUID();
      current().client.mutate('association.create', { id, membershipId: globalThis.crypto.randomUUID(), ...input });
      return { id };
    },
    /** The associations whose roster this account manages, with member and pending counts. */
    associations(): ManagedAssociation[] {
      const s = current();
      const viewer = s.client.records.viewer(s.accountId);
      return managedAssociations(viewer).flatMap((id) => {
        const a = s.client.get('associations', id);
        if (!a) return [];
        const count = (sql: string) => Number(s.db.get<{ n: number }>(sql, [id])?.n ?? 0);
        return [
          {
            id,
            name: a.name,
            city: a.city,
            country: a.country,
            role: viewer.memberships.get(id)!.role,
            members: count('SELECT count(*) AS n FROM roster WHERE association_id = ?'),
            pending: count("SELECT count(*) AS n FROM memberships WHERE association_id = ? AND status = 'pending'"),
          },
        ];
      });
    },
    /** A window of the roster: sorted, filtered, searched, with facet counts. */
    roster({ associationId, query }: { associationId: string; query?: RosterQuery }): RosterResult {
      return current().index(associationId).query(query);
    },
    /** Every id matching a query (a "select all" for bulk actions). */
    rosterIds({ associationId, query }: { associationId: string; query?: Omit<RosterQuery, 'offset' | 'limit'> }): string[] {
      return current().index(associationId).ids(query);
    },
    rosterEntry({ id }: { id: string }): RosterRow & { profile: unknown } {
      const s = current();
      const entry = s.client.get('roster', id) ?? fail('not_found');
      const row = s.index(entry.associationId).get(id) ?? fail('not_found');
      return { ...row, profile: entry.accountId ? (s.client.get('profiles', entry.accountId) ?? null) : null };
    },
    rosterCreate({ associationId, fields }: { associationId: string; fields: RosterFields }): { id: string } {
      const id = globalThis.crypto.randomUUID();
      current().client.mutate('roster.create', { id, associationId, fields });
      return { id };
    },
    /** Changes fields; the values shown when editing began are sent as `base`, so a change made elsewhere meanwhile is a conflict, not overwritten. */
    rosterUpdate({ id, patch, base }: { id: string; patch: RosterPatch; base?: RosterPatch }): void {
      const s = current();
      const entry = s.client.get('roster', id) ?? fail('not_found');
      s.client.mutate('roster.update', { id, patch, base: base ?? baseOf(entry, patch) });
    },
    rosterDelete({ id }: { id: string }): void {
      current().client.mutate('roster.delete', { id });
    },
    /** One change to a selection, in batches of 500 (one mutation each), applied together. */
    rosterBulk(input: {
      associationId: string;
      ids: string[];
      addTags?: string[];
      removeTags?: string[];
      addGroups?: string[];
      removeGroups?: string[];
      role?: AssociationRole;
      renewalDate?: string | null;
    }): { changed: number } {
      const s = current();
      const { ids, ...change } = input;
      s.db.transaction(() => {
        for (let i = 0; i < ids.length; i += 500) s.client.mutate('roster.bulk', { ...change, ids: ids.slice(i, i + 500) });
      });
      return { changed: ids.length };
    },

    /** Requests to join, oldest first, with the name the applicant shares with the association. */
    pendingMemberships({ associationId }: { associationId: string }): PendingMembership[] {
      const s = current();
      s.index(associationId); // checks the viewer manages it
      return s.client.records
        .where('memberships', "association_id = ? AND status = 'pending' ORDER BY requested_at", [associationId])
        .map((m) => {
          const p = s.client.get('profiles', m.accountId);
          return { id: m.id, accountId: m.accountId, name: p?.nameCyrillic ?? p?.nameLatin ?? null, message: m.message, requestedAt: m.requestedAt };
        });
    },
    decideMembership({ id, decision }: { id: string; decision: 'approve' | 'reject' }): void {
      current().client.mutate('membership.decide', { id, decision });
    },
    /** Approves or rejects several requests in one go. */
    decideMemberships({ ids, decision }: { ids: string[]; decision: 'approve' | 'reject' }): void {
      const s = current();
      s.db.transaction(() => {
        for (const id of ids) s.client.mutate('membership.decide', { id, decision });
      });
    },
    /**
     * Members who have accounts (whose role can be changed), matching `text`, leaders and
     * secretaries first, at most `limit` (default 200) with the total: the whole roster is
     * searched, however many people without accounts it holds.
     */
    members({ associationId, text, limit }: { associationId: string; text?: string; limit?: number }): { rows: RosterRow[]; total: number } {
      const index = current().index(associationId);
      const max = Math.max(1, Math.min(1000, limit ?? 200));
      const rows: RosterRow[] = [];
      let total = 0;
      for (const id of index.ids({ ...(text?.trim() ? { text: text.trim() } : {}), sort: { column: 'role', dir: 'asc' } })) {
        const row = index.get(id);
        if (!row?.accountId) continue;
        total++;
        if (rows.length < max) rows.push(row);
      }
      return { rows, total };
    },
    /** The role of a member with an account (it grants rights, so it goes through the membership). */
    setRole({ associationId, accountId, role }: { associationId: string; accountId: string; role: AssociationRole }): void {
      const s = current();
      const m = s.client.records.openMembership(associationId, accountId) ?? fail('not_found');
      s.client.mutate('membership.setRole', { id: m.id, role });
    },

    invitations({ associationId }: { associationId: string }): InvitationView[] {
      const s = current();
      s.index(associationId);
      const pending = unconfirmedInvitations(s.db);
      return s.client.records
        .where('invitations', 'association_id = ? ORDER BY created_at DESC', [associationId])
        .map((i) => ({
          id: i.id,
          code: i.code,
          confirmed: !pending.has(i.id),
          expiresAt: i.expiresAt,
          maxUses: i.maxUses,
          uses: i.uses,
          requiresApproval: i.requiresApproval,
          revokedAt: i.revokedAt,
        }));
    },
    /**
     * A new invitation code. The server draws the real code (a client's guess would be a weak
     * secret), so it is shown once `confirmed` after the next sync; the app syncs at once.
     */
    createInvitation(input: { associationId: string; days: number; maxUses: number; requiresApproval: boolean }): { id: string } {
      const s = current();
      const id = globalThis.crypto.randomUUID();
      const expiresAt = new Date((opts.now?.() ?? new Date()).getTime() + Math.max(1, Math.min(365, input.days)) * 86_400_000).toISOString();
      s.client.mutate('invitation.create', {
        id,
        associationId: input.associationId,
        code: 'AAAAAAAAAA',
        expiresAt,
        maxUses: input.maxUses,
        requiresApproval: input.requiresApproval,
      });
      s.client.poke();
      return { id };
    },
    /**
     * A printable QR code (SVG) of the invitation link `<server>/?invite=CODE`: scanned at a
     * meeting, it opens the app's sign-up with the code filled in. Only for a code the server
     * has drawn (a placeholder would not work).
     */
    async invitationQr({ id }: { id: string }): Promise<{ link: string; svg: string }> {
      const s = current();
      const inv = s.client.get('invitations', id) ?? fail('not_found');
      s.index(inv.associationId);
      if (unconfirmedInvitations(s.db).has(id)) fail('conflict', { reason: 'not_synced' });
      const link = `${opts.serverUrl}/?invite=${encodeURIComponent(inv.code)}`;
      const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { link, svg };
    },
    revokeInvitation({ id }: { id: string }): void {
      current().client.mutate('invitation.revoke', { id });
    },

    /**
     * Reads a spreadsheet (CSV or XLSX, as the leader has it) and plans its import into the
     * roster: a dry run with the column mapping (detected, or the leader's), every row checked,
     * duplicates against the roster and within the file. Nothing is written. A refused file
     * throws `bad_request` with `detail.reason` (`import_bad_type`, `import_too_large`, …).
     */
    async importPlan(input: {
      associationId: string;
      fileName: string;
      bytes: Uint8Array;
      sheet?: string;
      mapping?: Mapping;
      headerRow?: number;
      decisions?: Record<number, DuplicateAction>;
      onDuplicate?: DuplicateAction;
      dropInvalidValues?: boolean;
      defaults?: Partial<RosterFields>;
    }): Promise<ImportPreview> {
      const s = current();
      s.index(input.associationId); // checks the viewer manages it
      const read = await readTable(input.bytes, input.fileName, input.sheet ? { sheet: input.sheet } : {});
      if (!read.ok) fail('bad_request', { reason: read.reason, detail: read.detail ?? null });
      const { table } = read;
      const detected = detectHeader(table.rows);
      const headerRow = input.headerRow ?? detected.headerRow;
      const mapping = input.mapping ?? (input.headerRow === undefined ? detected.mapping : detectHeader(table.rows.slice(headerRow), 1).mapping);
      const association = s.client.get('associations', input.associationId);
      const existing = s.client.records.where('roster', 'association_id = ?', [input.associationId]);
      const plan = planImport({
        rows: table.rows,
        mapping,
        headerRow,
        existing,
        // Numbers without + are read as the association's country first, then as Kyrgyz
        // (most members keep a Kyrgyz SIM), then Russian.
        ...(association ? { phoneCountry: association.country, phoneFallbackCountries: [...new Set(['KG', 'RU'])].filter((c) => c !== association.country) } : {}),
        defaults: { ...(association ? { country: association.country } : {}), ...input.defaults },
        ...(input.decisions ? { decisions: input.decisions } : {}),
        ...(input.onDuplicate ? { onDuplicate: input.onDuplicate } : {}),
        ...(input.dropInvalidValues ? { dropInvalidValues: true } : {}),
      });
      const planId = globalThis.crypto.randomUUID();
      plans.set(planId, { associationId: input.associationId, fileName: input.fileName, plan });
      // Plans are kept until applied or replaced; a few at most.
      while (plans.size > 4) plans.delete(plans.keys().next().value!);
      return {
        planId,
        fileName: input.fileName,
        format: table.format,
        encoding: table.encoding,
        delimiter: table.delimiter ?? null,
        sheet: table.sheet ?? null,
        sheets: table.sheets ?? [],
        headerRow,
        mapping,
        summary: plan.summary,
        sample: table.rows.slice(headerRow, headerRow + 21),
        report: plan.rows.filter((r) => r.issues.length > 0 || r.duplicate !== null).slice(0, 2000),
      };
    },
    /**
     * Applies a planned import in one local transaction: every entry to create and every merge,
     * in chunks of 200 (one `roster.import` mutation each, all of one batch). If anything fails,
     * nothing is written. Sync then sends the chunks; `importUndo` takes the whole batch back.
     */
    importApply({ planId }: { planId: string }): { batchId: string; created: number; merged: number } {
      const s = current();
      const planned = plans.get(planId) ?? fail('not_found', { planId });
      const { plan, associationId, fileName } = planned;
      s.index(associationId);
      const batchId = globalThis.crypto.randomUUID();
      const creates = plan.creates.map((c) => ({ id: globalThis.crypto.randomUUID(), fields: c.fields }));
      const merges = plan.merges.map((m) => ({ id: m.existingId, patch: m.fields as RosterPatch }));
      const name = fileName.slice(0, 255) || 'import';
      s.db.transaction(() => {
        let i = 0;
        let j = 0;
        do {
          const c = creates.slice(i, i + ROSTER_IMPORT_CHUNK);
          const m = merges.slice(j, j + ROSTER_IMPORT_CHUNK);
          s.client.mutate('roster.import', { batchId, associationId, fileName: name, creates: c, merges: m });
          i += c.length;
          j += m.length;
        } while (i < creates.length || j < merges.length);
      });
      plans.delete(planId);
      return { batchId, created: creates.length, merged: merges.length };
    },
    /** The imports into a roster, newest first (to undo one). */
    imports({ associationId }: { associationId: string }) {
      const s = current();
      s.index(associationId);
      return s.client.records
        .where('roster_imports', 'association_id = ? ORDER BY created_at DESC', [associationId])
        .map(({ mergedBefore: _, ...batch }) => batch);
    },
    /** Takes a whole import back: its entries removed, what it merged restored. */
    importUndo({ batchId }: { batchId: string }): void {
      current().client.mutate('roster.undoImport', { batchId });
    },
    /**
     * The roster, or a selection of it, as CSV or XLSX with the columns the leader chose.
     * Members with accounts contribute only what they share with the association: the device
     * holds nothing more (the server projects their profiles), and their own profile fills
     * what the association has not recorded.
     */
    async exportRoster(input: RosterExportInput): Promise<{ fileName: string; bytes: Uint8Array; rows: number }> {
      const s = current();
      const index = s.index(input.associationId);
      const ids = input.ids ?? index.ids(input.query ?? {});
      const entries = ids.map((id) => {
        const entry = s.client.get('roster', id);
        if (!entry || entry.associationId !== input.associationId) fail('not_found', { id });
        return withSharedProfile(entry, entry.accountId ? s.client.get('profiles', entry.accountId) : undefined);
      });
      const bytes = await exportRoster(entries, input.columns, input.format, input.locale);
      const association = s.client.get('associations', input.associationId);
      const day = (opts.now?.() ?? new Date()).toISOString().slice(0, 10);
      const base = (association?.nameLatin ?? association?.name ?? 'roster').replace(/[\\/:*?"<>|]+/g, ' ').trim();
      return { fileName: `${base} ${day}.${input.format}`, bytes, rows: entries.length };
    },

    /**
     * {@link exportRoster} written to `file`. The renderer cannot write files (no Node, and it
     * must not choose paths): `file` is what main's save dialog returned to it
     * (`dialogs.saveExport`), i.e. a place the leader picked in the OS dialog. Only `.csv` and
     * `.xlsx` files are written, so a page cannot use this to overwrite anything else.
     */
    async exportRosterToFile(input: RosterExportInput & { file: string }): Promise<{ file: string; rows: number }> {
      if (typeof input.file !== 'string' || !isAbsolute(input.file) || !/\.(csv|xlsx)$/i.test(input.file)) fail('bad_request', { reason: 'export_bad_path' });
      const { file, ...rest } = input;
      const { bytes, rows } = await handlers.exportRoster(rest);
      writeFileSync(file, bytes);
      return { file, rows };
    },

    /**
     * Saves a document from the server at `file` (a place the user picked in main's save dialog,
     * `dialogs.saveFile`): an evidence file of a nomination, a receipt of a project expense, or
     * a certificate PDF. The page cannot open these itself: they need the session token, which
     * only this backend holds, and the renderer may not navigate to the server. Only those
     * three kinds of path are fetched, and only documents (PDF, JPEG, PNG, WebP) written; a
     * file name whose extension does not fit the type gets the right one.
     */
    async saveServerFile(input: { path: string; file: string }): Promise<{ file: string; bytes: number; contentType: string }> {
      const path = typeof input?.path === 'string' ? input.path : '';
      if (!SERVER_FILES.some((re) => re.test(path))) fail('bad_request', { reason: 'file_bad_path' });
      if (typeof input.file !== 'string' || !isAbsolute(input.file)) fail('bad_request', { reason: 'file_bad_target' });
      if (!token) fail('unauthenticated');
      let res: Response;
      try {
        res = await doFetch(`${opts.serverUrl}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
      } catch {
        throw Object.assign(new Error('offline'), { code: 'offline', detail: null });
      }
      if (!res.ok) {
        const json = (await res.json().catch(() => null)) as { error?: unknown } | null;
        fail(isReasonCode(json?.error) ? json.error : res.status === 401 ? 'unauthenticated' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : 'internal');
      }
      const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const extensions = DOCUMENT_TYPES[contentType] ?? fail('unsupported_media_type', { contentType });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const has = /\.([a-z0-9]+)$/i.exec(input.file)?.[1]?.toLowerCase();
      // Another document type's extension (a receipt suggested as .pdf that is a photo) is
      // replaced; anything else is kept and the right one added.
      const otherDocument = has !== undefined && Object.values(DOCUMENT_TYPES).some((x) => x.includes(has));
      const file = has && extensions.includes(has) ? input.file : otherDocument ? `${input.file.slice(0, -has!.length)}${extensions[0]}` : `${input.file}.${extensions[0]}`;
      writeFileSync(file, bytes);
      return { file, bytes: bytes.byteLength, contentType };
    },

    /** Changes the server refused (conflicts among them, with both values), kept until the leader decides. */
    rejected: () => current().client.status().rejected,
    discard({ id }: { id: number }): void {
      current().client.discard(id);
    },
    /**
     * Keeps the leader's own values after a conflict: re-sends the refused roster update based
     * on what the entry holds now, so it applies over the other change.
     */
    keepMine({ id }: { id: number }): { mutationId: number } {
      const s = current();
      const r = s.client.status().rejected.find((x) => x.id === id) ?? fail('not_found');
      if (r.name !== 'roster.update') fail('bad_request');
      const args = r.args as { id: string; patch: RosterPatch };
      const entry = s.client.get('roster', args.id) ?? fail('not_found');
      return { mutationId: s.client.fix(id, { id: args.id, patch: args.patch, base: baseOf(entry, args.patch) }) };
    },

    /**
     * A copy of the open account's database at `file`, made with SQLite's online backup while
     * the app keeps working (pages copied in steps; writes in between are picked up).
     */
    async backup({ file }: { file: string }): Promise<{ bytes: number; pages: number }> {
      const s = current();
      const result = await s.raw.backup(file);
      return { bytes: Number(s.db.get<{ n: number }>('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()')!.n), pages: result.totalPages };
    },
    /**
     * Replaces the open account's database with a backup of the same account. The backup is
     * checked first (a readable database of this account); the current file is kept aside
     * until the restored one opens. Sync then catches up: the server resets the cursors of a
     * restored copy and takes its unsent changes once each.
     */
    async restore({ file }: { file: string }): Promise<SyncStatus> {
      const s = current();
      if (!existsSync(file)) fail('not_found');
      let owner: string | null = null;
      try {
        const probe = new Database(file, { readonly: true, fileMustExist: true });
        try {
          owner = (probe.prepare("SELECT value FROM sync_meta WHERE key = 'account_id'").get() as { value: string } | undefined)?.value ?? null;
        } finally {
          probe.close();
        }
      } catch {
        fail('bad_request', { reason: 'not_a_backup' });
      }
      if (owner !== s.accountId) fail('bad_request', { reason: 'other_account' });
      const live = accountFile(opts.dataDir, s.accountId);
      const sessionToken = token!;
      // The live database has counted this device's mutation ids further than the copy; the
      // restored copy continues from there, or the server would drop new changes as repeats.
      const clientId = s.db.get<{ value: string }>("SELECT value FROM sync_meta WHERE key = 'client_id'")?.value ?? null;
      const nextId = Number(s.db.get<{ value: string }>("SELECT value FROM sync_meta WHERE key = 'next_mutation_id'")?.value ?? 1);
      await engine.close();
      const aside = `${live}.before-restore`;
      rmSync(aside, { force: true });
      // The current file (checkpointed) is copied aside with the same online backup API.
      const previous = new Database(live);
      await previous.backup(aside);
      previous.close();
      const source = new Database(file, { readonly: true });
      try {
        for (const suffix of ['-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true });
        await source.backup(live);
      } finally {
        source.close();
      }
      const restored = new Database(live);
      try {
        const same = (restored.prepare("SELECT value FROM sync_meta WHERE key = 'client_id'").get() as { value: string } | undefined)?.value === clientId;
        if (same) {
          restored
            .prepare("UPDATE sync_meta SET value = ? WHERE key = 'next_mutation_id' AND CAST(value AS INTEGER) < ?")
            .run(String(nextId), nextId);
        }
      } finally {
        restored.close();
      }
      try {
        const status = await openSession(s.accountId, sessionToken);
        rmSync(aside, { force: true });
        return status;
      } catch (err) {
        // The restored copy would not open: put the previous file back.
        const back = new Database(aside, { readonly: true });
        await back.backup(live);
        back.close();
        await openSession(s.accountId, sessionToken);
        throw err;
      }
    },
  };

  return {
    handlers,
    engine,
    async close(): Promise<void> {
      await engine.close();
    },
  };
}

export type LeaderHandlers = ReturnType<typeof createLeaderService>['handlers'];
