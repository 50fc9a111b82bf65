import type { SqlDriver } from '../driver.ts';

/** One schema step. Landed migrations are never edited: append a new one instead. */
export interface Migration {
  id: number;
  name: string;
  up(db: SqlDriver): void;
}

/** An ordered, append-only list of migrations with its own namespace in `_migrations`. */
export interface MigrationSet {
  namespace: 'records' | 'server' | 'client';
  migrations: readonly Migration[];
}
