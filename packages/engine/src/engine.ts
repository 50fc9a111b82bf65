/**
 * The engine the PWA's worker hosts: one account's local database, its sync client and its
 * skills-bank index, behind the handler map the UI calls over RPC (`../rpc.ts`).
 *
 * It takes the database and the transport from the host, so the same code runs in the PWA's
 * worker (sqlite-wasm over OPFS, `pwa/src/worker/engine.worker.ts`), in the desktop backend
 * (better-sqlite3 in the user-data folder, `desktop/src/backend/backend.ts`, which adds the
 * leader's roster work on the same open account through {@link EngineDeps.attach}) and in Node
 * tests.
 */
import {
  AVAILABILITY,
  COUNTRIES,
  DEFAULT_VISIBILITY,
  DomainError,
  FIXED_VISIBILITY,
  FORMATS,
  GENDERS,
  LANGUAGES,
  MUTATION_ARGS,
  PROFILE_FIELDS,
  REGIONS,
  SECTORS,
  SETTLEMENTS,
  SKILLS,
  VISIBILITY_LEVELS,
  type Availability,
  type Format,
  type Labels,
  type ProfileField,
  type ProfileFields, type ProfileVisibility, type ProfileView,
  type TableName,
  type Visibility,
} from '@mekendesh/core';
import { ProfileSearch, saveSearchIndex } from '@mekendesh/search';
import { loadIndexForStartUp, type SearchCatchUpLoop } from './index-startup.ts';
import type { SqlDriver } from '@mekendesh/store';
import {
  SyncClient,
  type StoreChanges,
  type SyncClientOptions,
  type SyncStatus,
  type SyncTransport,
  type WebSocketClass,
  type WorkspaceApi,
  type WorkspaceStatus,
} from '@mekendesh/sync';
import type { WorkspaceClient } from '@mekendesh/sync/workspace-client';
import { workspaceHandlers } from './workspaces.ts';
import { projectRecordHandlers } from './project-records.ts';
import { lazyAwardHandlers, lazyCredentialHandlers, type AwardApi, type AwardServer } from './award-handlers.ts';
import type { Handlers } from './handlers.ts';
import { transferHandlers } from './transfer.ts';
import { latestOnly, searchBank, viewCompatriot, type CompatriotView, type SearchAnswer, type SearchRequest } from './skills-bank.ts';

export type { CompatriotView, Facet, Filters, SearchAnswer, SearchHit, SearchRequest } from './skills-bank.ts';

/** What the worker pushes to the UI without being asked. */
export type EngineEvent =
  | { type: 'status'; status: SyncStatus }
  /** Tables whose rows changed locally (a local edit or a pulled page). */
  | { type: 'changes'; tables: TableName[] }
  /**
   * The engine now has this account open (null: none). Every tab hears it, so a tab showing
   * another account (signed out, or signed in as someone else in another tab) can catch up.
   */
  | { type: 'account'; accountId: string | null }
  /**
   * A workspace changed (`update`: a Yjs update, from this device or the server), someone's
   * presence changed (`awareness`), or its connection did (`status`).
   */
  | { type: 'workspace'; projectId: string; update?: Uint8Array; awareness?: Uint8Array; status?: WorkspaceStatus };

/** The profile fields "My profile" edits: all of them. */
export const EDITED_FIELDS: readonly ProfileField[] = PROFILE_FIELDS;
export type EditedField = ProfileField;

export interface ProfileUpdate {
  patch: Partial<ProfileFields>;
  visibility?: Partial<ProfileVisibility>;
}

/**
 * Why a field was refused, for an inline message (`profile.issue.<code>` in the UI):
 * `phone` not E.164, `email` malformed, `range` a number out of bounds or not whole,
 * `too_long` text over its limit, `unknown` not in the reference data, `duplicate` a list
 * naming an item twice, `invalid` anything else.
 */
export type FieldIssueCode = 'phone' | 'email' | 'range' | 'too_long' | 'unknown' | 'duplicate' | 'invalid';
export interface FieldIssue {
  field: ProfileField;
  code: FieldIssueCode;
}

interface Item {
  id: string;
  labels: Labels;
}

/** One of the account's memberships, with what the local store knows of the association. */
export interface MyMembership {
  id: string;
  associationId: string;
  /** Null until the association's row has synced. */
  associationName: string | null;
  city: string | null;
  country: string | null;
  status: 'pending' | 'active' | 'rejected' | 'left';
  role: 'leader' | 'secretary' | 'member';
}

