export * from './driver.ts';
export { betterSqlite3Driver, type BetterSqlite3Like } from './adapters/better-sqlite3.ts';
export { sqliteWasmDriver, type Oo1DatabaseLike } from './adapters/sqlite-wasm.ts';
export { migrate } from './migrate.ts';
export { RECORD_MIGRATIONS, SERVER_MIGRATIONS, CLIENT_MIGRATIONS, type Migration, type MigrationSet } from './migrations/index.ts';
export { TABLE_SPECS, encodeRow, decodeRow, decodeTableRows, upsertStatement, selectColumns } from './tables.ts';
export { Records, type WriteObserver } from './records.ts';
export { MUTATORS, runMutation, applyMutation, parseMutation, type MutatorContext } from './mutators.ts';
export { redeemInvitation } from './invitations.ts';
