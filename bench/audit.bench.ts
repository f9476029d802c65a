// Audit log benchmarks: durable append rate (each append fsyncs) and full-chain verification time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AuditRecord } from '../src/shared/domain';
import { ManualClock, isoTime } from '../src/main/core/clock';
import { AuditLog } from '../src/main/core/audit/audit-log';
import { GENESIS_PREV, hashRecord } from '../src/main/core/audit/record-hash';
import { verifyAuditFile } from '../src/main/core/audit/verify-audit';
import type { BenchResult } from './bench-result';

const APPENDS = 2_000;
/** Stop appending early on a slow disk so the whole run stays well under 30 s. */
const APPEND_BUDGET_MS = 8_000;
const VERIFY_RECORDS = 100_000;
const VERIFY_TARGET_MS = 2_000;
const START = Date.UTC(2025, 0, 1);

function entry(i: number) {
  return {
    actor: i % 3 === 0 ? 'alice@example.com' : 'deploy-bot',
    kind: i % 5 === 0 ? 'rollout.pause' : 'rollout.promote',
    target: `checkout-api/rollout-${i % 97}`,
    reason: `Step ${i % 8} promoted after analysis passed: error rate 0.${i % 10}% vs baseline`,
    details: { idempotencyKey: `key-${i}`, rolloutId: `r-${i % 97}`, step: i % 8, weight: (i % 8) * 12.5 },
  };
}

function benchAppends(dir: string): BenchResult {
  const log = AuditLog.open(path.join(dir, 'append.jsonl'), new ManualClock(START));
  const started = performance.now();
  let n = 0;
  while (n < APPENDS && performance.now() - started < APPEND_BUDGET_MS) log.append(entry(n++));
  const seconds = (performance.now() - started) / 1000;
  return {
    name: 'audit.append.fsync',
    description: `Audit appends per second, each written and fsynced, then its head checkpoint, before returning (${n} appends)`,
    value: Math.round(n / seconds),
    unit: 'records/s',
  };
}

/** A valid chain written in one go (no fsync per record): only the verify time is under test. */
function writeChain(file: string, count: number): void {
  const lines: string[] = [];
  let prev = GENESIS_PREV;
  for (let i = 0; i < count; i++) {
    const unhashed = { seq: i + 1, time: isoTime(START + i * 1000), ...entry(i), prev };
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed) };
    lines.push(JSON.stringify(record));
    prev = record.hash;
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function benchVerify(dir: string): BenchResult {
  const file = path.join(dir, 'verify.jsonl');
  writeChain(file, VERIFY_RECORDS);
  verifyAuditFile(file); // warm-up: JIT and page cache, as a second `audit verify` would see
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const result = verifyAuditFile(file);
    times.push(performance.now() - started);
    if (!result.ok || result.records !== VERIFY_RECORDS) {
      throw new Error(`benchmark chain did not verify: ${JSON.stringify(result)}`);
    }
  }
  const median = [...times].sort((a, b) => a - b)[1] as number;
  return {
    name: 'audit.verify.100k',
    description: `verifyAuditFile on ${VERIFY_RECORDS.toLocaleString('en')} records (${(fs.statSync(file).size / 1e6).toFixed(1)} MB), median of 3`,
    value: Math.round(median),
    unit: 'ms',
    target: `< ${VERIFY_TARGET_MS} ms`,
    meetsTarget: median < VERIFY_TARGET_MS,
  };
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
  try {
    return [benchAppends(dir), benchVerify(dir)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
