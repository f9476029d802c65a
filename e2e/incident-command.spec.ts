// Incident command end to end, as a commander would run it: declare an incident, find Promote
// refused with the freeze named, pause everything in flight, be refused resolving without a root
// cause, resolve with one (the freeze lifts), and draft the postmortem with the actions in order.
import { expect, test } from './fixtures';

test('declare, frozen Promote, pause everything, resolve only with a root cause, postmortem with the actions in order', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await expect(page.getByTestId('fleet-count')).toHaveText('27 rollouts', { timeout: 15_000 });
  const base = page.url().replace(/#.*$/, '');

  await page.goto(`${base}#/incidents`);
  await page.getByRole('button', { name: /Declare incident/ }).click();
  const declare = page.getByTestId('declare-incident');
  await declare.getByLabel('Title').fill('Checkout 5xx after 2.4.0');
  await declare.getByLabel('Severity').selectOption('SEV1');
  await declare.getByLabel('Title').press('Enter');
  const banner = page.getByTestId('freeze-banner');
  await expect(banner).toContainText('INC-1');

  // Promote is refused by the core's freeze, and the button says why.
  await page.goto(`${base}#/rollout/simulator%2Fpayments-prod-us`);
  const promote = page.locator('[data-action="promote"]');
  await expect(promote).toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('#action-reason-promote')).toContainText(/frozen.*INC-1/);

  // Pause everything in flight.
  await page.goto(`${base}#/fleet`);
  await page.getByRole('button', { name: 'Pause everything' }).click();
  const pauseAll = page.getByRole('dialog', { name: 'Pause everything' });
  const planned = Number(
    /Pauses (\d+)/.exec((await pauseAll.getByTestId('pause-all-consequence').textContent()) ?? '')?.[1],
  );
  expect(planned).toBeGreaterThanOrEqual(5);
  await page.keyboard.press('Enter');
  await expect(pauseAll.getByRole('status')).toHaveText(`${planned} paused, 0 already paused, 0 failed.`);
  await page.keyboard.press('Escape');

  // Resolving needs a root cause; with one, the freeze lifts.
  await page.goto(`${base}#/incidents/INC-1`);
  await page.getByRole('button', { name: 'Resolve…' }).click();
  const resolve = page.getByTestId('resolve-incident');
  await resolve.getByRole('button', { name: /Confirm/ }).click();
  await expect(resolve.getByTestId('resolve-error')).toContainText(/root cause/i);
  await expect(banner).toBeVisible();
  await resolve
    .getByLabel(/Root cause/)
    .fill('checkout 2.4.0 retried payments without a timeout; see https://wiki.example/rca/42');
  await resolve.getByRole('button', { name: /Confirm/ }).click();
  await expect(resolve).toBeHidden();
  await expect(banner).toBeHidden();
  await page.goto(`${base}#/rollout/simulator%2Fpayments-prod-us`);
  await page.reload();
  await expect(page.getByTestId('rollout-phase')).toBeVisible();
  await expect(promote).not.toHaveAttribute('aria-disabled', 'true');

  // The postmortem draft lists what was done, in order, with who did it.
  await page.goto(`${base}#/incidents/INC-1`);
  await page.getByRole('button', { name: 'Draft postmortem' }).click();
  const markdown = page.getByTestId('postmortem-markdown');
  await expect(markdown).toContainText('## Timeline');
  const text = (await markdown.textContent()) ?? '';
  const declared = text.indexOf('declared INC-1');
  const paused = text.search(/e2e-operator[^\n]*[Pp]aused every/);
  const resolved = text.search(/e2e-operator[^\n]*resolved INC-1/);
  expect(declared, text).toBeGreaterThan(-1);
  expect(paused, text).toBeGreaterThan(declared);
  expect(resolved, text).toBeGreaterThan(paused);
  expect(text).toContain('wiki.example/rca/42');
});
