/**
 * Record sync through the real server process on loopback:
 * - initial pull of N profiles into an empty better-sqlite3 client, against a plain insert of
 *   the same rows in one transaction (the floor for any sync protocol), measured in this run;
 * - push throughput for 10,000 mutations, against applying them straight to a server store
 *   in this process (no HTTP, no JSON);
 * - server memory (RSS) with N profiles loaded, after serving the full pull.
 *
 * Direct run: `pnpm tsx bench/sync.bench.ts [profiles]`.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PULL_PAGE_SIZE } from '@mekendesh/core';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import {
  CLIENT_MIGRATIONS, RECORD_MIGRATIONS, TABLE_SPECS, betterSqlite3Driver, migrate, runMutation, upsertStatement,
} from '@mekendesh/store';
import { SyncClient, httpTransport } from '@mekendesh/sync';
import { freePort, spawnServer } from '../tests/kit/process-server.ts';
import { signUp, tempDir } from '../tests/kit/server.ts';
import type { BenchResult } from './types.ts';

const RUNS = 3;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rssMiB = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '0')![0]);
  return { rss: kb('VmRSS:') / 1024, peak: kb('VmHWM:') / 1024 };
};

function clientDb(file: string) {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  return betterSqlite3Driver(raw);
}

export default async function run(profiles = 100_000): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const data = tempDir('mekendesh-bench-sync-');
  try {
    // The dataset: demo generator, written straight to the server database file.
    let t0 = performance.now();
    const seedStore = new ServerStore(openServerDb(join(data.dir, 'mekendesh.db')));
    await generateDemo(seedStore, { members: profiles, seed: 1, logN: 12 });
    seedStore.db.close();
    const report = (r: BenchResult) => {
      results.push(r);
      process.stderr.write(`  ${r.name}: ${r.value} ${r.unit}\n`);
    };
    report({ name: `demo data: generate ${profiles} members into the server db`, value: Math.round(performance.now() - t0), unit: 'ms' });

    const port = await freePort();
    const server = await spawnServer(data.dir, port);
    try {
      const idle = rssMiB(server.pid);
      report({ name: 'server RSS after start (database opened, nothing served)', value: Math.round(idle.rss), unit: 'MiB' });
      const user = await signUp(server.url, 'Bench');

      // Initial pull into an empty client, and the baseline right after it: the same rows
      // inserted into the same schema in one transaction. Three rounds, medians reported.
      const columns = TABLE_SPECS.profiles.columns.map((c) => c.column);
      const pulls: number[] = [];
      const bases: number[] = [];
      let client!: SyncClient;
      let count = 0;
      for (let round = 0; round < RUNS; round++) {
        client?.records.db.close();
        client = new SyncClient({
          db: clientDb(join(data.dir, `client-${round}.db`)),
          accountId: user.account.id,
          transport: httpTransport({ baseUrl: server.url, token: () => user.token }),
        });
        t0 = performance.now();
        await client.syncNow();
        pulls.push(performance.now() - t0);
        const received = client.records.db.values(`SELECT ${columns.join(', ')} FROM profiles`);
        count = received.length;
        const baseDb = clientDb(join(data.dir, `baseline-${round}.db`));
        migrate(baseDb, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
        t0 = performance.now();
        baseDb.transaction(() => {
          for (const row of received) baseDb.run(upsertStatement('profiles'), row);
        });
        bases.push(performance.now() - t0);
        baseDb.close();
      }
      const pullMs = median(pulls);
      const baseMs = median(bases);
      const runs = (xs: number[]) => `runs ${xs.map((x) => Math.round(x)).join('/')} ms`;
      report({ name: `initial pull of ${count} profiles (pages of ${PULL_PAGE_SIZE}) into an empty better-sqlite3 client, median of ${RUNS}`, value: Math.round(pullMs), unit: 'ms', note: `budget 3,000 ms; ${runs(pulls)}` });
      report({ name: `baseline: plain insert of the same profiles in one transaction, median of ${RUNS}`, value: Math.round(baseMs), unit: 'ms', note: runs(bases) });
      report({ name: 'initial pull / plain insert', value: Math.round((pullMs / baseMs) * 10) / 10, unit: '×' });

      const loaded = rssMiB(server.pid);
      report({ name: `server RSS with ${profiles} profiles loaded, after serving the full pull`, value: Math.round(loaded.rss), unit: 'MiB', note: `peak ${Math.round(loaded.peak)} MiB` });

      // Push throughput: 10,000 mutations queued locally, then pushed.
      const n = 10_000;
      t0 = performance.now();
      for (let i = 0; i < n; i++) client.mutate('profile.update', { id: user.account.id, patch: { yearsExperience: i % 60, bio: `Тажрыйба ${i}` } });
      const localMs = performance.now() - t0;
      report({ name: `local mutate (apply + outbox), ${n} mutations`, value: Math.round(n / (localMs / 1000)), unit: 'mutations/s' });
      t0 = performance.now();
      await client.syncNow();
      const pushMs = performance.now() - t0;
      if (client.status().pending !== 0) throw new Error('push did not finish');
      report({ name: `push of ${n} mutations over HTTP (batches of up to 500, one fsync each)`, value: Math.round(n / (pushMs / 1000)), unit: 'mutations/s', note: `${Math.round(pushMs)} ms` });

      // Baseline: the same mutator run straight against a server store, one transaction.
      const direct = new ServerStore(openServerDb(join(data.dir, 'direct', 'mekendesh.db')));
      direct.db.transaction(() => {
        direct.records.put('accounts', { id: user.account.id, email: 'x@example.org', displayName: 'x', roles: ['member'], locale: 'ky', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
      });
      t0 = performance.now();
      direct.db.transaction(() => {
        const viewer = direct.records.viewer(user.account.id);
        for (let i = 0; i < n; i++) {
          runMutation(direct.records, 'profile.update', { id: user.account.id, patch: { yearsExperience: i % 60, bio: `Тажрыйба ${i}` } }, { viewer, now: new Date().toISOString(), side: 'server' });
        }
      });
      const directMs = performance.now() - t0;
      direct.db.close();
      report({ name: 'baseline: the same mutations run in-process on a server store, one transaction', value: Math.round(n / (directMs / 1000)), unit: 'mutations/s' });
      report({ name: 'push throughput / in-process baseline', value: Math.round((directMs / pushMs) * 100) / 100, unit: '×' });
      await client.stop();
    } finally {
      await server.kill('SIGTERM');
    }
  } finally {
    data.remove();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const r of await run(rows)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
