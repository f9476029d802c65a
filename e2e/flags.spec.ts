// Feature flags end to end on the demo's simulated flags: a flag whose enable makes checkout's error
// rate rise is flipped on in the Flags view, shows on the what-changed axis on the lane of that
// rise, is killed with one keypress (no dialog), and the error rate recovers. Then what a release
// freeze, a bad share, a change made underneath and an observer get, and axe over the view.
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriousViolations } from './axe-violations';
import { expect, startServe, stopServe, test, type ControlRoomServer } from './fixtures';

/** The demo's regression flag (resources/demo-fleet.yaml): off, on checkout in this environment. */
const FLAG = 'new-pricing-engine';
const ENV = 'prod-us';
const ROLLOUT = 'checkout-prod-us';

interface BurnPoint {
  time: string;
  stable: number | null;
}

async function call<T>(server: ControlRoomServer, method: string, input: unknown): Promise<T> {
  const origin = new URL(server.url).origin;
  const response = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value as T;
}

/** Checkout's error rate over the last simulated minute (its stable, baseline traffic). */
async function errorRate(server: ControlRoomServer): Promise<number> {
  const series = await call<{ metric: string; points: { baseline: number | null }[] }[]>(
    server,
    'rollout.metrics',
    { id: ROLLOUT, metrics: ['errorRate'], windowSec: 60 },
  );
  const values = (series[0]?.points ?? []).flatMap((p) => (p.baseline === null ? [] : [p.baseline]));
  return values.length === 0 ? Number.NaN : (values.at(-1) ?? Number.NaN);
}

test('a flag that causes a regression: flipped on, seen beside the error-rate rise, killed, recovered', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // A simulated minute per second: the rise and the recovery take seconds, not minutes.
  const server = await startServe(undefined, ['--speed', '60']);
  try {
    const base = server.url.replace(/#.*$/, '');
    await page.goto(server.url);
    const before = await errorRate(server);
    expect(before).toBeLessThan(0.05);

    await page.goto(`${base}#/flags?env=${ENV}`);
    const row = page.getByTestId(`flag-row-${ENV}-${FLAG}`);
    await expect(row.getByTestId('flag-state')).toHaveText('Off');
    await row.getByRole('button', { name: new RegExp(`^Enable… ${FLAG}`) }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('confirm-consequence')).toContainText(`${FLAG} in ${ENV} turns on`);
    await dialog.getByLabel('Reason').fill('pricing engine goes live');
    await dialog.getByLabel('Reason').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(row.getByTestId('flag-state')).toHaveText(/^On/);
    await expect(row.getByTestId('flag-last-change')).toContainText('e2e-operator');

    // The error rate rises within a simulated minute or two of the flip.
    await expect.poll(() => errorRate(server), { timeout: 15_000 }).toBeGreaterThan(before * 3);

    // On the what-changed axis: the flip on checkout's lane, the error rate rising right after it.
    await page.goto(`${base}#/changes?window=1h&env=${ENV}&service=checkout`);
    const lane = page.locator('[data-testid="change-lane"]', { hasText: `checkout · ${ENV}` });
    await expect(lane).toHaveAttribute('data-kinds', /\bflag-changed\b/);
    await expect(
      page.getByTestId('change-row').filter({ hasText: FLAG }).filter({ hasText: 'e2e-operator' }),
    ).toContainText('pricing engine goes live');
    // The lane's own error rate (what is drawn beside the marker): after the flip, well above before.
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const riseAfterFlip = async (): Promise<number> => {
      const axis = await call<{
        changes: { kind: string; flag?: string; time: string }[];
        lanes: { service: string; burn: { points?: BurnPoint[] } }[];
      }>(server, 'changes.list', { window: '1h', environment: ENV, service: 'checkout' });
      const flip = axis.changes.find((c) => c.kind === 'flag-changed' && c.flag === FLAG);
      if (!flip) return Number.NaN;
      const points = axis.lanes.find((l) => l.service === 'checkout')?.burn.points ?? [];
      const side = (after: boolean) =>
        points
          .filter((p) => Date.parse(p.time) > Date.parse(flip.time) === after)
          .flatMap((p) => (p.stable === null ? [] : [p.stable]));
      return mean(side(true)) / mean(side(false));
    };
    await expect.poll(riseAfterFlip, { timeout: 15_000 }).toBeGreaterThan(3);

    // The kill switch: one keypress on the row, no dialog.
    await page.goto(`${base}#/flags?env=${ENV}`);
    await row.focus();
    await page.keyboard.press('d');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(row.getByTestId('flag-state')).toHaveText('Off');
    await expect(page.getByTestId('flag-outcome')).toHaveAttribute('data-tone', 'applied');

    // And checkout recovers.
    await expect.poll(() => errorRate(server), { timeout: 20_000 }).toBeLessThan(before * 2);
  } finally {
    await stopServe(server);
  }
});

