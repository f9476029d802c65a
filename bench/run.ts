// `npm run bench`: runs every benchmark, prints a table and writes the numbers to
// bench/results/latest.json. Benchmarks report; they never fail on time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './bench-result';

const suites: [string, () => Promise<{ run: () => Promise<BenchResult[]> }>][] = [
  ['simulator', () => import('./simulator.bench')],
  ['judge', () => import('./judge.bench')],
  ['audit', () => import('./audit.bench')],
  ['first-render', () => import('./first-render.bench')],
  ['audit-view', () => import('./audit-view.bench')],
  ['what-changed', () => import('./what-changed.bench')],
  ['pause-everything', () => import('./pause-everything.bench')],
  ['migrations', () => import('./migrations.bench')],
  ['migrations-postgres', () => import('./migrations-postgres.bench')],
  ['hanging-connection', () => import('./hanging-connection.bench')],
  ['argo-watch', () => import('./argo-watch-latency.bench')],
  ['freeze-windows', () => import('./freeze-windows.bench')],
  ['drills', () => import('./drills.bench')],
  ['unleash', () => import('./unleash.bench')],
  ['flags-service', () => import('./flags-service.bench')],
];

const only = process.argv.slice(2);
const results: BenchResult[] = [];
const failures: string[] = [];
for (const [name, load] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  try {
    results.push(...(await (await load()).run()));
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const rows = results.map((r) => [
  r.name,
  `${r.value} ${r.unit}`,
  r.target ?? '',
  r.meetsTarget === undefined ? '' : r.meetsTarget ? 'yes' : 'NO',
  r.description,
]);
const headers = ['benchmark', 'value', 'target', 'meets', 'what'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log([line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));

const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'latest.json');
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, results, failures }, null, 2)}\n`,
);
console.log(`\nwritten to ${file}`);
if (failures.length > 0) {
  console.error(`\nbenchmarks that could not run:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
