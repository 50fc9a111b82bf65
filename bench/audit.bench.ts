/**
 * Audit log (`@mekendesh/audit`): verifying a log of 100,000 events (the award's requirement),
 * on a real SQLite file with the server's pragmas (WAL, synchronous=FULL), through the store's
 * better-sqlite3 adapter.
 *
 * - verify: paged reads + data canonical check + hash chain, with the portable SHA-256
 *   (@noble/hashes, what a browser or the desktop gets) and with node:crypto injected (what the
 *   server can use), median of 5 runs each;
 * - baseline in the same process, interleaved: the same pages read and each row's bytes
 *   SHA-256-hashed with the same implementation, no chain checks: the floor any verification
 *   pays, so the ratio is the cost of the checks themselves;
 * - append: batched (1,000 per transaction, how the log was built) and one per transaction
 *   (a request recording one event, fsync included);
 * - an export to JSONL and its verification (the CLI's offline path), and an incremental
 *   checkpoint (verify since the last one, sign, store).
 *
 * Direct run: `pnpm tsx bench/audit.bench.ts [events]`.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SCHEMA_SQL, AuditLog, ed25519Signer, portableSha256, verifyJsonl, type AuditEventInput, type Sha256 } from '@mekendesh/audit';
import { betterSqlite3Driver, type SqlDriver } from '@mekendesh/store';
import type { BenchResult } from './types.ts';

const RUNS = 5;
const BATCH = 1_000;
const SINGLE = 1_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;
const nodeSha256: Sha256 = (b) => createHash('sha256').update(b).digest();

function open(file: string): SqlDriver {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const db = betterSqlite3Driver(raw);
  db.exec(AUDIT_SCHEMA_SQL);
  return db;
}

const KINDS = ['nomination.submitted', 'nomination.updated', 'review.assigned', 'review.submitted', 'decision.made'] as const;
const t0 = Date.UTC(2026, 5, 1);
/** A realistic event: ids, a Kyrgyz title, a score, a short comment (about 300 bytes hashed). */
function event(i: number): AuditEventInput {
  const nomination = `nom-${String(Math.floor(i / 5)).padStart(6, '0')}`;
  return {
    at: new Date(t0 + i * 30_000).toISOString(),
    actor: i % 50 === 0 ? null : `acct-${String(i % 997).padStart(5, '0')}`,
    kind: KINDS[i % KINDS.length]!,
    subject: nomination,
    data: { nomination, title: 'Мыкты Мекендеш 2026', category: 'community', score: i % 10, comment: i % 5 === 3 ? 'Жамааттын иши үчүн ыраазычылык' : null },
  };
}

/** Read every row as verify does and SHA-256 its bytes: no canonical check, no chain. */
function baseline(db: SqlDriver, digest: Sha256, pageSize = 2_000): number {
  const encoder = new TextEncoder();
  const buf = new Uint8Array(1 << 16);
  let cursor = 0;
  let count = 0;
  for (;;) {
    const rows = db.values('SELECT seq, at, actor, kind, subject, data, prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?', [cursor, pageSize]);
    for (const r of rows) {
      const { written } = encoder.encodeInto(`${r[0]}\n${r[1]}\n${r[2]}\n${r[3]}\n${r[4]}\n${r[5]}\n${r[6]}`, buf);
      digest(buf.subarray(0, written));
      count++;
    }
    if (rows.length < pageSize) return count;
    cursor = rows[rows.length - 1]![0] as number;
  }
}

