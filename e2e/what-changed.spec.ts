// What changed: a pause and an abort of a demo rollout are on its lane and in the list with who did
// them; the service filter lives in the URL; a change opens its rollout.
import { expect, test } from './fixtures';

test('a paused then aborted rollout shows on its lane and in the list; the filter is in the URL; a change opens it', async ({
  page,
}) => {
  const base = page.url().replace(/#.*$/, '');
  await page.goto(`${base}#/rollout/checkout-prod-eu`);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  await page.getByRole('button', { name: 'Abort', exact: true }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill('errors after 2.4.0');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rollout-phase')).toHaveText('Aborted');

  // Sent as a link: the last 15 minutes of checkout only.
  await page.goto(`${base}#/changes?window=15m&service=checkout`);
  await expect(page.getByRole('button', { name: '15 min' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('checkout');
  const lane = page.locator('[data-testid="change-lane"]', { hasText: 'checkout · prod-eu' });
  await expect(lane).toHaveAttribute('data-kinds', /\baborted\b.*\bpaused\b/);
  await expect(page.locator('[data-testid="change-lane"]', { hasText: /^search/ })).toHaveCount(0);
  const rows = page.getByTestId('change-row');
  const aborted = rows.filter({ hasText: 'aborted' }).filter({ hasText: 'e2e-operator' });
  await expect(aborted).toContainText('errors after 2.4.0');
  await expect(rows.filter({ hasText: 'paused' }).filter({ hasText: 'e2e-operator' })).toHaveCount(1);
  await expect(rows.filter({ hasNotText: 'checkout' })).toHaveCount(0);

  // Changing a filter changes the URL, so the view can be sent on.
  await page.getByLabel('Environment', { exact: true }).selectOption('prod-eu');
  await expect(page).toHaveURL(/#\/changes\?window=15m&env=prod-eu&service=checkout$/);

  await aborted.click();
  await expect(page).toHaveURL(/#\/rollout\/simulator%2Fcheckout-prod-eu$/);
  await expect(page.getByTestId('rollout-phase')).toHaveText('Aborted');
});
