// The Alerts view on the simulator: the regressing checkout canary's alert with its playbook, a
// silence that needs a reason, and a countermeasure that opens the rollout's own confirmation.
import { expect, test } from './fixtures';

test('an alert with its playbook; silence needs a reason; a countermeasure confirms as the rollout view does', async ({
  page,
}) => {
  await page.getByRole('link', { name: /^Alerts/ }).click();
  const alert = page.getByTestId('alert-HighErrorRate');
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId('alert-state')).toHaveText('firing');
  await expect(alert.getByTestId('playbook')).toContainText('Business impact');
  await expect(page.getByTestId('alert-source-simulator')).toContainText('live');

  await alert.getByRole('button', { name: 'Silence HighErrorRate…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /Confirm/ }).click();
  await expect(dialog).toContainText('A silence needs a reason');
  await dialog.getByLabel('Reason').fill('known regression, aborting');
  await dialog.getByLabel('Reason').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(alert.getByTestId('alert-state')).toHaveText('silenced');

  await alert.getByRole('button', { name: /Abort its newest rollout/ }).click();
  await expect(page).toHaveURL(/#\/rollout\/simulator%2Fcheckout-prod-eu$/);
  const confirm = page.getByRole('dialog');
  await expect(confirm.getByTestId('confirm-consequence')).toContainText('2.3.1');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('rollout-phase')).not.toHaveText(/aborted/i);
});