/**
 * Reference data the profile form needs. It comes from the worker, which has all of core
 * loaded anyway, so the UI bundle carries neither zod nor the places and skills tables.
 */
export interface ProfileReference {
  countries: (Item & { diasporaMain: boolean })[];
  regions: Item[];
  /** Settlements with their region, so the form can offer only those of the chosen region. */
  settlements: (Item & { region: string })[];
  languages: Item[];
  sectors: Item[];
  /** Skills with their sector, in taxonomy order, for pickers grouped by sector. */
  skills: (Item & { sector: string })[];
  availability: readonly Availability[];
  formats: readonly Format[];
  genders: readonly string[];
  visibilityLevels: readonly Visibility[];
  defaultVisibility: ProfileVisibility;
  /** Fields whose visibility the owner cannot choose (gender: always private). */
  fixedVisibility: ProfileField[];
}

const item = ({ id, labels }: Item): Item => ({ id, labels });

export const PROFILE_REFERENCE: ProfileReference = {
  countries: COUNTRIES.map((c) => ({ ...item(c), diasporaMain: c.diasporaMain === true })),
  regions: REGIONS.map(item),
  settlements: SETTLEMENTS.map((s) => ({ ...item(s), region: s.region })),
  languages: LANGUAGES.map(item),
  sectors: SECTORS.map(item),
  skills: SKILLS.map((s) => ({ ...item(s), sector: s.sector })),
  availability: AVAILABILITY,
  formats: FORMATS,
  genders: GENDERS,
  visibilityLevels: VISIBILITY_LEVELS,
  defaultVisibility: DEFAULT_VISIBILITY,
  fixedVisibility: Object.keys(FIXED_VISIBILITY) as ProfileField[],
};

const isProfileField = (v: unknown): v is ProfileField => typeof v === 'string' && (PROFILE_FIELDS as string[]).includes(v);

/**
 * Checks an update against the very schema the `profile.update` mutation parses, and says
 * which fields fail and why (one issue per field, the first). Empty when it would be accepted.
 */
export function profileIssues(accountId: string, update: ProfileUpdate): FieldIssue[] {
  const parsed = MUTATION_ARGS['profile.update'].safeParse({ id: accountId, ...update });
  if (parsed.success) return [];
  const issues = new Map<ProfileField, FieldIssueCode>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[1];
    if (!isProfileField(field) || issues.has(field)) continue;
    const raw = issue as { code: string; message: string; format?: string; origin?: string };
    let code: FieldIssueCode = 'invalid';
    if (issue.path[0] === 'visibility') code = 'invalid';
    else if (raw.message === 'bad_phone') code = 'phone';
    else if (raw.format === 'email') code = 'email';
    else if (raw.message.startsWith('unknown_')) code = 'unknown';
    else if (raw.message === 'duplicate_item') code = 'duplicate';
    else if (field === 'yearsExperience') code = 'range';
    else if (raw.code === 'too_big' && raw.origin === 'string') code = 'too_long';
    issues.set(field, code);
  }
  // A failure outside the fields (the id, an unknown key) still must not pass as valid.
  if (issues.size === 0) return [{ field: 'nameCyrillic', code: 'invalid' }];
  return [...issues].map(([field, code]) => ({ field, code }));
}

export interface EngineDeps {
  /** Opens (creating if needed) the database file of one account. */
  openDb(accountId: string): Promise<SqlDriver>;
  /** Whether the account has a database file on this device. */
  hasDb(accountId: string): Promise<boolean>;
  /** Deletes the account's database file (and its journal) from this device. */
  removeDb(accountId: string): Promise<void>;
  transport: SyncTransport;
  emit(event: EngineEvent): void;
  /** Sync loop settings (tests shorten the intervals). */
  sync?: Partial<Omit<SyncClientOptions, 'db' | 'transport' | 'accountId'>>;
  /** How long after a change the search index is saved; changes in between share one save. */
  indexSaveDelayMs?: number;
  /**
   * Called when an account has opened, before its sync loop starts, so a host can build more on
   * the same database and sync client (the desktop's roster). What it returns is called when the
   * account closes, before the client stops.
   */
  attach?(account: OpenAccount): (() => void) | void;
  /**
   * How this host reaches project workspaces: the y-websocket endpoint (`ws(s)://…/api/workspaces`),
   * a WebSocket class (the browser's; on the desktop one that sends the bearer token) and the
   * history API. Without it, workspaces are unavailable (tests that need no server).
   */
  workspaces?: { url: string; WebSocket: WebSocketClass; api: WorkspaceApi; maxBackoffMs?: number; idleCloseMs?: number };
  /**
   * Where this host reaches the award's online-only endpoints (one-time links, evidence files):
   * the server and, on the desktop, the bearer token; or an {@link AwardApi} of its own. Without
   * it those calls answer `offline`.
   */
  awards?: AwardServer | AwardApi;
}

