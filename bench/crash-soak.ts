// `npm run soak`: the crash test of `npm test` at 300 cycles (kill -9 at random moments while
// actions are in flight, restart, check). Six workspaces of 50 cycles each, so the fleet's steps
// last. Prints a table and writes bench/results/soak.json; exits 1 when anything was lost.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild } from '../test/support/ensure-build';
import { emptyCrashReport, prepareWorkspace, runCrashCycles } from '../test/support/crash-cycles';

const CYCLES = Number(process.env.SOAK_CYCLES ?? 300);
const PER_WORKSPACE = 50;

ensureBuild(join(import.meta.dirname, '..'));
const total = emptyCrashReport();
const medians: number[] = [];
for (let done = 0; done < CYCLES; done += PER_WORKSPACE) {
  const workspace = mkdtempSync(join(tmpdir(), 'soak-'));
  prepareWorkspace(workspace);
  const cycles = Math.min(PER_WORKSPACE, CYCLES - done);
  const report = await runCrashCycles({
    cycles,
    workspace,
    onCycle: (n, r) =>
      process.stderr.write(
        `\r${done + n}/${CYCLES} cycles, ${total.acknowledged + r.acknowledged} acknowledged`,
      ),
  });
  rmSync(workspace, { recursive: true, force: true });
  for (const key of [
    'cycles',
    'acknowledged',
    'lost',
    'appliedTwice',
    'inFlightRetried',
    'inFlightAlreadyApplied',
    'controllerMismatches',
    'brokenChains',
    'totalMs',
  ] as const)
    total[key] += report[key];
  total.failures.push(...report.failures.slice(0, 20 - total.failures.length));
  medians.push(report.restartMedianMs);
}
process.stderr.write('\n');
total.restartMedianMs = medians.sort((a, b) => a - b)[Math.floor(medians.length / 2)] ?? 0;

const rows: [string, string][] = [
  ['kill -9 cycles', String(total.cycles)],
  ['actions acknowledged before a kill', String(total.acknowledged)],
  ['acknowledged effects lost', String(total.lost)],
  ['keys applied twice', String(total.appliedTwice)],
  ['in-flight requests retried after a restart', String(total.inFlightRetried)],
  ['  of which had been applied before the kill', String(total.inFlightAlreadyApplied)],
  ['controller changes missing from the log or the world', String(total.controllerMismatches)],
  ['restarts whose audit chain did not verify', String(total.brokenChains)],
  ['restart until the API answers (median)', `${total.restartMedianMs} ms`],
  ['total time', `${(total.totalMs / 1000).toFixed(1)} s`],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v} |`).join('\n'));
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'soak.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, ...total }, null, 2)}\n`,
);
if (total.failures.length > 0) console.error(`\nproblems:\n  ${total.failures.join('\n  ')}`);
if (total.lost > 0 || total.appliedTwice > 0 || total.controllerMismatches > 0 || total.brokenChains > 0)
  process.exitCode = 1;