test('a freeze holds all but the kill switch; a bad share and a change underneath are refused in words; observers only watch', async ({
  page,
  server,
}) => {
  if (!server) throw new Error('browser mode only: the electron project ignores this spec');
  const base = server.url.replace(/#.*$/, '');
  await page.goto(`${base}#/flags?env=${ENV}`);
  const row = page.getByTestId(`flag-row-${ENV}-${FLAG}`);
  await expect(row.getByTestId('flag-state')).toHaveText('Off');

  // A share outside 0–100: the server's words, beside the field; the dialog stays.
  await row.getByRole('button', { name: /^Set rollout…/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Percent/).fill('140');
  await dialog.getByLabel(/^Percent/).press('Enter');
  await expect(dialog.getByTestId('percent-error')).toHaveText('percent must be from 0 to 100');
  await expect(dialog.getByLabel(/^Percent/)).toHaveAttribute('aria-invalid', 'true');
  for (const line of await seriousViolations(page)) expect.soft(line, 'dialog').toBe('');
  await page.keyboard.press('Escape');

  // Changed underneath: the view still shows the old state (its reads held back) when someone ramps it.
  await page.route('**/api/flags.list', (route) => route.abort());
  await call(server, 'flags.change', {
    flag: FLAG,
    environment: ENV,
    change: { kind: 'set-rollout', percent: 30 },
    reason: 'someone else',
    idempotencyKey: 'e2e-underneath-1',
  });
  await row.getByRole('button', { name: /^Set rollout…/ }).click();
  await dialog.getByLabel(/^Percent/).fill('50');
  await dialog.getByLabel(/^Percent/).press('Enter');
  const outcome = page.getByTestId('flag-outcome');
  await expect(outcome).toHaveAttribute('data-tone', 'refused');
  await expect(outcome).toContainText(FLAG);
  await page.unroute('**/api/flags.list');
  // The fresh state, not the one decided on.
  await expect(row.getByTestId('flag-strategy')).toContainText('30%');

  // A release freeze: Enable and Set rollout say why; Disable is not held.
  await call(server, 'incidents.declare', { title: 'Checkout 5xx', severity: 'SEV2' });
  const enable = row.getByRole('button', { name: /^Enable…/ });
  await expect(enable).toHaveAttribute('aria-disabled', 'true');
  await expect(enable).toHaveAttribute('title', /Release freeze \(INC-1\)/);
  await expect(row.getByTestId('flag-frozen')).toBeVisible();
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: /Dark|Light/ });
    if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light')) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const line of await seriousViolations(page)) expect.soft(line, `view, ${theme}`).toBe('');
  }

  // An observer sees the flags and no enabled action.
  await page.goto(server.observerUrl);
  // The app drops the token from the address once read: navigate only after that.
  await expect(page).not.toHaveURL(/token=/);
  await page.evaluate("window.location.hash = '#/flags'");
  await expect(page.getByTestId('flags-observer')).toBeVisible();
  const actions = page.locator('[data-flag-action]');
  await expect(actions.first()).toBeVisible();
  await expect(actions.and(page.locator(':not([aria-disabled="true"])'))).toHaveCount(0);
});

test('a kill switch that could not be applied says so plainly, and is retried only when asked, with the same key', async ({
  page,
}) => {
  // A flagd file in the workspace, as a team keeps it in git; moved away, its backend cannot write.
  const workspace = mkdtempSync(join(tmpdir(), 'e2e-flagd-'));
  const file = join(workspace, 'production.flagd.json');
  writeFileSync(
    file,
    JSON.stringify({
      flags: {
        'read-only-mode': {
          state: 'ENABLED',
          variants: { on: true, off: false },
          defaultVariant: 'on',
          metadata: { owner: 'team-sre', services: 'checkout' },
        },
      },
    }),
  );
  writeFileSync(
    join(workspace, 'config.yaml'),
    [
      'connections:',
      '  - { name: simulator, kind: simulator }',
      '  - { name: team-flags, kind: flagd-file, path: production.flagd.json, environment: production }',
    ].join('\n'),
  );
  const server = await startServe(workspace);
  try {
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/flags.change'))
        keys.push((JSON.parse(r.postData() ?? '{}') as { idempotencyKey: string }).idempotencyKey);
    });
    await page.goto(server.url);
    await expect(page).not.toHaveURL(/token=/);
    await page.evaluate("window.location.hash = '#/flags?env=production'");
    const row = page.getByTestId('flag-row-production-read-only-mode');
    await expect(row.getByTestId('flag-state')).toHaveText('On');

    renameSync(file, `${file}.away`);
    await row.getByRole('button', { name: /^Disable read-only-mode/ }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const outcome = page.getByTestId('flag-outcome');
    await expect(outcome).toHaveAttribute('data-tone', 'failed');
    await expect(outcome).toContainText('could not be applied');
    await expect(row.getByTestId('flag-state')).not.toHaveText('Off');

    // Back in place, nothing is resent by itself; Retry sends the very same request.
    renameSync(`${file}.away`, file);
    await expect(row.getByTestId('flag-state')).toHaveText('On');
    expect(keys).toHaveLength(1);
    await outcome.getByRole('button', { name: 'Retry' }).click();
    await expect(outcome).toHaveAttribute('data-tone', 'applied');
    await expect(row.getByTestId('flag-state')).toHaveText('Off');
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(JSON.parse(readFileSync(file, 'utf8')).flags['read-only-mode'].state).toBe('DISABLED');
  } finally {
    await stopServe(server);
  }
});
