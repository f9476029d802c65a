// The release freeze as a commander meets it: declare an incident, Promote says why it is refused,
// resolving without a root cause is refused in the dialog, and with one the banner goes and Promote works.
import { expect, test } from './fixtures';

test('declare: Promote is refused with the incident named; resolve needs a root cause, then the freeze lifts', async ({
  page,
}) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: /Declare incident/ }).click();
  const declare = page.getByRole('dialog');
  await declare.getByRole('textbox', { name: 'Title' }).fill('Checkout 5xx');
  await declare.getByRole('combobox', { name: 'Severity' }).selectOption('SEV1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'INC-1 “Checkout 5xx”' })).toBeVisible();
  const banner = page.getByTestId('freeze-banner');
  await expect(banner).toContainText('Releases frozen');
  await expect(banner).toContainText('INC-1 everywhere, until resolved with a root cause');

  await page.goto(`${page.url().split('#')[0]}#/rollout/payments-prod-us`);
  const promote = page.getByRole('button', { name: 'Promote', exact: true });
  await expect(promote).toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('#action-reason-promote')).toContainText(
    'Releases are frozen: INC-1 “Checkout 5xx” (SEV1, commander e2e-operator)',
  );
  await expect(page.locator('[data-override="promote"]')).toBeVisible();

  await page.goto(`${page.url().split('#')[0]}#/incidents/INC-1`);
  await page.getByRole('button', { name: 'Resolve…' }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('resolve-error')).toContainText('cannot be resolved without a root cause');
  await page.getByRole('textbox', { name: /Root cause/ }).fill('https://wiki.example/rca/1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('incident-rca')).toHaveText('https://wiki.example/rca/1');
  await expect(banner).toHaveCount(0);

  await page.goto(`${page.url().split('#')[0]}#/rollout/payments-prod-us`);
  await expect(page.getByRole('button', { name: 'Promote', exact: true })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
});
