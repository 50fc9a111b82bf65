import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RosterEntryFieldsSchema } from '@mekendesh/core';
import { generateRosterCsv } from './generate.ts';
import { detectHeader } from './mapping.ts';
import { planImport } from './plan.ts';
import { readTable } from './read.ts';

const dir = mkdtempSync(join(tmpdir(), 'mekendesh-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 50,000-row roster file', () => {
  it('the generator is deterministic', () => {
    expect(generateRosterCsv(300, 7).csv).toBe(generateRosterCsv(300, 7).csv);
    expect(generateRosterCsv(300, 7).csv).not.toBe(generateRosterCsv(300, 8).csv);
  });

  it('is planned exactly: counts, reasons, duplicates and spot checks', async () => {
    const generated = generateRosterCsv(50_000);
    const file = join(dir, 'roster-50000.csv');
    writeFileSync(file, `\uFEFF${generated.csv}`);
    const bytes = new Uint8Array(readFileSync(file));

    const started = performance.now();
    const read = await readTable(bytes, 'roster-50000.csv');
    if (!read.ok) throw new Error(read.reason);
    const { headerRow, mapping } = detectHeader(read.table.rows);
    const plan = planImport({ rows: read.table.rows, mapping, headerRow });
    const ms = performance.now() - started;

    expect(read.table).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';' });
    expect(read.table.rows).toHaveLength(50_001);
    const { expected } = generated;
    expect(plan.summary).toMatchObject({ rows: 50_000, create: expected.create, skipped: expected.skipped, invalid: expected.invalid, merge: 0 });
    expect(plan.summary.byReason).toEqual(expected.byReason);
    expect(plan.creates).toHaveLength(expected.create);

    // Every row as the generator meant it (mismatches collected: 50,000 expects would be slow).
    const byLine = new Map(plan.rows.map((r) => [r.line, r]));
    const wrong: string[] = [];
    for (const g of generated.rows) {
      const r = byLine.get(g.line)!;
      const got =
        g.status === 'invalid' ? [r.status, r.issues.map((i) => i.reason).join()]
        : g.status === 'skip' ? [r.status, JSON.stringify(r.duplicate?.of)]
        : [r.status, r.fields?.phone, r.fields?.email, r.fields?.country];
      const want =
        g.status === 'invalid' ? ['invalid', g.reason]
        : g.status === 'skip' ? ['skip', JSON.stringify({ line: g.duplicateOf })]
        : ['create', g.phone, g.email, g.country];
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`line ${g.line}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);

    // A few rows in full.
    const first = plan.creates[0]!;
    expect(first.line).toBe(2);
    expect(first.fields).toMatchObject({ nameCyrillic: generated.rows[0]!.name, city: generated.rows[0]!.city, role: 'leader' });
    expect(plan.creates.find((c) => c.line === 502)!.fields.role).toBe('secretary');
    expect(plan.creates.find((c) => c.line === 52)!.fields.notes).toBe('Позвонить после 18:00;\nговорит по-русски');

    // What would be created passes the roster's own schema (planImport does not run it per row).
    expect(plan.creates.filter((c) => !RosterEntryFieldsSchema.safeParse(c.fields).success).map((c) => c.line)).toEqual([]);

    // Generous here (tests share the machine); the benchmark holds the 10 s budget.
    expect(ms).toBeLessThan(45_000);
  });
});
