// Stale looks stale: with the control room frozen (SIGSTOP), the clock, "in step" timers and
// countdowns stop at the time of the data, status colours go grey, the page says "as of HH:MM:SS
// (N s ago)", and no all-clear is computed from data that may no longer be true.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startServe, stopServe, test } from './fixtures';

const AS_OF = /as of (\d\d:\d\d:\d\d) UTC \((\d+) s ago\)/;

/** The colour a badge has when its status is unknown: what every status turns into when stale. */
const unknownColour = (page: Page): Promise<string> =>
  page.evaluate<string>(`(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--c-unknown)';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  })()`);

test('a frozen control room stops the clock and countdowns, greys live values and says as of when', async ({
  page,
  server,
}) => {
  await page.getByTestId('fleet-row-simulator/checkout-prod-eu').click();
  const countdown = page.getByTestId('pause-countdown');
  const clock = page.getByTestId('session-clock');
  const health = page.getByTestId('rollout-health');
  await expect(health).toHaveText('Critical', { timeout: 15_000 });
  await expect(page.getByTestId('live-indicator')).toHaveText('Live');
  // Live: the countdown runs.
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? '', { timeout: 3000 });
  const grey = await unknownColour(page);
  await expect(health).not.toHaveCSS('color', grey);

  server?.process.kill('SIGSTOP');
  try {
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toContainText(AS_OF, { timeout: 15_000 });
    const shown = AS_OF.exec((await banner.textContent()) ?? '');
    const frozenCountdown = await countdown.textContent();
    const frozenClock = await clock.textContent();
    // The stopped clock shows the time the data is from.
    expect(frozenClock).toContain(`${shown?.[1]} UTC`);
    expect(frozenClock).toContain('stopped');

    await page.waitForTimeout(2500);
    await expect(countdown).toHaveText(frozenCountdown ?? '');
    await expect(clock).toHaveText(frozenClock ?? '');
    // The age keeps counting: that is the one thing that does change.
    const later = AS_OF.exec((await banner.textContent()) ?? '');
    expect(Number(later?.[2])).toBeGreaterThan(Number(shown?.[2]));
    expect(later?.[1]).toBe(shown?.[1]);

    // The word stays, the alarm colour does not.
    await expect(health).toHaveText('Critical');
    await expect(health).toHaveCSS('color', grey);
  } finally {
    server?.process.kill('SIGCONT');
  }
  await expect(page.getByTestId('live-indicator')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  const resumed = await countdown.textContent();
  await expect(countdown).not.toHaveText(resumed ?? '', { timeout: 3000 });
  await expect(health).not.toHaveCSS('color', grey);
});

test('a fleet with nothing to do reads "0 need attention" only while its data is live', async ({ page }) => {
  // Every rollout steady: the only all-clear the demo could give.
  const workspace = mkdtempSync(join(tmpdir(), 'e2e-steady-'));
  writeFileSync(
    join(workspace, 'steady-fleet.yaml'),
    [
      'environments: [prod]',
      'strategies: { canary: { kind: canary, steps: [{ setWeight: 50 }, { pause: indefinite }] } }',
      'services:',
      '  api: { stable: 1.0.0, requestRate: 100, errorRate: 0.001, latencyP50: 20, cpu: 0.3 }',
      '  web: { stable: 2.0.0, requestRate: 100, errorRate: 0.001, latencyP50: 20, cpu: 0.3 }',
    ].join('\n'),
  );
  writeFileSync(join(workspace, 'config.yaml'), 'simulator: { fleet: steady-fleet.yaml }\n');
  const steady = await startServe(workspace);
  try {
    await page.goto(steady.url);
    const chip = page.getByTestId('fleet-attention-count');
    await expect(chip).toHaveText('0 need attention');
    await expect(page.getByTestId('nav-attention')).toHaveCount(0);

    steady.process.kill('SIGSTOP');
    try {
      await expect(page.getByTestId('stale-banner')).toContainText(AS_OF, { timeout: 15_000 });
      await expect(chip).not.toContainText('0 need attention');
      await expect(chip).toHaveText('Attention unknown: no live data');
      await expect(page.getByTestId('nav-attention')).toHaveText('?');
    } finally {
      steady.process.kill('SIGCONT');
    }
    await expect(chip).toHaveText('0 need attention', { timeout: 15_000 });
  } finally {
    await stopServe(steady);
  }
});
