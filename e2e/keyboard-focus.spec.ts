// Keyboard users start where the content does: a skip link first, focus on the main heading of
// each newly opened view, and back on the control that opened a dialog once it closes.
import { expect, test } from './fixtures';

test('a skip link comes first and jumps to the main heading', async ({ page }) => {
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeFocused();
  // The route stays: the skip link is not a hash link.
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  // From the heading the list keys still move through the rollouts.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('grid', { name: 'Rollouts' })).toBeFocused();
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('focus moves to the main heading of each newly opened view', async ({ page }) => {
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeFocused();
  await nav.getByRole('link', { name: 'Migrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Migrations' })).toBeFocused();
  await nav.getByRole('link', { name: /Fleet/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeFocused();
  // Opened from the keyboard: the rollout's heading, once its data is there.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'checkout · prod-eu' })).toBeFocused();
});

test('closing a dialog returns focus to the control that opened it', async ({ page }) => {
  await page.getByTestId('fleet-row-simulator/checkout-prod-eu').click();
  const abort = page.getByRole('button', { name: 'Abort', exact: true });
  const rollForward = page.getByRole('button', { name: 'Roll forward', exact: true });
  const dialog = page.getByRole('dialog');

  await abort.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(abort).toBeFocused();

  // By its shortcut, the action's button is the trigger. (Clicking text leaves focus nowhere.)
  await page.getByTestId('rollout-message').click();
  await expect(abort).not.toBeFocused();
  await page.keyboard.press('a');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(abort).toBeFocused();

  // From the command palette too.
  await page.keyboard.press('Control+K');
  await page.getByPlaceholder('Type a command or a rollout…').fill('Roll forward');
  await page.getByRole('option', { name: /Roll forward simulator\/checkout-prod-eu/ }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(rollForward).toBeFocused();
});