export default async function run(n = 100_000): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mekendesh-audit-bench-'));
  try {
    const file = join(dir, 'audit.sqlite');
    const db = open(file);
    const log = new AuditLog(db);

    const a0 = performance.now();
    for (let i = 1; i <= n; i += BATCH) {
      db.transaction(() => {
        for (let j = i; j < i + BATCH && j <= n; j++) log.append(event(j));
      });
    }
    const appendMs = performance.now() - a0;
    const head = log.head();
    if (head.seq !== n) throw new Error(`built ${head.seq} events, wanted ${n}`);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const fileMiB = statSync(file).size / 2 ** 20;

    const native = new AuditLog(db, { sha256: nodeSha256 });
    // Warm the JIT and the page cache once, as a running server would be.
    for (const l of [log, native]) {
      const r = l.verify();
      if (!r.ok || r.count !== n || r.head.hash !== head.hash) throw new Error(`verify: ${JSON.stringify(r)}`);
    }
    baseline(db, portableSha256);

    const verifyMs: number[] = [];
    const verifyNativeMs: number[] = [];
    const baseMs: number[] = [];
    const baseNativeMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved so every figure sees the same machine load.
      let t = performance.now();
      const r = log.verify();
      verifyMs.push(performance.now() - t);
      if (!r.ok) throw new Error('verify failed');
      t = performance.now();
      baseline(db, portableSha256);
      baseMs.push(performance.now() - t);
      t = performance.now();
      native.verify();
      verifyNativeMs.push(performance.now() - t);
      t = performance.now();
      baseline(db, nodeSha256);
      baseNativeMs.push(performance.now() - t);
    }

    // The offline path: export, then verify the lines.
    const e0 = performance.now();
    const lines = [...log.exportJsonl()];
    const exportMs = performance.now() - e0;
    const exportMiB = lines.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0) / 2 ** 20;
    const j0 = performance.now();
    const jr = await verifyJsonl(lines);
    const jsonlMs = performance.now() - j0;
    if (!jr.ok || jr.head.hash !== head.hash) throw new Error(`verifyJsonl: ${JSON.stringify(jr)}`);

    // Checkpoints: the first verifies everything, the next only what came since.
    const signer = ed25519Signer('bench', new Uint8Array(32).fill(1));
    const c0 = performance.now();
    log.checkpoint(signer, new Date(t0 + n * 30_000).toISOString());
    const firstCheckpointMs = performance.now() - c0;

    // One event per transaction, fsync each: a request that records one decision.
    const s0 = performance.now();
    for (let i = n + 1; i <= n + SINGLE; i++) log.append(event(i));
    const singleMs = performance.now() - s0;
    const c1 = performance.now();
    const cp = log.checkpoint(signer, new Date(t0 + (n + SINGLE) * 30_000).toISOString());
    const nextCheckpointMs = performance.now() - c1;
    if (cp.seq !== n + SINGLE) throw new Error('checkpoint missed the head');
    db.close();

    const v = median(verifyMs);
    const vn = median(verifyNativeMs);
    return [
      { name: `verify ${n.toLocaleString('en')} events (portable SHA-256), median of ${RUNS}`, value: Math.round(v), unit: 'ms', note: `min ${Math.round(Math.min(...verifyMs))}, max ${Math.round(Math.max(...verifyMs))}` },
      { name: '  events verified per second', value: Math.round(n / (v / 1000)), unit: 'events/s' },
      { name: '  baseline: same rows read + SHA-256 of their bytes, no chain checks, median', value: Math.round(median(baseMs)), unit: 'ms' },
      { name: '  verify / baseline', value: round1(v / median(baseMs)), unit: '×' },
      { name: `verify ${n.toLocaleString('en')} events (node:crypto SHA-256 injected), median of ${RUNS}`, value: Math.round(vn), unit: 'ms', note: `min ${Math.round(Math.min(...verifyNativeMs))}, max ${Math.round(Math.max(...verifyNativeMs))}` },
      { name: '  events verified per second', value: Math.round(n / (vn / 1000)), unit: 'events/s' },
      { name: '  baseline with node:crypto, median', value: Math.round(median(baseNativeMs)), unit: 'ms' },
      { name: '  verify / baseline', value: round1(vn / median(baseNativeMs)), unit: '×' },
      { name: `append, ${BATCH.toLocaleString('en')} per transaction (building the log)`, value: Math.round(n / (appendMs / 1000)), unit: 'events/s', note: `${Math.round(appendMs)} ms for ${n.toLocaleString('en')}; file ${fileMiB.toFixed(1)} MiB` },
      { name: 'append, one per transaction (WAL, synchronous=FULL)', value: Math.round((singleMs / SINGLE) * 1000) / 1000, unit: 'ms/event', note: `${Math.round(SINGLE / (singleMs / 1000)).toLocaleString('en')} events/s` },
      { name: `export to JSONL (${exportMiB.toFixed(1)} MiB)`, value: Math.round(exportMs), unit: 'ms' },
      { name: '  verify the JSONL lines', value: Math.round(jsonlMs), unit: 'ms' },
      { name: 'first checkpoint (verify all, sign, store)', value: Math.round(firstCheckpointMs), unit: 'ms' },
      { name: `next checkpoint (verify the ${SINGLE.toLocaleString('en')} new events, sign, store)`, value: round1(nextCheckpointMs), unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