/** An open account as {@link EngineDeps.attach} sees it. */
export interface OpenAccount {
  accountId: string;
  db: SqlDriver;
  client: SyncClient;
}

/** One open account: database, sync client, search index. */
class AccountEngine {
  private index: ProfileSearch;
  private catchUp: SearchCatchUpLoop | null;
  private indexDirty = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  readonly workspaceApi: WorkspaceApi | null;
  /** Project workspaces (Yjs), loaded on first use; null until then. */
  private workspaceClient: Promise<WorkspaceClient> | null = null;
  private closed = false;

  private constructor(
    readonly accountId: string,
    private readonly db: SqlDriver,
    readonly client: SyncClient,
    private readonly deps: EngineDeps,
  ) {
    // The client has run the migrations, so the snapshot table exists.
    performance.mark('mk:client-ready');
    // The snapshot answers at once; comparing it with the store follows in slices.
    const loaded = loadIndexForStartUp(db, {
      changed: () => {
        this.markIndexDirty();
        deps.emit({ type: 'changes', tables: ['profiles'] });
      },
    });
    this.index = loaded.index;
    this.catchUp = loaded.catchUp;
    if (loaded.rebuilt) this.markIndexDirty();
    this.unsubscribe.push(
      client.subscribeChanges((changes) => this.onChanges(changes)),
      client.subscribe((status) => deps.emit({ type: 'status', status })),
    );
    this.workspaceApi = deps.workspaces?.api ?? null;
    const detach = deps.attach?.({ accountId, db, client });
    if (detach) this.unsubscribe.push(detach);
    client.start();
  }

  static async open(accountId: string, deps: EngineDeps): Promise<AccountEngine> {
    // Start-up marks (`mk:*`): the cold-start benchmark reads them from the worker.
    performance.mark('mk:open');
    const db = await deps.openDb(accountId);
    performance.mark('mk:db-open');
    try {
      const client = new SyncClient({ db, accountId, transport: deps.transport, ...deps.sync });
      return new AccountEngine(accountId, db, client, deps);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private onChanges(changes: StoreChanges): void {
    const profiles = changes.profiles;
    if (profiles === 'all') {
      // A reset replaced the table: rebuilding is simpler and no slower than diffing.
      this.catchUp?.stop();
      this.catchUp = null;
      this.index = new ProfileSearch();
      this.index.addAll(this.client.records.where('profiles', '1=1') as ProfileView[]);
      this.markIndexDirty();
    } else if (profiles) {
      for (const id of profiles) {
        this.catchUp?.touch(id);
        const p = this.client.get('profiles', id);
        if (p) this.index.upsert(p);
        else this.index.remove(id);
      }
      this.markIndexDirty();
    }
    this.deps.emit({ type: 'changes', tables: Object.keys(changes) as TableName[] });
  }

  private markIndexDirty(): void {
    this.indexDirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saveIndex();
    }, this.deps.indexSaveDelayMs ?? 10_000);
  }

