// "Need attention" counts what waits for a person as well as what is failing: in the demo fleet,
// checkout's critical canary, payments waiting for judgment and catalog awaiting promotion. A
// person's own pause is a hold, not a wait, and says whose it is.
import { expect, test } from './fixtures';

test('the attention count includes payments and catalog waiting on a person, and names both kinds', async ({
  page,
}) => {
  const chip = page.getByTestId('fleet-attention-count');
  await expect(chip).toHaveText('3 need attention: 1 unhealthy, 2 waiting for a person', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('nav-attention')).toHaveText('3');

  await chip.click();
  await expect(page.getByTestId('fleet-count')).toHaveText('3 of 27 rollouts');
  const rows = page.locator('[data-testid^="fleet-row-"]');
  await expect(rows).toHaveCount(3);
  // Failing first, then those waiting for a person.
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'fleet-row-simulator/checkout-prod-eu');
  await expect(rows.nth(1)).toHaveAttribute('data-testid', 'fleet-row-simulator/catalog-prod-eu');
  await expect(rows.nth(2)).toHaveAttribute('data-testid', 'fleet-row-simulator/payments-prod-us');
  const payments = page.getByTestId('fleet-row-simulator/payments-prod-us');
  await expect(payments.getByText('waiting for judgment', { exact: true })).toBeVisible();
  await chip.click();

  // A person's pause: "held by" them, and not counted as waiting.
  await page.getByTestId('fleet-row-simulator/search-prod-us').click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  await expect(page.getByTestId('rollout-hold')).toHaveText('held by e2e-operator');
  await page.goto(page.url().replace(/#.*$/, '#/rollout/payments-prod-us'));
  await expect(page.getByTestId('rollout-hold')).toHaveText('waiting for judgment');
  await page.goto(page.url().replace(/#.*$/, '#/fleet'));
  const search = page.getByTestId('fleet-row-simulator/search-prod-us');
  await expect(search.getByText('held by e2e-operator', { exact: true })).toBeVisible();
  await expect(chip).toHaveText('3 need attention: 1 unhealthy, 2 waiting for a person');
});
