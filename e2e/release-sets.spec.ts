// The Done-when for release sets: start the demo two-member set (payments 5.13.0, then
// checkout 2.4.1) in prod-us and watch checkout wait, with the gate's reason, while payments rolls
// out; once payments is at 100% and healthy, checkout rolls out. At 60x the simulator's canary
// finishes in seconds. Both views pass axe, the set view in both themes.
import { chromium } from '@playwright/test';
import { seriousViolations } from './axe-violations';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expect, startServe, stopServe, test } from './fixtures';

test('start a two-member release set and watch the second member wait for the first', async () => {
  test.setTimeout(60_000);
  const server = await startServe(undefined, ['--speed', '60']);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sets' }).click();
    const row = page.getByTestId('set-row-checkout-2-4');
    await expect(row).toContainText('payments 5.13.0 + checkout 2.4.1');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link', { name: 'checkout-2-4' }).click();

    await page.getByTestId('set-environment').selectOption('prod-us');
    await expect(page.getByTestId('set-state')).toHaveText('Not started');
    await page
      .getByRole('toolbar', { name: 'Release set actions' })
      .getByRole('button', { name: 'Start' })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Starts payments 5.13.0 in prod-us now.');
    await expect(dialog).toContainText(
      'checkout 2.4.1 starts only when payments is at 100% and healthy in prod-us.',
    );
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('refund API release');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);

    // Payments rolls out; checkout waits, and the gate says what for.
    await expect(page.getByTestId('set-state')).toHaveText('Running');
    await expect(page.getByTestId('set-member-state-0')).toHaveText('Rolling out');
    await expect(page.getByTestId('set-member-state-1')).toHaveText('Waiting');
    await expect(page.getByTestId('set-gate-1')).toContainText(/waiting: payments at \d+%/);
    expect(await seriousViolations(page)).toEqual([]);

    // The canary stops for a person's judgment at 25%: promote it from its rollout view.
    await page.getByTestId('set-member-0').getByRole('link', { name: 'payments-prod-us' }).click();
    await page.getByRole('button', { name: 'Promote', exact: true }).click();
    await page.goBack();
    await page.getByTestId('set-environment').selectOption('prod-us');

    // Payments reaches 100% and healthy: the gate opens and checkout starts.
    await expect(page.getByTestId('set-member-state-0')).toHaveText('Done', { timeout: 40_000 });
    await expect(page.getByTestId('set-gate-1')).toContainText('open: payments');
    await expect(page.getByTestId('set-member-state-1')).toHaveText('Rolling out');
    await expect(page.getByTestId('set-audit-story')).toContainText('set.member-started');
    // The light theme passes axe too (contrast of the gate's words and the state badges).
    const toggle = page.getByRole('button', { name: /Dark|Light/ });
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await browser.close();
    await stopServe(server);
  }
});
