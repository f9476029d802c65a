// The audit view shows an action as one expandable entry (requested → changes → outcome), and a
// time range narrows the log to what happened between two moments.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
/** The From/To field value (UTC, whole seconds) for a time in ms. */
function utcField(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const timeOf = async (row: Locator) =>
  Date.parse((await row.locator('time').first().getAttribute('datetime')) ?? '');

test('one action is one entry with its outcome, and the time range filters the log', async ({ page }) => {
  await page.getByTestId('fleet-row-simulator/checkout-prod-eu').click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  // Two whole seconds apart, so a time range (to the second) can tell them apart.
  await page.waitForTimeout(2200);
  await page.getByRole('button', { name: 'Abort', exact: true }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill('p99 regression in 2.4.0');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rollout-phase')).toHaveText('Aborted');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const actions = page.locator('[data-entry="action"]');
  const abort = actions.filter({ hasText: 'p99 regression in 2.4.0' });
  const pause = actions.filter({ hasText: 'pause' });
  await expect(abort).toHaveCount(1);
  await expect(pause).toHaveCount(1);
  await expect(abort.getByTestId('audit-outcome')).toHaveText('Succeeded');
  await expect(abort).toContainText('action.requested → rollout.aborted → action.succeeded');
  // No request, change or outcome of either action is a row of its own.
  await expect(
    page.locator('[data-entry="record"]', { hasText: /action\.|rollout\.(paused|aborted)/ }),
  ).toHaveCount(0);

  await abort
    .getByRole('button', { name: /^Details of abort on simulator\/checkout-prod-eu \(3 records\)/ })
    .click();
  const records = abort.locator('[data-testid^="audit-record-"]');
  await expect(records).toHaveCount(3);
  await expect(records.nth(0)).toContainText('action.requested');
  await expect(records.nth(1)).toContainText('rollout.aborted');
  await expect(records.nth(2)).toContainText('action.succeeded');

  // From just after the pause: only the abort is left.
  const pausedAt = await timeOf(pause);
  const abortedAt = await timeOf(abort);
  expect(abortedAt - pausedAt).toBeGreaterThanOrEqual(2000);
  const afterPause = utcField(Math.floor(pausedAt / 1000) * 1000 + 1000);
  await page.getByLabel('From', { exact: true }).fill(afterPause);
  await expect(pause).toHaveCount(0);
  await expect(abort).toHaveCount(1);
  // Up to just after the pause: only the pause.
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill(afterPause);
  await expect(abort).toHaveCount(0);
  await expect(pause).toHaveCount(1);
  await expect(page.getByTestId('audit-count')).toHaveText(/records · \d+ entries/);
  // A range that ends before it starts is refused, and says so.
  await page.getByLabel('From', { exact: true }).fill(utcField(abortedAt + 60_000));
  await expect(page.getByRole('alert').filter({ hasText: 'To is before From' })).toBeVisible();
  await page.getByRole('button', { name: 'Any time' }).click();
  await expect(abort).toHaveCount(1);
  await expect(pause).toHaveCount(1);
});
