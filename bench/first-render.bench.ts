// Browser mode: time from opening the URL to the fleet table showing its rollouts, with 500 rollouts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServe, stopServe } from '../e2e/fixtures';
import type { BenchResult } from './bench-result';
import { writeLargeFleet } from './large-fleet';

const ROLLOUTS = 500;
const RUNS = 5;
const TARGET_MS = 1000;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-render-'));
  const fleet = writeLargeFleet(dir, ROLLOUTS);
  writeFileSync(join(dir, 'config.yaml'), `simulator:\n  fleet: ${fleet}\n`);
  const serve = await startServe(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(serve.url);
      await page
        .getByTestId('fleet-count')
        .filter({ hasText: `${ROLLOUTS} rollouts` })
        .waitFor();
      await page.locator('[data-testid^="fleet-row-"]').first().waitFor();
      times.push(Date.now() - started);
      await context.close();
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
    return [
      {
        name: 'browser.first-fleet-render.500',
        description: `Browser mode, open URL to fleet rows shown, ${ROLLOUTS} rollouts, fresh context each, median of ${RUNS} (all: ${times.join(', ')} ms)`,
        value: median,
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
        meetsTarget: median < TARGET_MS,
      },
    ];
  } finally {
    await browser.close();
    await stopServe(serve);
    rmSync(dir, { recursive: true, force: true });
  }
}
