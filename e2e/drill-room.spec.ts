// A drill room shared by two browsers: the facilitator (who started `serve --drill`) and an
// observer. The observer may watch but not act; what the facilitator does shows on the observer's
// screen within a second; a live inject reaches the participants; the end gives the run's report.
import { chromium, type Browser, type Page } from '@playwright/test';
import { seriousViolations } from './axe-violations';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expect, startServe, stopServe, test } from './fixtures';

/** Every button in `main`, by accessible name, as palette-coverage.spec lists them. */
async function buttonsIn(page: Page): Promise<string[]> {
  const snapshot = await page.locator('main').ariaSnapshot();
  return [...snapshot.matchAll(/^\s*- button ("(?:[^"\\]|\\.)*")/gm)].map(
    (m) => JSON.parse(m[1] ?? '""') as string,
  );
}

/** The facilitator's buttons the palette does not offer, searched by their names. */
async function notInPalette(page: Page, atLeast = 5): Promise<string[]> {
  const words = (s: string) => s.replace(/…/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const missing: string[] = [];
  const names = await buttonsIn(page);
  expect(names.length).toBeGreaterThanOrEqual(atLeast);
  await page.keyboard.press('Control+K');
  for (const name of names) {
    await page.locator('.palette-input').fill(words(name));
    const labels = async () => (await page.locator('.palette-item-label').allTextContents()).map(words);
    try {
      await expect.poll(labels, { timeout: 1500 }).toContainEqual(expect.stringContaining(words(name)));
    } catch {
      missing.push(name);
    }
  }
  await page.keyboard.press('Escape');
  return missing;
}

/** Opens an invitation, then a route of the app (the token stays with the tab). */
async function join(browser: Browser, url: string, hash: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.goto(`${url.replace(/#.*$/, '')}${hash}`);
  return page;
}

test('facilitator and observer share a drill: the facilitator rejoins, refusal, pause within 1 s, a live inject, the report', async () => {
  test.setTimeout(40_000);
  // At 30x the 30-minute drill lasts a minute of wall time: longer than this test, on a slow machine too.
  const server = await startServe(undefined, ['--drill', 'canary-error-rate', '--speed', '30']);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    let facilitator = await join(browser, server.url, '#/drill');
    const observer = await join(browser, server.observerUrl, '#/drill');

    // The DRILL banner, on both screens, from the first moment.
    for (const page of [facilitator, observer]) {
      await expect(page.getByTestId('drill-banner')).toContainText('DRILL');
      await expect(page.getByTestId('drill-banner-title')).toHaveText('Canary error-rate regression');
      await expect(page.getByTestId('drill-banner-state')).toHaveText('Ready');
    }
    // Only the facilitator has the clock and the injects to come.
    await expect(facilitator.getByTestId('drill-upcoming')).toContainText('Metric fault');
    await expect(observer.getByTestId('drill-participant-note')).toBeVisible();
    await expect(observer.getByTestId('drill-controls')).toHaveCount(0);
    await expect(observer.getByTestId('drill-upcoming')).toHaveCount(0);
    // Every button of the facilitator's panel is in the palette too.
    expect(await notInPalette(facilitator)).toEqual([]);
    // The banner and the facilitator's panel pass axe (contrast included) in both themes.
    const violations: string[] = [];
    for (const theme of ['dark', 'light']) {
      const toggle = facilitator.getByRole('button', { name: /Dark|Light/ });
      if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light')) await toggle.click();
      await expect(facilitator.locator('html')).toHaveAttribute('data-theme', theme);
      violations.push(...(await seriousViolations(facilitator)).map((v) => `${theme}: ${v}`));
    }
    expect(violations, violations.join('\n')).toEqual([]);

    await facilitator.getByRole('button', { name: 'Start drill' }).click();
    await expect(observer.getByTestId('drill-banner-state')).toHaveText('Running');

    // The facilitator's browser closes mid-drill: the drill goes on in the server, and the same URL
    // rejoins it with the facilitator's panel.
    const offsetBefore = (await observer.getByTestId('drill-offset').textContent()) ?? '';
    await facilitator.context().close();
    await expect(observer.getByTestId('drill-offset')).not.toHaveText(offsetBefore, { timeout: 5_000 });
    await expect(observer.getByTestId('drill-banner-state')).toHaveText('Running');
    facilitator = await join(browser, server.url, '#/drill');
    await expect(facilitator.getByTestId('drill-banner-state')).toHaveText('Running');
    await expect(facilitator.getByTestId('drill-controls')).toBeVisible();

    // The observer's Abort is not offered: disabled, saying why.
    await observer.goto(`${server.observerUrl.replace(/#.*$/, '')}#/rollout/checkout-prod-eu`);
    await expect(observer.getByTestId('drill-banner')).toContainText('Running');
    const abort = observer.getByRole('button', { name: 'Abort', exact: true });
    await expect(abort).toBeDisabled();
    await expect(abort).toHaveAttribute('title', /[Oo]bserver/);
    await observer.goto(`${server.observerUrl.replace(/#.*$/, '')}#/drill`);
    await expect(observer.getByTestId('drill-view')).toBeVisible();

    // The facilitator pauses checkout in prod-eu (no confirmation): the observer sees it in a second.
    await facilitator.goto(`${server.url.replace(/#.*$/, '')}#/rollout/checkout-prod-eu`);
    await facilitator.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(facilitator.getByTestId('rollout-phase')).toHaveText('Paused');
    const pauseRow = observer
      .getByTestId('drill-actions')
      .getByRole('row', { name: /pause.*checkout-prod-eu/ });
    await expect(pauseRow).toContainText('e2e-operator', { timeout: 1_000 });
    await expect(pauseRow).toContainText('succeeded');

    // A live inject: a refused value is named beside its field and nothing typed is lost...
    await facilitator.goto(`${server.url.replace(/#.*$/, '')}#/drill`);
    const form = facilitator.getByTestId('inject-form');
    await form.getByLabel('What happens').selectOption('metric-fault');
    await form.getByLabel('Service').fill('checkout');
    await form.getByLabel('Factor (× the normal value)').fill('-3');
    await form.getByRole('button', { name: 'Inject now' }).click();
    await expect(form.getByTestId('inject-error-factor')).not.toBeEmpty();
    await expect(form.getByLabel('Service')).toHaveValue('checkout');
    // ...and an alert firing reaches the observer's screen.
    await form.getByLabel('What happens').selectOption('alert');
    await form.getByLabel('Alert name').fill('CheckoutErrorBudgetBurn');
    await form.getByLabel('Environment').fill('prod-eu');
    await form.getByLabel('Summary').fill('checkout burns its error budget 14x too fast');
    await form.getByLabel('What participants see').fill('Pager: CheckoutErrorBudgetBurn in prod-eu');
    await form.getByRole('button', { name: 'Inject now' }).click();
    await expect(observer.getByTestId('drill-inject-live-1')).toContainText(
      'Pager: CheckoutErrorBudgetBurn in prod-eu',
    );
    await expect(observer.getByTestId('drill-inject-live-1')).toContainText('Live inject');

    // A config push with no deploy: the observer may not take it back; an operator may, with Enter.
    await form.getByLabel('What happens').selectOption('config-push');
    await form.getByLabel('Config key').fill('pool.size');
    await form.getByLabel('New value').fill('4');
    await form.getByLabel('What participants see').fill('payments pool.size set to 4');
    await form.getByLabel('Service').fill('payments');
    await form.getByRole('button', { name: 'Inject now' }).click();
    const observerRevert = observer.getByTestId('revert-config-live-2');
    await expect(observerRevert).toBeDisabled();
    await expect(observerRevert).toHaveAttribute('title', /[Oo]bserver/);
    expect(await notInPalette(observer, 1)).toEqual([]);
    await facilitator.getByTestId('revert-config-live-2').click();
    await expect(facilitator.getByTestId('revert-config')).toContainText('with no deploy');
    await facilitator.keyboard.press('Enter');
    await expect(
      observer.getByTestId('drill-actions').getByRole('row', { name: /revert-config.*live-2/ }),
    ).toContainText('e2e-operator');
    await expect(observer.getByTestId('drill-inject-live-2')).toContainText('ended');

    // The end: confirmed with Enter, saying what happens; both screens get the run's report.
    await facilitator.getByRole('button', { name: 'End drill…' }).click();
    const confirm = facilitator.getByTestId('drill-confirm-end');
    await expect(confirm).toContainText('is scored as it stands');
    await facilitator.keyboard.press('Enter');
    await expect(observer.getByTestId('drill-banner-state')).toHaveText('Ended');
    for (const page of [facilitator, observer]) {
      const report = page.getByTestId('drill-report-link');
      await expect(report).toHaveAttribute('href', /^#\/drills\/[^/]+$/);
    }
  } finally {
    await browser.close();
    await stopServe(server);
  }
});
