/**
 * Roster import (`@mekendesh/import`): planning a 50,000-row CSV as a leader's Excel writes it
 * (UTF-8 with BOM, `;`, Russian headers, phones in five spellings, known duplicates and bad
 * rows), from bytes to plan: read (decode, delimiter, Papa Parse) + header detection + per-row
 * conversion and validation + duplicates. Budget: 10 s. Baseline in the same process: Papa
 * Parse alone over the same bytes (decode + parse), the floor any CSV import pays.
 *
 * Also: one XLSX round of the same roster (export the planned entries with exceljs, read them
 * back), since many leaders keep .xlsx.
 *
 * The file is generated (deterministically) into a temporary directory and read back from disk.
 * Direct run: `pnpm tsx bench/import.bench.ts [rows]`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { detectHeader, exportRosterXlsx, generateRosterCsv, planImport, readTable, type ExportColumn } from '@mekendesh/import';
import type { BenchResult } from './types.ts';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function planFile(bytes: Uint8Array, name: string) {
  const t0 = performance.now();
  const read = await readTable(bytes, name);
  if (!read.ok) throw new Error(`${name}: ${read.reason}`);
  const t1 = performance.now();
  const { headerRow, mapping } = detectHeader(read.table.rows);
  const plan = planImport({ rows: read.table.rows, mapping, headerRow });
  const t2 = performance.now();
  return { plan, readMs: t1 - t0, planMs: t2 - t1, totalMs: t2 - t0 };
}

export default async function run(rows = 50_000): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mekendesh-import-bench-'));
  try {
    const generated = generateRosterCsv(rows);
    const file = join(dir, `roster-${rows}.csv`);
    writeFileSync(file, `\uFEFF${generated.csv}`);
    const bytes = new Uint8Array(readFileSync(file));

    // One round to warm the JIT and the lookups' memo tables, as a running app would be.
    const warm = await planFile(bytes, 'roster.csv');
    if (warm.plan.summary.create !== generated.expected.create || warm.plan.summary.invalid !== generated.expected.invalid) {
      throw new Error(`plan differs from the generator: ${JSON.stringify(warm.plan.summary)} vs ${JSON.stringify(generated.expected)}`);
    }

    const total: number[] = [];
    const readMs: number[] = [];
    const planMs: number[] = [];
    const cpu: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved with the baseline so both see the same machine load.
      const c0 = cpuMs();
      const r = await planFile(bytes, 'roster.csv');
      cpu.push(cpuMs() - c0);
      total.push(r.totalMs);
      readMs.push(r.readMs);
      planMs.push(r.planMs);
      const b0 = performance.now();
      const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes), { delimiter: ';' });
      baseline.push(performance.now() - b0);
      if (parsed.data.length < rows) throw new Error('baseline parse lost rows');
    }

    // XLSX: the planned entries exported, then read and planned again (one round: exceljs is slow).
    const columns: ExportColumn[] = ['nameCyrillic', 'phone', 'email', 'country', 'city', 'homeRegion', 'role', 'tags', 'groups', 'joinedOn', 'renewalDate', 'notes'];
    const x0 = performance.now();
    const xlsx = await exportRosterXlsx(warm.plan.creates.map((c) => c.fields), columns, 'ru');
    const exportMs = performance.now() - x0;
    const xr = await planFile(xlsx, 'roster.xlsx');
    if (xr.plan.summary.create !== warm.plan.summary.create) throw new Error(`XLSX round trip lost rows: ${xr.plan.summary.create}`);

    const s = warm.plan.summary;
    return [
      { name: `CSV ${rows.toLocaleString('en')} rows (${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB): read + detect + validate + duplicates, median of ${RUNS}`, value: Math.round(median(total)), unit: 'ms', note: `budget 10,000 ms; min ${Math.round(Math.min(...total))}, max ${Math.round(Math.max(...total))}` },
      { name: '  of which read (decode + parse)', value: Math.round(median(readMs)), unit: 'ms' },
      { name: '  of which plan (convert, validate, duplicates)', value: Math.round(median(planMs)), unit: 'ms' },
      { name: '  CPU time of one planning (all threads, GC included)', value: Math.round(median(cpu)), unit: 'ms' },
      { name: 'baseline: Papa Parse alone, same bytes, median', value: Math.round(median(baseline)), unit: 'ms' },
      { name: 'planning / baseline', value: Math.round((median(total) / median(baseline)) * 10) / 10, unit: '×' },
      { name: 'per row', value: Math.round((median(total) / rows) * 1000) / 1000, unit: 'ms' },
      { name: 'plan', value: s.create, unit: 'to create', note: `${s.skipped} duplicates skipped, ${s.invalid} invalid (${Object.entries(s.byReason).map(([k, v]) => `${k} ${v}`).join(', ')})` },
      { name: `XLSX: export ${s.create.toLocaleString('en')} entries (exceljs)`, value: Math.round(exportMs), unit: 'ms', note: `${(xlsx.byteLength / 2 ** 20).toFixed(1)} MiB` },
      { name: 'XLSX: read + plan them back, one round', value: Math.round(xr.totalMs), unit: 'ms', note: `read ${Math.round(xr.readMs)} ms` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
