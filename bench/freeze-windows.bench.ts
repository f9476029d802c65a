// What the release freeze costs per ask with scheduled windows: one weekly window's state (computed
// with Intl across five weeks of closures), and the freezes of ten windows, computed and cached.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditLog } from '../src/main/core/audit/audit-log';
import { AuditWriter } from '../src/main/core/audit/audit-writer';
import { ManualClock } from '../src/main/core/clock';
import { configSchema } from '../src/main/core/config/config-schema';
import { FreezeWindowService } from '../src/main/core/freeze-windows/freeze-window-service';
import { windowState } from '../src/main/core/freeze-windows/window-schedule';
import type { BenchResult } from './bench-result';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Australia/Sydney'];

function perCall(n: number, call: (i: number) => void): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) call(i);
  return ((performance.now() - start) / n) * 1000;
}

export async function run(): Promise<BenchResult[]> {
  const config = configSchema.parse({
    freezeWindows: ZONES.flatMap((timezone, i) => [
      { name: `weekend-${i}`, timezone, weekly: { from: 'Fri 16:00', to: 'Mon 08:00' } },
      {
        name: `nights-${i}`,
        timezone,
        weekly: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], from: '22:00', to: '06:00' },
      },
    ]),
  });
  const [nights] = config.freezeWindows.filter((w) => w.name === 'nights-0');
  const start = Date.parse('2026-03-27T12:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'bench-freeze-windows-'));
  try {
    const clock = new ManualClock(start);
    const service = new FreezeWindowService({
      windows: config.freezeWindows,
      configPath: join(dir, 'config.yaml'),
      schema: configSchema,
      writer: new AuditWriter(AuditLog.open(join(dir, 'audit.jsonl'), clock), clock),
      clock,
      publish: () => {},
    });
    // A new minute each call defeats the cache only when a window opens or closes in it: step a week.
    const state = nights ? perCall(2000, (i) => windowState(nights, start + i * 61_000)) : Number.NaN;
    const cold = perCall(200, (i) => {
      clock.set(start + i * 7 * 86_400_000);
      service.active();
    });
    clock.set(start);
    service.active();
    const cached = perCall(20_000, () => service.active());
    return [
      {
        name: 'freeze-windows.state',
        description:
          'State of one weekday-nights window (5 spans, Europe/Berlin): in force, reopen, next closure',
        value: Number(state.toFixed(0)),
        unit: 'µs',
      },
      {
        name: 'freeze-windows.active.10',
        description:
          'Freezes of 10 windows in 5 zones, computed (the first ask after a window opens or closes)',
        value: Number(cold.toFixed(0)),
        unit: 'µs',
      },
      {
        name: 'freeze-windows.active.10.cached',
        description:
          'The same, asked again before any window opens or closes (every rollout view, every tick)',
        value: Number(cached.toFixed(1)),
        unit: 'µs',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
