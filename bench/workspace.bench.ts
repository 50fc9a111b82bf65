/**
 * Workspace rooms (issue 5): our Yjs rooms on the Hono server against the reference
 * y-websocket server, each in a process of its own (`workspace-server.ts`), driven by lean
 * y-websocket clients in another process per server (`workspace-clients.ts`), so on two cores
 * the server has one and the clients the other. Both servers are started and connected first;
 * then each phase runs on one and then the other (who goes first alternates), so the machine's
 * other load falls on both alike.
 *
 * 1. Latency: 100 clients in one document, each making 10 small edits a second for 20 s (after
 *    2 s of warm-up); the time from an edit to its arrival at each of the 99 other clients,
 *    p50/p95/p99 (budget: p95 ≤ 50 ms). Our server with its default room settings: SQLite
 *    persistence (`synchronous=FULL`, a commit per 20 ms of edits), the session and project role
 *    checked on every message, the default rate limit (60 messages/s per connection).
 * 2. Against the reference (`@y/websocket-server`'s `setupWSConnection` on `http` + `ws`, in
 *    memory, no authentication; see `workspace-server.ts` for how it is made to run), the same
 *    clients, edits and durations:
 *    - throughput, defined as **deliveries per second** (an edit arriving at one other client
 *      is one delivery): those that arrived at the clients during the latency run's 20 s,
 *      whenever their edit was sent, with 99,000 a second offered (100 clients × 10 edits/s ×
 *      99 others). A server that keeps up delivers what is offered; one that cannot delivers
 *      what it can. Also the **sustained delivery rate**: the edit rate per client is stepped
 *      up (1, 2, 5, 10, 15, 20 edits/s, 3 s each after 1 s of warm-up, after the latency run)
 *      and the figure is the deliveries per second of the highest step where every edit
 *      reached every other client and p95 stayed within 50 ms (a step that does not is tried
 *      once more; a server stops at its first step that fails twice); and the server CPU time per 1,000 deliveries at the steps both
 *      kept up with (from /proc);
 *    - memory from inside each server process (`process.memoryUsage()` after `gc()`): RSS and
 *      heap before the clients, and with the 100 clients connected after the latency run.
 * 3. Memory with 1,000 idle documents, our server only (`idleUnloadMs` 100): heap after start
 *    and one warm-up document (the baseline), with 1,000 documents open at once (each a client
 *    that synced and made two edits), and after their clients have left and the rooms unloaded
 *    (target: within 1.1× the baseline); then a second round of 1,000 other documents.
 *
 * `MEKENDESH_BENCH_CORK_REFERENCE=1` gives the reference the same write batching as our route
 * (like for like); `MEKENDESH_BENCH_HEAP_SNAPSHOTS=<dir>` writes heap snapshots where memory is read.
 * Direct run: `pnpm tsx bench/workspace.bench.ts [seconds]`; in the suite `pnpm bench --only workspace`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LeanClient, type Phase, type PhaseResult } from './workspace-clients.ts';
import type { ServerReady } from './workspace-server.ts';
import type { BenchResult } from './types.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));

type Mem = NodeJS.MemoryUsage;

/** A forked child with IPC: `request` for id-matched answers, `next` for the next message of a type. */
function child(script: string, args: string[], execArgv: string[]) {
  const proc: ChildProcess = fork(script, args, { cwd: root, execArgv: [...execArgv, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number | string, (m: any) => void>();
  const queued: any[] = [];
  let seq = 0;
  proc.on('message', (m: any) => {
    const key = m.id ?? m.type;
    const w = waiting.get(key);
    if (w) {
      waiting.delete(key);
      w(m);
    } else queued.push(m);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const wait = (key: number | string) =>
    new Promise<any>((resolve, reject) => {
      const i = queued.findIndex((m) => (m.id ?? m.type) === key);
      if (i >= 0) return resolve(queued.splice(i, 1)[0]);
      waiting.set(key, resolve);
      void exited.then((code) => waiting.has(key) && reject(new Error(`${script} exited (${code}) while waiting for ${key}`)));
    });
  return {
    proc,
    send: (m: unknown) => proc.send(m as never),
    next: (type: string) => wait(type),
    request: <T = any>(m: Record<string, unknown>): Promise<T> => {
      const id = ++seq;
      proc.send({ ...m, id });
      return wait(id);
    },
    exited,
  };
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * A process's CPU time (user + system, ms) and RSS, read from /proc by this process: a saturated
 * server answers IPC seconds late (one read of a busy socket holds hundreds of messages, each
 * sent on to 99 connections), so its own `process.cpuUsage()` would be taken at the wrong time.
 */
function procStat(pid: number): { cpuMs: number; rss: number; state: string } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: ticks * 10, rss: rssKb * 1024, state: fields[0]! }; // CLK_TCK is 100 on Linux
}

interface PhaseRun {
  result: PhaseResult;
  /** Server CPU time during the measured window, and as a share of one core. */
  serverCpuMs: number;
  serverCpuShare: number;
  /** Highest server RSS sampled during the window (no gc). */
  peakRss: number;
  /** Samples (every 250 ms) that found the server waiting on the disk (state D: an fsync). */
  diskWaits: number;
  /** The server's event-loop delay during the window (ms). */
  loopDelay: { p50: number; p99: number; max: number };
}

async function runPhase(server: ReturnType<typeof child>, clients: ReturnType<typeof child>, phase: Phase): Promise<PhaseRun> {
  const pid = server.proc.pid!;
  clients.send({ type: 'phase', ...phase });
  await clients.next('phase-start');
  const s0 = procStat(pid);
  // (Answered late by a saturated server: its delay figure then covers less of the window.)
  void server.request({ type: 'loop' });
  const t0 = performance.now();
  let peakRss = s0.rss;
  let diskWaits = 0;
  const sampler = setInterval(() => {
    const s = procStat(pid);
    peakRss = Math.max(peakRss, s.rss);
    if (s.state === 'D') diskWaits++;
  }, 250);
  await clients.next('phase-end');
  const s1 = procStat(pid);
  const t1 = performance.now();
  clearInterval(sampler);
  const { delay } = await server.request<{ delay: PhaseRun['loopDelay'] }>({ type: 'loop' });
  const { result } = await clients.next('phase-result');
  return { result, loopDelay: delay, diskWaits, serverCpuMs: s1.cpuMs - s0.cpuMs, serverCpuShare: (s1.cpuMs - s0.cpuMs) / (t1 - t0), peakRss: Math.max(peakRss, s1.rss) };
}

/** Every edit reached every other client, nobody was disconnected, p95 within the budget. */
const keptUp = (r: PhaseRun, budget: number) => r.result.delivered >= r.result.expected && r.result.closed === 0 && r.result.p95 <= budget;

const describe = (r: PhaseRun) =>
  `${r.result.rate}/s × ${r.result.clients}: p50 ${ms(r.result.p50)} p95 ${ms(r.result.p95)} p99 ${ms(r.result.p99)} max ${ms(r.result.max)} ms, ` +
  `delivered ${r.result.delivered}/${r.result.expected}, arrived ${Math.round(r.result.arrivedPerSecond)}/s, server CPU ${Math.round(r.serverCpuShare * 100)} %, loop delay p99 ${r.loopDelay.p99} max ${r.loopDelay.max} ms, disk waits ${r.diskWaits}, ` +
  `clients ELU ${ms(r.result.clientElu)} CPU ${Math.round(r.result.clientCpuMs)} ms, closed ${r.result.closed}`;

interface SideResult {
  mode: 'ours' | 'reference';
  base: PhaseRun;
  ramp: PhaseRun[];
  /** Highest step that kept up, or null. */
  sustained: PhaseRun | null;
  memIdle: Mem;
  memLoaded: Mem;
  connectMs: number;
  logged: Record<string, number>;
}

export interface WorkspaceBenchOptions {
  clients?: number;
  /** Edits per second per client in the latency phase. */
  rate?: number;
  seconds?: number;
  /** Per-client rates of the throughput steps (ascending; a side stops at its first step that fails twice). */
  steps?: number[];
  stepSeconds?: number;
  idleDocs?: number;
  budgetP95Ms?: number;
  /** Extra node flags for the server processes (e.g. `--cpu-prof`). */
  serverFlags?: string[];
  /** Which parts to run: the comparison (figures 1 and 2), the idle documents (figure 3). */
  parts?: ('compare' | 'idle')[];
}

type Side = Awaited<ReturnType<typeof openSide>>;

/** A server process and a client process, the clients connected and synced. */
async function openSide(mode: 'ours' | 'reference', o: Required<WorkspaceBenchOptions>, log: (s: string) => void) {
  const server = child(file('./workspace-server.ts'), [mode, JSON.stringify({ users: o.clients })], ['--expose-gc', ...o.serverFlags]);
  const clients = child(file('./workspace-clients.ts'), ['child'], []);
  const ready = (await server.next('ready')) as ServerReady;
  await clients.next('child-ready');
  const memIdle = (await server.request<{ mem: Mem }>({ type: 'mem' })).mem;
  const snapshots = process.env.MEKENDESH_BENCH_HEAP_SNAPSHOTS;
  if (snapshots) await server.request({ type: 'snapshot', file: join(snapshots, `${mode}-idle.heapsnapshot`) });
  clients.send({ type: 'connect', wsBase: ready.wsBase, room: ready.room, tokens: ready.tokens, clients: o.clients });
  const connectMs = (await clients.next('connected')).ms as number;
  log(`  ${mode}: ${o.clients} clients connected and synced in ${Math.round(connectMs)} ms`);
  return {
    mode,
    server,
    clients,
    memIdle,
    connectMs,
    async close() {
      if (clients.proc.connected) {
        clients.send({ type: 'close' });
        await Promise.race([clients.next('closed').catch(() => {}), sleep(10_000)]);
      }
      if (clients.proc.connected) clients.proc.kill();
      if (server.proc.connected) await server.request({ type: 'stop' }).catch(() => {});
      await server.exited;
    },
  };
}

/**
 * Both servers side by side: the same phases on each in turn (who goes first alternates), so
 * the machine's other load falls on both alike.
 */
async function compare(o: Required<WorkspaceBenchOptions>, log: (s: string) => void): Promise<Record<'ours' | 'reference', SideResult>> {
  const sides: Side[] = [];
  const snapshots = process.env.MEKENDESH_BENCH_HEAP_SNAPSHOTS;
  try {
    sides.push(await openSide('ours', o, log));
    sides.push(await openSide('reference', o, log));
    const inTurn = (i: number) => (i % 2 === 0 ? sides : [...sides].reverse());
    // The latency run first, so both servers hold the same edits when their memory is read.
    const base = new Map<Side, PhaseRun>();
    for (const s of inTurn(0)) {
      const r = await runPhase(s.server, s.clients, { rate: o.rate, warmupMs: 2000, durationMs: o.seconds * 1000, drainMs: 1000, maxDrainMs: 30_000 });
      log(`  ${s.mode} latency ${describe(r)}`);
      base.set(s, r);
    }
    const memLoaded = new Map<Side, Mem>();
    for (const s of sides) {
      memLoaded.set(s, (await s.server.request<{ mem: Mem }>({ type: 'mem' })).mem);
      if (snapshots) await s.server.request({ type: 'snapshot', file: join(snapshots, `${s.mode}-loaded.heapsnapshot`) });
    }
    // Then the throughput steps. A step that does not keep up is tried once more (a few
    // seconds of another process's load on this machine can spoil one); a side stops at its
    // first step that fails twice.
    const ramp = new Map<Side, PhaseRun[]>(sides.map((s) => [s, []]));
    const sustained = new Map<Side, PhaseRun | null>(sides.map((s) => [s, null]));
    const going = new Set(sides);
    for (const [i, rate] of o.steps.entries()) {
      for (const s of inTurn(i + 1)) {
        if (!going.has(s)) continue;
        let r: PhaseRun | null = null;
        for (let attempt = 0; attempt < 2 && !(r && keptUp(r, o.budgetP95Ms)); attempt++) {
          r = await runPhase(s.server, s.clients, { rate, warmupMs: 1000, durationMs: o.stepSeconds * 1000, drainMs: 500, maxDrainMs: 15_000 });
          log(`  ${s.mode} step ${describe(r)}`);
        }
        ramp.get(s)!.push(r!);
        if (keptUp(r!, o.budgetP95Ms)) sustained.set(s, r);
        else going.delete(s);
      }
      if (!going.size) break;
    }
    const out = {} as Record<'ours' | 'reference', SideResult>;
    for (const s of sides) {
      const { logged = {} } = await s.server.request<{ logged?: Record<string, number> }>({ type: 'stats' });
      out[s.mode] = { mode: s.mode, base: base.get(s)!, ramp: ramp.get(s)!, sustained: sustained.get(s)!, memIdle: s.memIdle, memLoaded: memLoaded.get(s)!, connectMs: s.connectMs, logged };
    }
    return out;
  } finally {
    for (const s of sides) await s.close();
  }
}

/** Figure 3: 1,000 documents opened, synced and left on our server; heap back to its baseline? */
async function idleDocuments(count: number, log: (s: string) => void) {
  const server = child(file('./workspace-server.ts'), ['ours', JSON.stringify({ users: 1, workspaces: { idleUnloadMs: 100 } })], ['--expose-gc']);
  try {
    const ready = (await server.next('ready')) as ServerReady;
    const { ids, token } = await server.request<{ ids: string[]; token: string }>({ type: 'projects', count: 2 * count + 1 });
    const snapshots = process.env.MEKENDESH_BENCH_HEAP_SNAPSHOTS;
    const stats = () => server.request<{ loaded: number; connections: number }>({ type: 'stats' });
    const until = async (cond: (s: { loaded: number; connections: number }) => boolean, what: string) => {
      const end = Date.now() + 60_000;
      for (;;) {
        const s = await stats();
        if (cond(s)) return s;
        if (Date.now() > end) throw new Error(`timed out: ${what} (${JSON.stringify(s)})`);
        await sleep(50);
      }
    };
    /** Opens the documents (`parallel` at a time), each client syncing and making two edits. */
    const open = async (docs: string[], parallel: number) => {
      const open: LeanClient[] = [];
      for (let i = 0; i < docs.length; i += parallel) {
        await Promise.all(
          docs.slice(i, i + parallel).map(async (doc, j) => {
            const c = new LeanClient({ url: `${ready.wsBase}${doc}`, token, index: i + j });
            await c.whenSynced;
            c.edit();
            c.edit();
            open.push(c);
          }),
        );
      }
      return open;
    };
    const closeAll = async (cs: LeanClient[]) => {
      // The edits are on the wire before the close frame; the server has them once it sees the close.
      await Promise.all(cs.map((c) => c.close()));
      await until((s) => s.connections === 0 && s.loaded === 0, 'rooms unloaded');
      await sleep(300);
    };
    const mem = async (name: string) => {
      const m = (await server.request<{ mem: Mem }>({ type: 'mem' })).mem;
      if (snapshots) await server.request({ type: 'snapshot', file: join(snapshots, `${name}.heapsnapshot`) });
      return m;
    };
    // Warm-up: one document through the whole path (route, room, flush, unload), then the baseline.
    await closeAll(await open(ids.slice(0, 1), 1));
    const baseline = await mem('baseline');
    const t0 = performance.now();
    const clients = await open(ids.slice(1, count + 1), 50);
    const openMs = performance.now() - t0;
    await until((s) => s.loaded === count, 'all loaded');
    await sleep(200); // the last flush timers (20 ms)
    const loaded = await mem('loaded');
    const t1 = performance.now();
    await closeAll(clients);
    const unloadMs = performance.now() - t1;
    const after = await mem('after');
    // A second round of as many other documents: what the first left behind that is not
    // per document (V8's compiled code for the paths now hot) does not grow again.
    await closeAll(await open(ids.slice(count + 1), 50));
    const again = await mem('again');
    log(`  idle docs: baseline heap ${mib(baseline.heapUsed)} MiB rss ${mib(baseline.rss)}; ${count} open heap ${mib(loaded.heapUsed)} rss ${mib(loaded.rss)}; after unload heap ${mib(after.heapUsed)} rss ${mib(after.rss)}; after a second round heap ${mib(again.heapUsed)} rss ${mib(again.rss)}`);
    return { baseline, loaded, after, again, openMs, unloadMs };
  } finally {
    if (server.proc.connected) await server.request({ type: 'stop' }).catch(() => {});
    await server.exited;
  }
}

export default async function run(opts: WorkspaceBenchOptions = {}): Promise<BenchResult[]> {
  const o: Required<WorkspaceBenchOptions> = {
    clients: 100,
    rate: 10,
    seconds: 20,
    steps: [1, 2, 5, 10, 15, 20],
    stepSeconds: 3,
    idleDocs: 1000,
    budgetP95Ms: 50,
    serverFlags: [],
    parts: ['compare', 'idle'],
    ...opts,
  };
  const results: BenchResult[] = [];
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const report = (r: BenchResult) => {
    results.push(r);
    log(`  ${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
  };
  if (o.parts.includes('compare')) reportCompare(await compare(o, log), o, report);
  if (o.parts.includes('idle')) reportIdle(await idleDocuments(o.idleDocs, log), o, report);
  return results;
}

function reportCompare({ ours, reference: ref }: Record<'ours' | 'reference', SideResult>, o: Required<WorkspaceBenchOptions>, report: (r: BenchResult) => void) {
  // 1. Latency.
  const l = ours.base.result;
  const lr = ref.base.result;
  const label = `${o.clients} clients × ${o.rate} edits/s, ${o.seconds} s`;
  report({ name: `latency p50, edit → each other client, ${label}`, value: ms(l.p50), unit: 'ms', note: `reference ${ms(lr.p50)} ms` });
  report({ name: `latency p95 (budget ${o.budgetP95Ms} ms)`, value: ms(l.p95), unit: 'ms', note: `reference ${ms(lr.p95)} ms; ${l.p95 <= o.budgetP95Ms ? 'within budget' : 'OVER BUDGET'}` });
  report({ name: 'latency p99', value: ms(l.p99), unit: 'ms', note: `reference ${ms(lr.p99)} ms; max ${ms(l.max)} ms, reference ${ms(lr.max)} ms` });
  report({ name: 'edits delivered to every other client', value: l.delivered, unit: `of ${l.expected}`, note: `reference ${lr.delivered} of ${lr.expected}; connections closed ${l.closed} / ${lr.closed}` });
  report({ name: 'server CPU during the latency run (share of one core)', value: Math.round(ours.base.serverCpuShare * 100), unit: '%', note: `reference ${Math.round(ref.base.serverCpuShare * 100)} %` });
  report({ name: 'client process during the latency run (event-loop utilisation)', value: ms(l.clientElu), unit: '', note: `reference run ${ms(lr.clientElu)}` });

  // 2. Throughput and memory against the reference.
  const offered = o.clients * o.rate * (o.clients - 1);
  report({
    name: `throughput: deliveries arriving per second during the latency run (${offered.toLocaleString('en')}/s offered), ours`,
    value: Math.round(l.arrivedPerSecond),
    unit: 'deliveries/s',
    note: `reference ${Math.round(lr.arrivedPerSecond)}/s`,
  });
  report({ name: 'throughput, ours / reference (target ≥ 1.0)', value: ratio(l.arrivedPerSecond, lr.arrivedPerSecond), unit: '×' });
  const sus = (s: SideResult) => (s.sustained ? s.sustained.result.deliveredPerSecond : 0);
  const steps = (s: SideResult) =>
    s.ramp.map((r) => `${r.result.rate}/s: p95 ${ms(r.result.p95)} ms${r.result.delivered >= r.result.expected ? '' : `, ${r.result.delivered}/${r.result.expected}`}, CPU ${Math.round(r.serverCpuShare * 100)} %`).join('; ');
  report({ name: 'sustained delivery rate (highest step: every edit delivered, p95 within budget), ours', value: Math.round(sus(ours)), unit: 'deliveries/s', note: `${ours.sustained?.result.rate ?? 0} edits/s per client; steps ${steps(ours)}` });
  report({ name: 'sustained delivery rate, reference', value: Math.round(sus(ref)), unit: 'deliveries/s', note: `${ref.sustained?.result.rate ?? 0} edits/s per client; steps ${steps(ref)}` });
  if (sus(ref) > 0) report({ name: 'sustained delivery rate, ours / reference', value: ratio(sus(ours), sus(ref)), unit: '×' });
  // CPU per delivery at the steps both kept up with (neither saturated).
  const both = ours.ramp.filter((r) => keptUp(r, o.budgetP95Ms) && ref.ramp.some((x) => x.result.rate === r.result.rate && keptUp(x, o.budgetP95Ms)));
  const perK = (r: PhaseRun) => r.serverCpuMs / (r.result.delivered / 1000);
  if (both.length) {
    const mine = both.reduce((a, r) => a + perK(r), 0) / both.length;
    const theirs = both.reduce((a, r) => a + perK(ref.ramp.find((x) => x.result.rate === r.result.rate)!), 0) / both.length;
    report({ name: 'server CPU per 1,000 deliveries (steps both kept up with)', value: ms(mine), unit: 'ms', note: `reference ${ms(theirs)} ms; steps ${both.map((r) => r.result.rate).join(', ')}/s; ours / reference ${ratio(mine, theirs)}×` });
  }
  for (const [name, key] of [['RSS', 'rss'], ['heap used', 'heapUsed']] as const) {
    report({ name: `server ${name} before clients (after gc)`, value: mib(ours.memIdle[key]), unit: 'MiB', note: `reference ${mib(ref.memIdle[key])} MiB` });
    report({ name: `server ${name}, ${o.clients} clients connected, after the latency run (after gc)`, value: mib(ours.memLoaded[key]), unit: 'MiB', note: `reference ${mib(ref.memLoaded[key])} MiB; ours / reference ${ratio(ours.memLoaded[key], ref.memLoaded[key])}×` });
    // (RSS is not compared as a difference: what the sign-ups and start-up freed goes back to
    // the system at the allocator's pace, so it can shrink while the heap grows.)
    if (key === 'heapUsed') {
      const grow = (s: SideResult) => s.memLoaded[key] - s.memIdle[key];
      report({ name: `server ${name} added by the clients and the document`, value: mib(grow(ours)), unit: 'MiB', note: `reference ${mib(grow(ref))} MiB; ours / reference ${ratio(grow(ours), grow(ref))}×` });
    }
  }
  report({ name: 'server peak RSS during the latency run (no gc)', value: mib(ours.base.peakRss), unit: 'MiB', note: `reference ${mib(ref.base.peakRss)} MiB` });
  if (Object.keys(ours.logged).length) report({ name: 'our server logged', value: Object.values(ours.logged).reduce((a, b) => a + b, 0), unit: 'warnings', note: JSON.stringify(ours.logged) });
}

function reportIdle(idle: Awaited<ReturnType<typeof idleDocuments>>, o: Required<WorkspaceBenchOptions>, report: (r: BenchResult) => void) {
  report({ name: 'heap baseline: server started, one document opened and unloaded (after gc)', value: mib(idle.baseline.heapUsed), unit: 'MiB', note: `RSS ${mib(idle.baseline.rss)} MiB` });
  report({ name: `heap with ${o.idleDocs} documents open (after gc)`, value: mib(idle.loaded.heapUsed), unit: 'MiB', note: `RSS ${mib(idle.loaded.rss)} MiB; opened in ${Math.round(idle.openMs)} ms` });
  report({ name: 'heap after their clients left and the rooms unloaded (after gc)', value: mib(idle.after.heapUsed), unit: 'MiB', note: `RSS ${mib(idle.after.rss)} MiB; all unloaded ${Math.round(idle.unloadMs)} ms after the closes began` });
  report({ name: 'heap after unload / baseline (target ≤ 1.1)', value: Math.round((idle.after.heapUsed / idle.baseline.heapUsed) * 1000) / 1000, unit: '×' });
  report({ name: `heap after a second round of ${o.idleDocs} other documents`, value: mib(idle.again.heapUsed), unit: 'MiB', note: `RSS ${mib(idle.again.rss)} MiB; / after the first round ${Math.round((idle.again.heapUsed / idle.after.heapUsed) * 1000) / 1000}×` });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const r of await run(seconds ? { seconds } : {})) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
