import { generateRosterCsv, readTable, detectHeader, planImport } from '@mekendesh/import';
const g = generateRosterCsv(50000);
const bytes = new TextEncoder().encode(g.csv);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const r = await readTable(bytes, 'x.csv');
if (!r.ok) throw 0;
const { mapping } = detectHeader(r.table.rows);
for (let k = 0; k < 3; k++) {
  let c0 = cpu(); let w0 = performance.now();
  planImport({ rows: r.table.rows, mapping });
  console.log('plan cpu', Math.round(cpu() - c0), 'wall', Math.round(performance.now() - w0));
}
