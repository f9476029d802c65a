// Browser mode on a shared screen and under trouble: an observer may watch but not act, and when
// the control room stops answering the page says its data is stale, with the age.
import { expect, test } from './fixtures';

test('an observer sees everything but every action is disabled with the reason', async ({ page, server }) => {
  // Opened in the tab that held the operator's invitation: the page starts again as the observer.
  await page.goto(server?.observerUrl ?? '');
  await expect(page.getByTestId('session-actor')).toContainText(/observer\s*observer/);
  await page.getByTestId('fleet-row-simulator/payments-prod-us').click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  for (const name of ['Pause', 'Resume', 'Promote', 'Promote fully', 'Abort', 'Retry', 'Roll forward']) {
    const button = page.getByRole('button', { name, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', /[Oo]bserver/);
  }
  // Even a crafted request is refused by the server, not just hidden by the page.
  const observerToken = new URL(server?.observerUrl ?? 'http://x').hash.replace('#token=', '');
  const refused = await page.evaluate(async (token) => {
    const response = await fetch('/api/rollout.act', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        id: 'payments-prod-us',
        action: 'promote',
        idempotencyKey: 'observer-crafted-1',
      }),
    });
    return response.status;
  }, observerToken);
  expect(refused).toBe(403);
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 4\/8/);
});

test('when the control room stops answering, the page says its data is stale and how old', async ({
  page,
  server,
}) => {
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveText(/Live/);
  server?.process.kill('SIGSTOP'); // hangs every request, like a stuck backend
  try {
    await expect(page.getByTestId('stale-indicator')).toContainText(/Stale — updated \d+ ?s ago/, {
      timeout: 15_000,
    });
    // The last data stays on screen: stale, not gone.
    await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  } finally {
    server?.process.kill('SIGCONT');
  }
  await expect(page.getByTestId('live-indicator')).toBeVisible({ timeout: 15_000 });
});
