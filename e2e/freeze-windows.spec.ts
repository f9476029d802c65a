// A scheduled freeze window as a release manager adds it: in Settings, covering now, for prod-us. The
// banner says when releases reopen in the window's zone, and Promote is refused with the window named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEEKDAYS, wallClockOf } from '../src/shared/zoned-time';
import { expect, test } from './fixtures';

/** "Thu 09:00": the Berlin day and hour `hours` from now. */
function berlin(hours: number): string {
  const w = wallClockOf(Date.now() + hours * 3_600_000, 'Europe/Berlin');
  return `${WEEKDAYS[w.weekday]} ${String(w.hour).padStart(2, '0')}:00`;
}

test('a window added in Settings covering now freezes prod-us: banner with the reopen time, Promote refused naming it', async ({
  page,
  workspace,
}) => {
  await page.evaluate("window.location.hash = '#/settings'");
  await page.getByRole('button', { name: 'Add freeze window' }).click();
  const form = page.getByRole('dialog', { name: 'Add a freeze window' });
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await form.getByLabel('Name', { exact: true }).fill('weekend');
  await form.getByLabel('Environments', { exact: true }).fill('prod-us');
  await form.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin');
  // A window that never ends is refused under the field, and nothing is written.
  await form.getByLabel('From', { exact: true }).fill('Fri 16:00');
  await form.getByLabel('To', { exact: true }).fill('Fri 16:00');
  await form.getByRole('button', { name: 'Save to config.yaml' }).click();
  await expect(form.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
    /whole week and never end/,
  );
  await form.getByLabel('From', { exact: true }).fill(berlin(-2));
  await form.getByLabel('To', { exact: true }).fill(berlin(49));
  await form.getByLabel('Reason', { exact: true }).fill('No releases over the weekend');
  await form.getByRole('button', { name: 'Save to config.yaml' }).click();
  await expect(form).toBeHidden();
  expect(readFileSync(join(workspace, 'config.yaml'), 'utf8')).toContain('name: weekend');

  const card = page.getByTestId('freeze-window-weekend');
  await expect(card.getByTestId('window-state')).toHaveText('in force');
  const banner = page.getByTestId('freeze-banner');
  await expect(banner).toContainText(
    /window “weekend” in prod-us, until \w{3} \d\d:00 Europe\/Berlin \(in (2 d 0|1 d 23) h\)/,
  );

  await page.evaluate("window.location.hash = '#/rollout/payments-prod-us'");
  const promote = page.getByRole('button', { name: 'Promote', exact: true });
  await expect(promote).toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('#action-reason-promote')).toContainText(
    'Releases are frozen in prod-us by the freeze window “weekend”',
  );
  await expect(page.locator('#action-reason-promote')).toContainText('No releases over the weekend');
  await expect(banner).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
});