  /** Saves the index if it changed since the last save; opening it next time then only catches up. */
  saveIndex(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.indexDirty) return;
    saveSearchIndex(this.db, this.index);
    this.indexDirty = false;
    // The last save only: a long session saves every few seconds.
    performance.clearMarks('mk:index-saved');
    performance.mark('mk:index-saved');
  }

  profile(): ProfileView | null {
    return this.client.get('profiles', this.accountId) ?? null;
  }

  private argsOf(update: ProfileUpdate) {
    const issues = profileIssues(this.accountId, update);
    if (issues.length > 0) throw new DomainError('invalid_args', { issues });
    return { id: this.accountId, patch: update.patch, ...(update.visibility ? { visibility: update.visibility } : {}) };
  }

  /** Validates (per-field issues in the error's detail), applies locally and queues. */
  updateProfile(update: ProfileUpdate): number {
    return this.client.mutate('profile.update', this.argsOf(update));
  }

  /** Replaces a rejected profile update with a corrected one. */
  fixProfile(id: number, update: ProfileUpdate): number {
    const rejected = this.client.status().rejected.find((r) => r.id === id);
    if (!rejected) throw new DomainError('not_found', { id });
    if (rejected.name !== 'profile.update') throw new DomainError('bad_request', { id });
    return this.client.fix(id, this.argsOf(update));
  }

  /** The account's memberships: open ones (active, pending) first, then by association name. */
  memberships(): MyMembership[] {
    const open = (m: MyMembership) => (m.status === 'active' || m.status === 'pending' ? 0 : 1);
    return this.client.records
      .where('memberships', 'account_id = ?', [this.accountId])
      .map((m) => {
        const a = this.client.get('associations', m.associationId);
        return {
          id: m.id,
          associationId: m.associationId,
          associationName: a?.name ?? null,
          city: a?.city ?? null,
          country: a?.country ?? null,
          status: m.status,
          role: m.role,
        };
      })
      .sort((x, y) => open(x) - open(y) || (x.associationName ?? '').localeCompare(y.associationName ?? ''));
  }

  search(req: SearchRequest): SearchAnswer {
    return searchBank(this.index, this.client, req);
  }

  compatriot(id: string): CompatriotView | null {
    return viewCompatriot(this.client, this.accountId, id);
  }

  /**
   * Project workspaces (Yjs), when the host can reach them. Their code (yjs, y-websocket) is
   * loaded when the first workspace opens, so it stays out of the PWA worker's first load.
   */
  workspaces(): Promise<WorkspaceClient> | null {
    const w = this.deps.workspaces;
    if (!w) return null;
    this.workspaceClient ??= import('@mekendesh/sync/workspace-client').then(({ WorkspaceClient }) => {
      if (this.closed) throw new DomainError('unauthenticated');
      const deps = this.deps;
      return new WorkspaceClient({
        db: this.db,
        url: w.url,
        WebSocket: w.WebSocket,
        api: w.api,
        maxBackoffMs: w.maxBackoffMs,
        idleCloseMs: w.idleCloseMs,
        onUpdate: (projectId, update) => deps.emit({ type: 'workspace', projectId, update }),
        onAwareness: (projectId, awareness) => deps.emit({ type: 'workspace', projectId, awareness }),
        onStatus: (status) => deps.emit({ type: 'workspace', projectId: status.projectId, status }),
      });
    });
    return this.workspaceClient;
  }

  /** The workspaces, only if already loaded (nothing to do otherwise). */
  loadedWorkspaces(): Promise<WorkspaceClient | null> {
    return this.workspaceClient ? this.workspaceClient.catch(() => null) : Promise.resolve(null);
  }

  async close(): Promise<void> {
    this.closed = true;
    (await this.loadedWorkspaces())?.close();
    this.catchUp?.stop();
    for (const u of this.unsubscribe) u();
    await this.client.stop();
    this.saveIndex();
    this.db.close();
  }
}

/**
 * The handler map served to the UI. `open` must come first (after sign-in, or offline with the
 * last account); every other call works on the open account.
 */
