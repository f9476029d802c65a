// A facilitator starts a shared drill from the Drills view: it runs as its own drill room (its own
// process), opens in a new tab with the DRILL banner, while this page keeps the real fleet with no
// banner; the Running drills panel stops it, confirmed with Enter.
import { seriousViolations } from './axe-violations';
import { expect, test } from './fixtures';

test('start a drill from the Drills view: its room opens apart, this room stays real', async ({
  page,
  server,
}) => {
  if (!server) throw new Error('browser mode only: the electron project ignores this spec');
  await page.evaluate("window.location.hash = '#/drills'");
  await page.getByRole('button', { name: 'Start drill… canary-error-rate' }).click();
  const dialog = page.getByRole('dialog', { name: /Start drill/ });
  await dialog.getByLabel('Team (optional)').fill('blue');
  await dialog.getByLabel('Name of person 1').fill('dana');
  await dialog.getByLabel('Role of person 1').selectOption('observer');
  const found = (await seriousViolations(page)).map((l) => `start dialog: ${l}`);
  await dialog.getByLabel('Name of person 1').press('Enter');

  const started = page.getByTestId('drill-started');
  await expect(started).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('drill-join-dana')).toContainText(
    /observer.*http:\/\/127\.0\.0\.1:\d+\/.*token=/,
  );
  found.push(...(await seriousViolations(page)).map((l) => `started dialog: ${l}`));
  expect(found, found.join('\n')).toEqual([]);
  const facilitatorUrl = (await page.getByTestId('drill-facilitator-url').textContent()) ?? '';
  expect(new URL(facilitatorUrl).origin).not.toBe(new URL(server.url).origin);

  const opened = page.context().waitForEvent('page');
  await started.getByRole('button', { name: 'Open drill room' }).click();
  const room = await opened;
  await expect(room.getByTestId('drill-banner')).toContainText('DRILL');
  await expect(room.getByTestId('drill-banner-title')).toHaveText('Canary error-rate regression');
  await expect(room.getByTestId('drill-banner-state')).toHaveText('Ready');

  // This room is still the real one: its fleet, and no banner.
  await page.keyboard.press('Escape');
  await page.evaluate("window.location.hash = '#/fleet'");
  await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
  await expect(page.getByTestId('drill-banner')).toHaveCount(0);

  await page.evaluate("window.location.hash = '#/drills'");
  const row = page.getByTestId(/^running-drill-canary-error-rate-/);
  await expect(row).toContainText('Canary error-rate regression');
  await row.getByRole('button', { name: /^Stop drill room/ }).click();
  await expect(page.getByRole('dialog', { name: /Stop drill room/ })).toContainText('join URLs stop working');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('running-drills')).toHaveCount(0);
  await room.close();

  // An observer sees the button, disabled, with why.
  const observer = await page.context().newPage();
  await observer.goto(server.observerUrl);
  await observer.evaluate("window.location.hash = '#/drills'");
  const start = observer.getByRole('button', { name: 'Start drill… canary-error-rate' });
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  await expect(start).toHaveAccessibleDescription(/Observer session/);
  await start.dispatchEvent('click');
  await expect(observer.getByRole('dialog')).toHaveCount(0);
  await observer.close();
});
