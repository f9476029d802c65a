// The foundation's user journeys: see the fleet, open the regressing canary, pause it, roll it back
// with a reason, find both in the audit log, and promote exactly once on a double click.
import { expect, test } from './fixtures';

test('the fleet shows every demo rollout, what needs attention first', async ({ page }) => {
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  for (const id of ['payments-prod-us', 'search-prod-us', 'catalog-prod-eu', 'cart-staging', 'auth-prod-us'])
    await expect(page.getByTestId(`fleet-row-simulator/${id}`)).toBeVisible();
  await expect(page.getByTestId('fleet-count')).toHaveText(/27 rollouts/);
  const firstRow = page.locator('[data-testid^="fleet-row-"]').first();
  await expect(firstRow).toHaveAttribute('data-testid', 'fleet-row-simulator/checkout-prod-eu');
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toContainText('Critical');
});

test('open the regressing canary, pause it without a dialog, abort it with a reason, audit both', async ({
  page,
}) => {
  await page.getByTestId('fleet-row-simulator/checkout-prod-eu').click();
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 2\/5/);
  for (const chart of ['chart-errorRate', 'chart-latencyP99'])
    await expect(page.getByTestId(chart).locator('.recharts-line-curve').first()).toBeVisible();

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused', { timeout: 1000 });

  await page.getByRole('button', { name: 'Abort', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Traffic returns to 2.3.1 in prod-eu');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('p99 latency regression after 2.4.0');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rollout-phase')).toHaveText('Aborted', { timeout: 1000 });
  await expect(page.getByTestId('rollout-weight')).toContainText('0%');

  await page.goto(page.url().replace(/#.*$/, '#/audit'));
  const pause = page
    .locator('[data-testid^="audit-row-"]', { hasText: 'action.succeeded' })
    .filter({ hasText: 'pause' });
  const abort = page
    .locator('[data-testid^="audit-row-"]', { hasText: 'action.succeeded' })
    .filter({ hasText: 'p99 latency regression after 2.4.0' });
  await expect(pause.first()).toContainText('e2e-operator');
  await expect(pause.first()).toContainText('checkout-prod-eu');
  await expect(abort.first()).toContainText('e2e-operator');
  await page.getByRole('button', { name: /Verify/ }).click();
  await expect(page.getByTestId('audit-verify-result')).toContainText(/OK/);
});

test('double-clicking Promote advances exactly one step', async ({ page }) => {
  await page.getByTestId('fleet-row-simulator/payments-prod-us').click();
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 4\/8/);
  await page.getByRole('button', { name: 'Promote', exact: true }).dblclick();
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 5\/8/);
  // Long enough for a second promote to have landed, far shorter than the 30 s settle time.
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 5\/8/);
  await expect(page.getByTestId('rollout-weight')).toContainText('50%');
});

test('disabled actions say why', async ({ page }) => {
  await page.getByTestId('fleet-row-simulator/checkout-staging').click();
  const abort = page.getByRole('button', { name: 'Abort', exact: true });
  await expect(abort).toBeDisabled();
  await expect(abort).toHaveAttribute('title', /complete/);
});