export function createEngineHandlers(deps: EngineDeps) {
  let current: { accountId: string; engine: Promise<AccountEngine> } | null = null;
  /** Opens and closes run one after another, so two quick opens never put two clients on one file. */
  let lifecycle: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lifecycle.then(fn, fn);
    lifecycle = run.catch(() => {});
    return run;
  };

  const engine = async (): Promise<AccountEngine> => {
    if (!current) throw new DomainError('unauthenticated');
    return current.engine;
  };

  const closeCurrent = async () => {
    const closing = current;
    current = null;
    const e = await closing?.engine.catch(() => null);
    await e?.close();
  };

  const handlers = {
    /** Offers, needs, matching, engagements, notifications (`transfer.ts`). */
    ...transferHandlers(engine),
    /** Projects and their workspaces (`workspaces.ts`). */
    ...workspaceHandlers(engine),
    /** A project's records: overview, money, milestones, updates, and its mutations (`project-records.ts`). */
    ...projectRecordHandlers(engine),
    /** The Mykty Mekendesh award: cycles, nominations, reviews, votes (`awards.ts`, loaded on first use). */
    ...lazyAwardHandlers(engine, deps.awards ?? null),
    /** Certificates checked on the device against the pinned issuer keys, offline if need be (`credential-check.ts`). */
    ...lazyCredentialHandlers(engine, deps.awards ?? null),
    /** Opens the account's database and starts syncing; a second call for the same account is a no-op. */
    open({ accountId }: { accountId: string }): Promise<SyncStatus> {
      return serial(async () => {
        if (current?.accountId !== accountId) {
          await closeCurrent();
          const opening = { accountId, engine: AccountEngine.open(accountId, deps) };
          current = opening;
          // A failed open is forgotten, so the next call tries again.
          await opening.engine.catch((err: unknown) => {
            if (current === opening) current = null;
            throw err;
          });
          deps.emit({ type: 'account', accountId });
        } else {
          // Signed in again after the session ended: the loop stopped at `signed_out`, resume it.
          const open = await engine();
          if (open.client.status().state === 'signed_out') open.client.start();
          // The session is back: workspaces refused for it may connect again.
          (await open.loadedWorkspaces())?.reconnectAll();
        }
        return (await engine()).client.status();
      });
    },
    /** Stops syncing and closes the database (sign-out). The file stays on the device. */
    close(): Promise<void> {
      return serial(async () => {
        const had = current !== null;
        await closeCurrent();
        if (had) deps.emit({ type: 'account', accountId: null });
      });
    },
    /**
     * What this device keeps of an account that is not open (after sign-out): whether its
     * database is here, and how many changes in it never reached the server.
     */
    localData({ accountId }: { accountId: string }): Promise<{ stored: boolean; unsent: number }> {
      return serial(async () => {
        if (current?.accountId === accountId) throw new DomainError('conflict');
        if (!(await deps.hasDb(accountId))) return { stored: false, unsent: 0 };
        const db = await deps.openDb(accountId);
        try {
          const outbox = db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sync_outbox'")?.n
            ? db.get<{ n: number }>('SELECT count(*) AS n FROM sync_outbox')?.n
            : 0;
          return { stored: true, unsent: Number(outbox ?? 0) };
        } finally {
          db.close();
        }
      });
    },
    /**
     * Removes an account's data from this device (a shared or borrowed phone): closes it if it
     * is open, then deletes its database, unsent changes included (the UI asks first).
     */
    forget({ accountId }: { accountId: string }): Promise<void> {
      return serial(async () => {
        if (current?.accountId === accountId) {
          await closeCurrent();
          deps.emit({ type: 'account', accountId: null });
        }
        await deps.removeDb(accountId);
      });
    },
    async status(): Promise<SyncStatus> {
      return (await engine()).client.status();
    },
    /** Countries, visibility levels and defaults for the profile form (works before `open`). */
    reference(): ProfileReference {
      return PROFILE_REFERENCE;
    },
    async profile(): Promise<ProfileView | null> {
      return (await engine()).profile();
    },
    /**
     * Applies the edit locally and queues it; throws a reason code the UI translates, and for
     * invalid fields `invalid_args` with `detail.issues` ({@link FieldIssue}[]).
     */
    async updateProfile(update: ProfileUpdate): Promise<{ mutationId: number }> {
      return { mutationId: (await engine()).updateProfile(update) };
    },
    /** Replaces a rejected profile update with the corrected one (validated as above). */
    async fixProfile({ id, update }: { id: number; update: ProfileUpdate }): Promise<{ mutationId: number }> {
      return { mutationId: (await engine()).fixProfile(id, update) };
    },
    /** Drops a rejected mutation for good. */
    async discard({ id }: { id: number }): Promise<void> {
      (await engine()).client.discard(id);
    },
    /** The skills bank: text and facet filters, with per-facet counts; null when a newer search came. */
    search: latestOnly(
      async (req: SearchRequest): Promise<SearchAnswer> => (await engine()).search(req),
      (req) => req.from ?? '',
    ),
    /** One compatriot's profile as the local store holds it for this viewer; null if not there. */
    async compatriot({ id }: { id: string }): Promise<CompatriotView | null> {
      return (await engine()).compatriot(id);
    },
    /** The account's memberships (joining happens online, through the API; this reads what synced). */
    async memberships(): Promise<MyMembership[]> {
      return (await engine()).memberships();
    },
    /** The network came back: sync at once rather than after the backoff. */
    async poke(): Promise<void> {
      (await engine()).client.poke();
    },
    /** The page is being hidden: save the search index now. */
    async flush(): Promise<void> {
      (await engine()).saveIndex();
    },
  } satisfies Handlers;
  return handlers;
}

export type EngineHandlers = ReturnType<typeof createEngineHandlers>;
