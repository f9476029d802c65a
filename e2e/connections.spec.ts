// Connections in the UI: a health line per connection in the top bar, and rollout pages opened by a
// bare local id move to the full `<connection>/<local id>` so they keep updating.
import { expect, test } from './fixtures';

test('the top bar shows the simulator connection as reachable, in words', async ({ page }) => {
  const chip = page.getByTestId('connection-simulator');
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute('data-state', 'ok');
  await expect(chip).toContainText('simulator');
  await expect(chip).toHaveAttribute('title', /simulator \(simulator, deployment\)/);
});

test('a rollout opened by its bare id moves to its full id and keeps updating', async ({ page }) => {
  await page.evaluate("window.location.hash = '#/rollout/payments-prod-us'");
  await expect(page).toHaveURL(/#\/rollout\/simulator%2Fpayments-prod-us$/);
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 4\/8/);
  await page.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 5\/8/);
  // Back leaves the rollout instead of bouncing between the bare and the full id.
  await page.goBack();
  await expect(page).not.toHaveURL(/payments-prod-us/);
});
