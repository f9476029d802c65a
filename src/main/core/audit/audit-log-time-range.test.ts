// audit.list's time range: inclusive ISO bounds, checked at the boundary with a clear error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rolloutApiInputSchemas } from '../../../shared/api/rollout-api';
import { ManualClock } from '../clock';
import { AuditLog } from './audit-log';

const START = Date.UTC(2026, 10, 27, 12);
let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Records at 12:00, 12:10, 12:20, 12:30 and, after the simulated clock was set back, 12:05. */
function seeded(): AuditLog {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-range-'));
  const clock = new ManualClock(START);
  const log = AuditLog.open(path.join(dir, 'audit.jsonl'), clock);
  for (const minute of [0, 10, 20, 30, 5]) {
    clock.set(START + minute * 60_000);
    log.append({ actor: 'alice', kind: 'rollout.paused', target: `t${minute}`, reason: '' });
  }
  return log;
}

const at = (minute: number) => new Date(START + minute * 60_000).toISOString();

describe('audit.list between two times', () => {
  it('keeps records whose time is within the bounds, both inclusive, newest first', () => {
    const log = seeded();
    const targets = (from?: string, to?: string) =>
      log.list({ from, to, limit: 100 }).records.map((r) => r.target);
    expect(targets(at(10), at(20))).toEqual(['t20', 't10']);
    expect(targets(at(5))).toEqual(['t5', 't30', 't20', 't10']);
    expect(targets(undefined, at(9))).toEqual(['t5', 't0']);
    expect(log.list({ from: at(11), to: at(19), limit: 100 })).toEqual({ records: [], total: 0 });
    // An offset is the same instant.
    expect(targets('2026-11-27T13:10:00+01:00', '2026-11-27T13:10:00+01:00')).toEqual(['t10']);
  });

  it('refuses a time that is not ISO 8601, or a range that ends before it starts, naming the field', () => {
    const schema = rolloutApiInputSchemas['audit.list'];
    const notATime = schema.safeParse({ from: 'yesterday' });
    expect(notATime.success).toBe(false);
    expect(notATime.error?.issues[0]?.path).toEqual(['from']);
    const backwards = schema.safeParse({ from: at(20), to: at(10) });
    expect(backwards.error?.issues[0]).toMatchObject({
      path: ['from'],
      message: 'from must not be after to',
    });
    expect(schema.parse({ from: at(10), to: at(20) })).toMatchObject({ from: at(10), to: at(20) });
  });
});
