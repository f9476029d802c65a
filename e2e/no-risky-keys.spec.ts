// The page never misleads and no single key is risky: roll forward offers the versions that exist
// and refuses others, a shortcut confirms what its button would, the palette's Enter goes where the
// words say, and the canary page shows the live reading and can pause.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function openCheckout(page: Page): Promise<void> {
  await page.getByTestId('fleet-row-simulator/checkout-prod-eu').click();
  await expect(page.getByTestId('rollout-versions')).toHaveText('2.3.1 → 2.4.0');
}

test('roll forward offers the known versions with their verdicts and refuses "2.4.O"', async ({ page }) => {
  await openCheckout(page);
  await page.keyboard.press('f');
  const dialog = page.getByRole('dialog');
  const known = dialog.getByRole('group', { name: 'Known versions of checkout' });
  await expect(known.getByRole('radio')).toHaveCount(4);
  for (const version of ['2.4.1', '2.4.0', '2.3.1', '2.3.0'])
    await expect(
      known.getByRole('radio', { name: new RegExp(`^${version.replace(/\./g, '\\.')}`) }),
    ).toBeVisible();
  await expect(known).toContainText('canary now');

  await dialog.getByRole('textbox', { name: 'Target version' }).fill('2.4.O');
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('checkout has no version 2.4.O: pick one of the 4 known versions.');
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('rollout-versions')).toHaveText('2.3.1 → 2.4.0');

  await known.getByRole('radio', { name: /^2\.4\.1/ }).check();
  await expect(dialog.getByRole('textbox', { name: 'Target version' })).toHaveValue('2.4.1');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('rollout-versions')).toHaveText('2.3.1 → 2.4.1');
});

test('rolling forward to the version just rolled back warns plainly and needs an acknowledgement', async ({
  page,
}) => {
  await openCheckout(page);
  await page.getByRole('button', { name: 'Abort', exact: true }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill('error rate x7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rollout-phase')).toHaveText('Aborted');

  await page.getByRole('button', { name: 'Roll forward', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /^2\.4\.0/ }).check();
  const warning = dialog.getByTestId('version-warning');
  await expect(warning).toContainText(/2\.4\.0 was rolled back by \S+ \d+ s ago: error rate x7/);
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('2.4.0 failed before: tick “Roll forward to 2.4.0 anyway” to go ahead.');
  await expect(page.getByTestId('rollout-phase')).toHaveText('Aborted');

  await warning.getByRole('checkbox', { name: 'Roll forward to 2.4.0 anyway' }).check();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Progressing');
});

test('Shift+P on a Critical, manually paused canary asks first and says why', async ({ page }) => {
  await openCheckout(page);
  await expect(page.getByTestId('rollout-health')).toHaveText('Critical');
  await expect(page.getByTestId('rollout-step')).toHaveText('Step 2/5');

  await page.keyboard.press('Shift+P');
  const caution = page.getByRole('dialog').getByTestId('confirm-caution');
  await expect(caution).toContainText('Health now: Critical');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('rollout-step')).toHaveText('Step 2/5');

  await page.keyboard.press('p');
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  await page.keyboard.press('Shift+P');
  await expect(caution).toContainText(
    /\S+ paused this rollout at \d\d:\d\d:\d\d UTC: promoting lifts that pause\./,
  );
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  // Confirming is one Enter away, and does what it said.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rollout-step')).toHaveText('Step 3/5');
});

test('Ctrl+K then "fleet" and Enter goes to the fleet; "go to audit" to the audit log; "abort" runs nothing', async ({
  page,
}) => {
  await openCheckout(page);
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const input = page.getByPlaceholder('Type a command or a rollout…');

  await page.keyboard.press('Control+K');
  await input.fill('fleet');
  await expect(palette.getByRole('option', { name: 'Go to fleet' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/fleet$/);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await openCheckout(page);
  await page.keyboard.press('Control+K');
  await input.fill('abort');
  const abort = palette.getByRole('option', { name: /^Abort simulator\/checkout-prod-eu/ });
  await expect(abort).toBeVisible();
  await expect(abort).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Enter');
  await expect(palette).toBeVisible();
  await expect(page.getByRole('dialog', { name: /Abort the rollout/ })).toHaveCount(0);

  await input.fill('go to audit');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/audit$/);
});

test('the canary page shows the live reading with its window, and Pause and Abort work there', async ({
  page,
}) => {
  await openCheckout(page);
  await page.getByRole('link', { name: 'Canary analysis' }).click();
  await expect(page).toHaveURL(/#\/rollout\/simulator%2Fcheckout-prod-eu\/canary$/);
  await expect(page.getByTestId('canary-live-health')).toHaveText('Critical');
  await expect(page.getByTestId('canary-live-window')).toContainText(
    /^The judge over the last 5 min \(\d\d:\d\d:\d\d–\d\d:\d\d:\d\d UTC\), read \d+ s ago/,
  );
  await expect(page.getByRole('heading', { name: 'No analysis of this rollout yet' })).toHaveCount(0);

  const actions = page.getByRole('toolbar', { name: 'Rollout actions' });
  await expect(actions.getByRole('button')).toHaveCount(2);
  await actions.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Done: Paused checkout-prod-eu' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute(
    'title',
    'Already paused.',
  );

  // Abort from the palette opens the same confirmation as the button.
  await page.keyboard.press('Control+K');
  await page.getByPlaceholder('Type a command or a rollout…').fill('abort');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Abort the rollout of checkout 2.4.0?' });
  await expect(dialog.getByTestId('confirm-consequence')).toContainText(
    'Traffic returns to 2.3.1 in prod-eu',
  );
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('canary-live-health')).toHaveText('Healthy');
  await expect(page.getByTestId('canary-live-window')).toHaveText(
    'From the rollout’s phase: no canary takes traffic.',
  );
});
