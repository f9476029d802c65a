// Browser mode's audit view over 100,000 records (25,000 actions of request → change → outcome plus
// controller changes): time to show the grouped entries, and to apply a time range and a filter.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { AuditRecord } from '../src/shared/domain';
import { isoTime } from '../src/main/core/clock';
import { GENESIS_PREV, hashRecord } from '../src/main/core/audit/record-hash';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServe, stopServe } from '../e2e/fixtures';
import type { BenchResult } from './bench-result';

const ACTIONS = 25_000;
const RECORDS = ACTIONS * 4;
/** Before the demo world's start, so its own records come after these. */
const START = Date.UTC(2025, 0, 1);

function writeLog(file: string): void {
  const lines: string[] = [];
  let prev = GENESIS_PREV;
  let seq = 0;
  const push = (actor: string, kind: string, target: string, details: Record<string, unknown>) => {
    seq++;
    const unhashed = {
      seq,
      time: isoTime(START + seq * 1000),
      actor,
      kind,
      target,
      reason: '',
      details,
      prev,
    };
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed) };
    lines.push(JSON.stringify(record));
    prev = record.hash;
  };
  for (let i = 0; i < ACTIONS; i++) {
    const target = `svc-${i % 97}-prod`;
    const base = { action: 'pause', idempotencyKey: `bench-${i}`, revision: i };
    push('alice', 'action.requested', target, base);
    push('alice', 'rollout.paused', target, { message: 'Paused', revision: i + 1 });
    push('alice', 'action.succeeded', target, { ...base, message: 'Paused' });
    push('controller', 'rollout.step-started', `svc-${(i + 7) % 97}-prod`, { message: 'Step', revision: i });
  }
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

async function timed(act: () => Promise<unknown>, done: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await act();
  await done();
  return Date.now() - started;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-view-'));
  writeLog(join(dir, 'audit.jsonl'));
  const serve = await startServe(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(serve.url);
    await page.getByTestId('fleet-count').waitFor();
    const base = page.url().replace(/#.*$/, '');
    const count = page.getByTestId('audit-count');
    const open = await timed(
      () => page.goto(`${base}#/audit`),
      () =>
        count
          .filter({ hasText: /^100,000 (of [\d,]+ )?records · [\d,]+ entries/ })
          .waitFor({ timeout: 120_000 }),
    );
    await page.locator('[data-entry="action"]').first().waitFor();
    // One day of the synthetic log: its first 86,400 records.
    const range = await timed(
      () => page.getByLabel('To', { exact: true }).fill('2025-01-02T00:00:00'),
      () => count.filter({ hasText: /^86,400 records/ }).waitFor({ timeout: 120_000 }),
    );
    const filter = await timed(
      () => page.getByLabel('Actor').fill('controller'),
      () => count.filter({ hasText: /^21,600 records · 21,600 entries/ }).waitFor({ timeout: 120_000 }),
    );
    const note = '(includes the 300 ms filter debounce)';
    return [
      {
        name: 'browser.audit-view.open.100k',
        description: `Browser mode, open the audit view to ${RECORDS.toLocaleString('en')} records grouped into entries`,
        value: open,
        unit: 'ms',
      },
      {
        name: 'browser.audit-view.time-range.100k',
        description: `Set a time range on ${RECORDS.toLocaleString('en')} records until the list shows it ${note}`,
        value: range,
        unit: 'ms',
      },
      {
        name: 'browser.audit-view.filter.100k',
        description: `Filter by actor within that range until the list shows it ${note}`,
        value: filter,
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await stopServe(serve);
    rmSync(dir, { recursive: true, force: true });
  }
}
