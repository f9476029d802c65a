// The schema-migration journey on the demo plan: the backfill phase is active with a failing
// rows-left check, the contract step is blocked by the old checkout release, and ticking a manual
// item lands in the audit log with who did it and the note.
import { expect, test } from './fixtures';

test('open the demo migration: P3 backfill active, rows left failing, P7 blocked, tick audited', async ({
  page,
}) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Migrations' }).click();
  const row = page.getByTestId('migration-row-orders-customer-id');
  await expect(row).toContainText('P3 backfill');
  await row.click();

  const p3 = page.getByTestId('phase-step-P3');
  await expect(p3).toHaveAttribute('data-state', 'active');
  await expect(p3).toContainText('Active');
  const rowsLeft = page.getByTestId('item-rows-left');
  await expect(rowsLeft).toHaveAttribute('data-state', 'failed');
  await expect(rowsLeft).toContainText('Failed');
  await expect(rowsLeft).toContainText(/[\d,]+ rows left/);

  await page.getByTestId('phase-step-P7').click();
  await expect(page.getByTestId('phase-step-P7')).toContainText('Blocked');
  const gates = page.getByTestId('phase-gates');
  await expect(gates).toContainText('prod-eu still run checkout 2.3.1, which reads orders.customer_ref');
  await expect(page.getByTestId('rollback-path')).toContainText('cannot be undone');

  await page.getByTestId('phase-step-P3').click();
  await page
    .getByRole('button', { name: 'Tick “Backfill job started (batches of 5,000 rows, throttled)”' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Recorded as done by e2e-operator');
  await dialog.getByRole('textbox', { name: 'Note' }).fill('backfill job #4411 started');
  await page.keyboard.press('Enter');
  const started = page.getByTestId('item-backfill-started');
  await expect(started).toHaveAttribute('data-state', 'passed');
  await expect(started).toContainText('Ticked by e2e-operator');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const record = page.locator('[data-testid^="audit-row-"]', { hasText: 'migration.item-ticked' }).first();
  await expect(record).toContainText('e2e-operator');
  await expect(record).toContainText('orders-customer-id');
  await expect(record).toContainText('backfill job #4411 started');
});

test('advancing is disabled while rows are left to backfill, and the button says why', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Migrations' }).click();
  await page.getByTestId('migration-row-orders-customer-id').click();
  const advance = page
    .getByRole('toolbar', { name: 'Migration actions' })
    .getByRole('button', { name: 'Advance to P4' });
  await expect(advance).toBeDisabled();
  await expect(advance).toHaveAttribute('title', /No rows left to backfill/);
});
