// The live-fire sandbox seen through the UI, as a person would use it: `sandbox up`, then browser
// mode on its workspace. The canary's charts come from a real Prometheus, the report names the
// queries it ran, the top bar shows both connections, and Abort reaches HAProxy within 2 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlRoom, eventually, startLiveSandbox, type LiveSandbox } from '../test/support/live-sandbox';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expect, startServe, test, type ControlRoomServer } from './fixtures';
import { chromium } from '@playwright/test';

const ID = 'sandbox-haproxy/checkout-sandbox';

/** checkout-4 (1.1.0's only server): its weight as HAProxy's Runtime API reports it. */
async function canaryWeight(sandbox: LiveSandbox): Promise<number> {
  const state = await sandbox.runtimeApi('show servers state checkout');
  const line = state.split('\n').find((l) => l.split(' ')[3] === 'checkout-4');
  if (!line) throw new Error(`HAProxy does not list checkout-4:\n${state}`);
  return Number(line.split(' ')[7]);
}

test('a sandbox canary: Prometheus charts, the queries read, connection health, and Abort in HAProxy within 2 s', async ({
  target,
}) => {
  test.skip(target === 'electron', 'the sandbox is served in browser mode; the desktop twin has no sandbox');
  test.setTimeout(150_000);
  const parent = mkdtempSync(join(tmpdir(), 'e2e-live-fire-'));
  const dir = join(parent, 'sb');
  const sandbox = startLiveSandbox(dir);
  let server: ControlRoomServer | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    server = await startServe(dir);
    const base = new URL(server.url).origin;
    const token = server.token;
    const api = (method: string, input: unknown) =>
      fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: unknown }>);
    await eventually('the sandbox rollout in the fleet', async () => {
      const fleet = (await api('fleet.list', {})) as { value?: { id: string }[] };
      return fleet.value?.some((r) => r.id === ID) ? true : undefined;
    });
    const started = await api('rollout.act', {
      id: ID,
      action: 'roll-forward',
      toVersion: '1.1.0',
      idempotencyKey: 'e2e-live-fire-forward',
      reason: 'e2e live fire',
    });
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    await eventually('the canary taking traffic on HAProxy', async () =>
      (await canaryWeight(sandbox)) > 0 ? true : undefined,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
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
      async () => ((await canaryWeight(sandbox)) === 0 ? true : undefined),
      2_000,
    );
    await expect(page.getByRole('button', { name: 'Abort', exact: true })).toHaveAttribute(
      'title',
      'Already aborted: traffic is on the stable version.',
    );
  } finally {
    await browser.close();
    controlRoom(['sandbox', 'down', '--dir', dir]);
    if (server) {
      const exited = new Promise((resolve) => server?.process.once('exit', resolve));
      server.process.kill('SIGTERM');
      await exited;
    }
    rmSync(parent, { recursive: true, force: true });
  }
});
