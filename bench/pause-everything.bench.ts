// Incident command's first move, by keyboard in Chromium on the demo fleet: the key presses and time
// that Pause everything takes to pause every in-flight rollout, beside pausing the same rollouts one
// at a time through the palette in the same run (the issue counted 162 presses for five, before).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { RolloutSummary } from '../src/shared/domain';
import { inFlightIn } from '../src/shared/in-flight';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServe, stopServe, type ControlRoomServer } from '../e2e/fixtures';
import type { BenchResult } from './bench-result';

/** The count for pausing five rollouts by keyboard before Pause everything existed. */
const BEFORE_FOR_FIVE = 162;

/** Presses keys as a person would, counting each. */
function keyboard(page: Page) {
  let presses = 0;
  return {
    press: async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    },
    type: async (text: string) => {
      for (const ch of text) {
        presses++;
        await page.keyboard.press(ch);
      }
    },
    get presses() {
      return presses;
    },
  };
}

async function inFlight(serve: ControlRoomServer): Promise<RolloutSummary[]> {
  const response = await fetch(new URL('/api/fleet.list', serve.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`fleet.list answered ${response.status}`);
  return inFlightIn(((await response.json()) as { value: RolloutSummary[] }).value, {});
}

async function openFleet(page: Page, serve: ControlRoomServer): Promise<void> {
  await page.goto(serve.url);
  await page.getByTestId('fleet-count').filter({ hasText: '27 rollouts' }).waitFor({ timeout: 15_000 });
}

async function pauseEverything(page: Page, serve: ControlRoomServer) {
  await openFleet(page, serve);
  const keys = keyboard(page);
  await keys.press('Control+K');
  await keys.type('pause every');
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Pause everything' });
  const consequence = dialog.getByTestId('pause-all-consequence');
  await consequence.filter({ hasText: /Pauses \d+ in-flight rollouts/ }).waitFor();
  const planned = Number(/Pauses (\d+)/.exec((await consequence.textContent()) ?? '')?.[1]);
  const started = Date.now();
  await keys.press('Enter');
  await dialog
    .getByRole('status')
    .filter({ hasText: `${planned} paused, 0 already paused, 0 failed.` })
    .waitFor({ timeout: 30_000 });
  return { presses: keys.presses, paused: planned, ms: Date.now() - started };
}

/** The same rollouts one at a time: palette, the rollout's name, Enter, then P on its page. */
async function oneAtATime(page: Page, serve: ControlRoomServer) {
  const targets = await inFlight(serve);
  await openFleet(page, serve);
  const keys = keyboard(page);
  const started = Date.now();
  for (const r of targets) {
    await keys.press('Control+K');
    await keys.type(`open ${r.service} ${r.environment}`);
    await keys.press('Enter');
    await page.waitForURL((url) => decodeURIComponent(url.hash) === `#/rollout/${r.id}`, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await keys.press('p');
    await page.getByTestId('rollout-phase').filter({ hasText: 'Paused' }).waitFor({ timeout: 10_000 });
  }
  return { presses: keys.presses, paused: targets.length, ms: Date.now() - started };
}

export async function run(): Promise<BenchResult[]> {
  const dirs = [
    mkdtempSync(join(tmpdir(), 'bench-pause-all-')),
    mkdtempSync(join(tmpdir(), 'bench-pause-one-')),
  ];
  const serves = await Promise.all(dirs.map((d) => startServe(d)));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = async () => (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const all = await pauseEverything(await page(), serves[0] as ControlRoomServer);
    const one = await oneAtATime(await page(), serves[1] as ControlRoomServer);
    const ratio = Math.round((all.presses / one.presses) * 100) / 100;
    return [
      {
        name: 'incident.pause-everything.keystrokes',
        description: `Key presses to pause every in-flight demo rollout with Pause everything (${all.paused} rollouts: Ctrl+K, "pause every", Enter, Enter); the issue counted ${BEFORE_FOR_FIVE} for five before`,
        value: all.presses,
        unit: 'presses',
        target: `< ${BEFORE_FOR_FIVE}`,
        meetsTarget: all.presses < BEFORE_FOR_FIVE,
      },
      {
        name: 'incident.pause-one-at-a-time.keystrokes',
        description: `The same ${one.paused} rollouts paused one at a time by keyboard in this run (palette "open <service> <env>", Enter, P on each)`,
        value: one.presses,
        unit: 'presses',
      },
      {
        name: 'incident.pause-everything.keystroke-ratio',
        description: 'Pause everything over one at a time, key presses',
        value: ratio,
        unit: 'ratio',
        target: '< 1',
        meetsTarget: ratio < 1,
      },
      {
        name: 'incident.pause-everything.time-to-results',
        description: `From the confirming Enter to all ${all.paused} results listed (one at a time took ${one.ms} ms from the first key)`,
        value: all.ms,
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await Promise.all(serves.map((s) => stopServe(s)));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
