/**
 * The engine the PWA's worker hosts: one account's local database, its sync client and its
 * skills-bank index, behind the handler map the UI calls over RPC (`../rpc.ts`).
 *
 * It takes the database and the transport from the host (`engine.worker.ts` builds them on
 * sqlite-wasm over OPFS and `fetch`), so the same code runs in Node tests on an in-memory
 * database.
 */
import {
  COUNTRIES,
  DEFAULT_VISIBILITY,
  DomainError,
  VISIBILITY_LEVELS,
  type Labels,
  type ProfileFields, type ProfileVisibility, type ProfileView,
  type TableName,
  type Visibility,
} from '@mekendesh/core';
import { ProfileSearch, openSearchIndex, saveSearchIndex } from '@mekendesh/search';
import type { SqlDriver } from '@mekendesh/store';
import { SyncClient, type StoreChanges, type SyncClientOptions, type SyncStatus, type SyncTransport } from '@mekendesh/sync';
import type { Handlers } from '../rpc.ts';

/** What the worker pushes to the UI without being asked. */
export type EngineEvent =
  | { type: 'status'; status: SyncStatus }
  /** Tables whose rows changed locally (a local edit or a pulled page). */
  | { type: 'changes'; tables: TableName[] };

/** The profile fields the first screens edit. */
export const EDITED_FIELDS = ['nameCyrillic', 'nameLatin', 'city', 'country'] as const satisfies readonly (keyof ProfileFields)[];
export type EditedField = (typeof EDITED_FIELDS)[number];

export interface ProfileUpdate {
  patch: Partial<Pick<ProfileFields, EditedField>>;
  visibility?: Partial<Pick<ProfileVisibility, EditedField>>;
}

export interface SearchHit {
  id: string;
  nameCyrillic: string | null;
  nameLatin: string | null;
  /** The account's display name, when the local store has the account (at least one's own). */
  displayName: string | null;
}

/**
 * Reference data the profile form needs. It comes from the worker, which has all of core
 * loaded anyway, so the UI bundle carries neither zod nor the places and skills tables.
 */
export interface ProfileReference {
  countries: { id: string; labels: Labels; diasporaMain: boolean }[];
  visibilityLevels: readonly Visibility[];
  defaultVisibility: Pick<ProfileVisibility, EditedField>;
}

const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

export const PROFILE_REFERENCE: ProfileReference = {
  countries: COUNTRIES.map((c) => ({ id: c.id, labels: c.labels, diasporaMain: c.diasporaMain === true })),
  visibilityLevels: VISIBILITY_LEVELS,
  defaultVisibility: pick(DEFAULT_VISIBILITY, EDITED_FIELDS),
};

export interface EngineDeps {
  /** Opens (creating if needed) the database file of one account. */
  openDb(accountId: string): Promise<SqlDriver>;
  transport: SyncTransport;
  emit(event: EngineEvent): void;
  /** Sync loop settings (tests shorten the intervals). */
  sync?: Partial<Omit<SyncClientOptions, 'db' | 'transport' | 'accountId'>>;
  /** How long after a change the search index is saved; changes in between share one save. */
  indexSaveDelayMs?: number;
}

/** One open account: database, sync client, search index. */
class AccountEngine {
  private index: ProfileSearch;
  private indexDirty = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  private constructor(
    readonly accountId: string,
    private readonly db: SqlDriver,
    readonly client: SyncClient,
    private readonly deps: EngineDeps,
  ) {
    // The client has run the migrations, so the snapshot table exists.
    const opened = openSearchIndex(db);
    this.index = opened.index;
    if (opened.rebuilt || opened.updated > 0 || opened.removed > 0) this.markIndexDirty();
    this.unsubscribe.push(
      client.subscribeChanges((changes) => this.onChanges(changes)),
      client.subscribe((status) => deps.emit({ type: 'status', status })),
    );
    client.start();
  }

  static async open(accountId: string, deps: EngineDeps): Promise<AccountEngine> {
    const db = await deps.openDb(accountId);
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
      this.index = new ProfileSearch();
      this.index.addAll(this.client.records.where('profiles', '1=1') as ProfileView[]);
      this.markIndexDirty();
    } else if (profiles) {
      for (const id of profiles) {
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
  }

  profile(): ProfileView | null {
    return this.client.get('profiles', this.accountId) ?? null;
  }

  updateProfile(update: ProfileUpdate): number {
    return this.client.mutate('profile.update', {
      id: this.accountId,
      patch: update.patch,
      ...(update.visibility ? { visibility: update.visibility } : {}),
    });
  }

  search(text: string, limit: number): { total: number; hits: SearchHit[] } {
    const result = this.index.search({ text, limit });
    return {
      total: result.total,
      hits: result.hits.map(({ id }) => {
        const p = this.client.get('profiles', id);
        return {
          id,
          nameCyrillic: p?.nameCyrillic ?? null,
          nameLatin: p?.nameLatin ?? null,
          displayName: this.client.get('accounts', id)?.displayName ?? null,
        };
      }),
    };
  }

  async close(): Promise<void> {
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
        }
        return (await engine()).client.status();
      });
    },
    /** Stops syncing and closes the database (sign-out). The file stays on the device. */
    close(): Promise<void> {
      return serial(closeCurrent);
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
    /** Applies the edit locally and queues it; throws a reason code the UI translates. */
    async updateProfile(update: ProfileUpdate): Promise<{ mutationId: number }> {
      return { mutationId: (await engine()).updateProfile(update) };
    },
    async search({ text, limit = 20 }: { text: string; limit?: number }): Promise<{ total: number; hits: SearchHit[] }> {
      return (await engine()).search(text, limit);
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
