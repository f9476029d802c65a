// What the flags service costs: the list over a 500-flag flagd file read afresh (a due re-read) and
// answered from the last read (every Flags view refresh in between), and one change end to end:
// precondition read, file spliced and renamed, `flag.changed` fsynced.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FlagsFile } from '../src/main/backends/flagd-file/flags-file';
import { AuditLog } from '../src/main/core/audit/audit-log';
import { AuditWriter } from '../src/main/core/audit/audit-writer';
import { ManualClock } from '../src/main/core/clock';
import { FlagsService } from '../src/main/core/flags/flags-service';
import type { BenchResult } from './bench-result';

const FLAGS = 500;

function flagFile(): string {
  const flags = Object.fromEntries(
    Array.from({ length: FLAGS }, (_, i) => [
      `flag-${i}`,
      {
        state: i % 2 ? 'ENABLED' : 'DISABLED',
        variants: { on: true, off: false },
        defaultVariant: 'off',
        targeting: { fractional: [{ var: 'email' }, ['on', i % 100], ['off', 100 - (i % 100)]] },
        metadata: { owner: `team-${i % 7}`, services: `svc-${i % 13}` },
      },
    ]),
  );
  return JSON.stringify({ flags }, null, 2);
}

async function perCall(n: number, call: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await call(i);
  return (performance.now() - start) / n;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-flags-'));
  try {
    const path = join(dir, 'flags.json');
    writeFileSync(path, flagFile());
    const clock = new ManualClock(Date.parse('2026-12-01T12:00:00Z'));
    const audit = AuditLog.open(join(dir, 'audit.jsonl'), clock);
    const service = new FlagsService({
      backends: [new FlagsFile({ name: 'bench', path, environment: 'production' })],
      writer: new AuditWriter(audit, clock),
      history: () => audit.history(),
      freezes: { active: () => [] },
      clock,
      wallNow: () => clock.now(),
      publish: () => {},
    });
    // Each call a poll interval later: the file is read and checked again.
    const fresh = await perCall(30, () => {
      clock.advance(16_000);
      return service.list({});
    });
    const cached = await perCall(200, () => service.list({}));
    const change = await perCall(30, (i) =>
      service.change(
        {
          flag: `flag-${i}`,
          environment: 'production',
          change: { kind: 'set-rollout', percent: (i % 99) + 1 },
          idempotencyKey: `bench-${i}`,
        },
        'bench',
      ),
    );
    audit.close();
    return [
      {
        name: 'flags.list.500.read',
        description: `Flags list over a ${FLAGS}-flag flagd file, read and schema-checked afresh (a due re-read)`,
        value: Number(fresh.toFixed(1)),
        unit: 'ms',
      },
      {
        name: 'flags.list.500.cached',
        description: 'The same list answered from the last read (a view refresh between polls)',
        value: Number(cached.toFixed(2)),
        unit: 'ms',
      },
      {
        name: 'flags.change.flagd',
        description: `One set-rollout on the ${FLAGS}-flag file: read, precondition, splice, rename, flag.changed fsynced`,
        value: Number(change.toFixed(1)),
        unit: 'ms',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
