// The live-fire sandbox seen through the UI, as a person would use it: `sandbox up`, then browser
// mode on its workspace. The canary's charts come from a real Prometheus, the report names the
// queries it ran, the top bar shows both connections, and Abort reaches HAProxy within 2 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { RolloutSummary } from '../src/shared/domain';
import { controlRoom, eventually, startLiveSandbox } from '../test/support/live-sandbox';
import { apiCall, serve, stopServed, type Served } from '../test/support/served-control-room';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expect, test } from './fixtures';

const ID = 'sandbox-haproxy/checkout-sandbox';

test('a sandbox canary: Prometheus charts, the queries read, connection health, and Abort in HAProxy within 2 s', async () => {
  test.setTimeout(150_000);
  const parent = mkdtempSync(join(tmpdir(), 'e2e-live-fire-'));
  const dir = join(parent, 'sb');
  const sandbox = startLiveSandbox(dir);
  const canaryWeight = () => sandbox.serverWeight('checkout-4');
  let served: Served | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    served = await serve(dir);
    const up = served;
    await eventually('the sandbox rollout in the fleet', async () => {
      const fleet = (await apiCall(up, 'fleet.list', {})).body.value as unknown as RolloutSummary[];
      return fleet.some((r) => r.id === ID) ? true : undefined;
    });
    const started = await apiCall(up, 'rollout.act', {
      id: ID,
      action: 'roll-forward',
      toVersion: '1.1.0',
      idempotencyKey: 'e2e-live-fire-forward',
      reason: 'e2e live fire',
    });
    expect(started.body.ok, JSON.stringify(started.body.error)).toBe(true);
    await eventually('the canary taking traffic on HAProxy', async () =>
      (await canaryWeight()) > 0 ? true : undefined,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${up.base}/#token=${up.token}`);
    for (const name of ['sandbox-haproxy', 'sandbox-prometheus'])
      await expect(page.getByTestId(`connection-${name}`)).toHaveAttribute('data-state', 'ok', {
        timeout: 20_000,
      });

    await page.getByTestId(`fleet-row-${ID}`).click();
    // Prometheus scrapes every 5 s: a line appears once the canary has a few samples.
    // p99 latency, not the error rate: with no fault the error line lies flat on 0, a path with no height.
    await expect(page.getByTestId('chart-latencyP99').locator('.recharts-line-curve').first()).toBeVisible({
      timeout: 40_000,
    });

    await page.getByRole('link', { name: 'Canary analysis' }).click();
    await page.getByRole('button', { name: 'Re-judge', exact: true }).click();
    const canarySide = page.getByTestId('canary-source-canary').first();
    await expect(canarySide.locator('code')).toContainText(
      'service="checkout",environment="sandbox",version="1.1.0"',
      { timeout: 20_000 },
    );
    await expect(page.getByTestId('canary-source-baseline').first().locator('code')).toContainText(
      'version="1.0.0"',
    );
    await expect(canarySide.getByTestId('canary-source-link')).toHaveAttribute(
      'href',
      new RegExp(`^${sandbox.summary.prometheus.url}/graph\\?`),
    );

    await page.getByRole('button', { name: 'Abort', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('1.0.0');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('e2e: stop the canary');
    await page.keyboard.press('Enter');
    await eventually(
      'checkout-4 at weight 0 within 2 s of Abort',
      async () => ((await canaryWeight()) === 0 ? true : undefined),
      2_000,
    );
    await expect(page.getByRole('button', { name: 'Abort', exact: true })).toHaveAttribute(
      'title',
      'Already aborted: traffic is on the stable version.',
    );
  } finally {
    await browser.close();
    controlRoom(['sandbox', 'down', '--dir', dir]);
    if (served) await stopServed(served);
    rmSync(parent, { recursive: true, force: true });
  }
});
