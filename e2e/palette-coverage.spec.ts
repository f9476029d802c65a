// The command palette reaches every action of every view: each route is opened (with a rollout of
// every strategy the simulator has, a steady one, canary views with and without runs, both
// migrations, the demo release set, an incident it declares, a frozen rollout), every button, menu
// item and tab in `main` is listed by its accessible name, and the palette, searched by that name,
// must offer an entry for it. A button added without a palette entry fails here, naming the route
// and the button.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface Screen {
  hash: string;
  /** What shows once the view's controls are there. */
  ready: (page: Page) => Promise<void>;
}

const testId = (id: string) => async (page: Page) => {
  await expect(page.getByTestId(id).first()).toBeVisible();
};
const actionBar = testId('rollout-phase');

/** Rollouts by the demo fleet's strategies (resources/demo-fleet.yaml), and one with nothing in flight. */
const ROLLOUTS = {
  'canary-slow-bake': 'checkout-prod-eu',
  'canary-standard': 'payments-prod-us',
  'canary-fast': 'search-prod-us',
  'blue-green': 'catalog-prod-eu',
  'rolling-batches': 'cart-staging',
  'phased-regions': 'auth-prod-us',
  steady: 'checkout-staging',
};

const SCREENS: Screen[] = [
  { hash: '#/fleet', ready: testId('fleet-row-simulator/checkout-prod-eu') },
  ...Object.values(ROLLOUTS).map((id) => ({ hash: `#/rollout/${id}`, ready: actionBar })),
  // No analysis run yet, and one with runs (its run's own re-judge, the metric table).
  {
    hash: '#/rollout/checkout-prod-eu/canary',
    ready: async (page: Page) => {
      await expect(page.getByRole('button', { name: 'Re-judge', exact: true })).toBeVisible();
    },
  },
  {
    // Judged from the palette (the view's own Re-judge), so the view then shows a run.
    hash: '#/rollout/catalog-prod-eu/canary',
    ready: async (page: Page) => {
      await expect(page.getByRole('button', { name: 'Re-judge', exact: true })).toBeVisible();
      await page.keyboard.press('Control+K');
      await page.locator('.palette-input').fill('re-judge');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: /^Re-judge run #/ })).toBeVisible();
    },
  },
  { hash: '#/changes?window=1h', ready: testId('change-lane') },
  {
    hash: '#/incidents',
    ready: (page) => expect(page.getByRole('button', { name: 'Declare incident' })).toBeVisible(),
  },
  { hash: '#/alerts', ready: testId('alert-HighErrorRate') },
  { hash: '#/migrations', ready: testId('migration-row-orders-customer-id') },
  { hash: '#/migrations/orders-customer-id', ready: testId('phase-detail') },
  { hash: '#/migrations/users-email-lower', ready: testId('phase-detail') },
  { hash: '#/sets', ready: testId('set-row-checkout-2-4') },
  // The demo set in the environment it shows first: Start, Pause, Resume, Abort.
  { hash: '#/sets/checkout-2-4', ready: testId('set-verdict') },
  { hash: '#/audit', ready: testId('audit-count') },
  { hash: '#/flags', ready: testId('flag-env-prod-us') },
  { hash: '#/delivery', ready: testId('delivery-period') },
  {
    hash: '#/notifications',
    ready: (page) => expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible(),
  },
  { hash: '#/settings', ready: testId('connection-card-simulator') },
  { hash: '#/drills', ready: testId('drill-scenario-canary-error-rate') },
  // Not a drill's room: the view says so and offers nothing (drill-room.spec checks a drill's buttons).
  { hash: '#/drill', ready: testId('drill-none') },
];

/** After an incident is declared: its page, its postmortem panel drafted, and a frozen rollout. */
const FROZEN_SCREENS: Screen[] = [
  { hash: '#/incidents', ready: (page) => expect(page.getByText('INC-1').first()).toBeVisible() },
  {
    hash: `#/rollout/${ROLLOUTS['canary-standard']}`,
    ready: async (page) => {
      await expect(page.locator('[data-override]').first()).toBeVisible();
    },
  },
  { hash: '#/incidents/INC-1', ready: testId('postmortem-panel') },
];

/**
 * Controls that are not actions, so the palette need not offer them. Keep this short: an action
 * never goes here.
 */
const NOT_ACTIONS: { route: RegExp; name: RegExp; why: string }[] = [
  { route: /^#\/rollout\/[^/]+$/, name: /^(15m|30m|1h|6h)$/, why: 'chart time range on the rollout view' },
  {
    route: /^#\/migrations\//,
    name: /^P\d [\w -]+ (⚠ )?(Done|Active|Pending|Blocked|Rolled back)$/,
    why: 'phase stepper: chooses which phase is shown, changes nothing',
  },
  {
    route: /canary/,
    name: /^(Metric and why|Result|Baseline median|Canary median|Shift|Effect size|p-value)$/,
    why: 'metric table sort headers',
  },
];

/** Controls whose palette words differ from their name: name → what to type and what must be offered. */
const ALIASES: { name: RegExp; palette: (m: RegExpMatchArray) => string }[] = [
  // Fleet chips: "6 Progressing", "prod-eu", "All environments".
  { name: /^\d+ need attention.*$/, palette: () => 'Show rollouts that need attention' },
  {
    name: /^\d+ (Progressing|Paused|Awaiting promotion|Degraded|Aborted|Completed)$/,
    palette: (m) => `Show ${m[1]} only`,
  },
  { name: /^(staging|prod-us|prod-eu)$/, palette: (m) => `Show ${m[1]} only` },
  { name: /^All environments$/, palette: () => 'Show all environments' },
  // What changed's windows.
  { name: /^1 h$/, palette: () => 'What changed in the last hour' },
  { name: /^(15 min|6 h|24 h)$/, palette: (m) => `What changed in the last ${m[1]}` },
  // Audit's time-range presets.
  {
    name: /^(Last 15 min|Last hour|Last 24 h|Any time)$/,
    palette: (m) => `Audit: ${(m[1] ?? '').toLowerCase()}`,
  },
  { name: /^Resolve$/, palette: () => 'Resolve incident' },
  { name: /^Download Markdown$/, palette: () => 'Download postmortem Markdown' },
  // A playbook's countermeasure: "Pause its rollout → simulator/checkout-prod-eu".
  {
    name: /^(Pause its rollout|Abort its newest rollout) (.+)$/,
    palette: (m) => `Run countermeasure: ${m[1]} ${m[2]}`,
  },
];

/** The words compared: case, ellipses, arrows and download glyphs aside. */
const words = (s: string): string => s.replace(/[…→⬇]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();

function paletteWordsFor(name: string): string {
  const plain = words(name);
  for (const alias of ALIASES) {
    const m = name.replace(/[…→⬇]/g, ' ').replace(/\s+/g, ' ').trim().match(alias.name);
    if (m) return words(alias.palette(m));
  }
  return plain;
}

/** Every button, menu item and tab in `main`, by accessible name (as Playwright computes it). */
async function controlsIn(page: Page): Promise<string[]> {
  const snapshot = await page.locator('main').ariaSnapshot();
  const names = new Set<string>();
  for (const line of snapshot.split('\n')) {
    const m = /^\s*- (button|menuitem|tab) ("(?:[^"\\]|\\.)*")/.exec(line);
    if (m?.[2]) names.add(JSON.parse(m[2]) as string);
  }
  return [...names];
}

/** Types `query` into the open palette; true when some entry's label contains `expected`. */
async function paletteOffers(page: Page, query: string, expected = query): Promise<boolean> {
  await page.locator('.palette-input').fill(query);
  try {
    await expect
      .poll(async () => (await page.locator('.palette-item-label').allTextContents()).map(words), {
        timeout: 1500,
      })
      .toContainEqual(expect.stringContaining(words(expected)));
    return true;
  } catch {
    return false;
  }
}

async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+K');
  await expect(page.locator('.palette-input')).toBeFocused();
}

async function closePalette(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.locator('.palette-input')).toHaveCount(0);
}

/** How many controls were looked up, so the test cannot pass by finding none. */
const checked = { count: 0 };

/** Opens each screen, lists its controls, and returns those the palette does not offer. */
async function gaps(page: Page, base: string, screens: Screen[]): Promise<string[]> {
  const missing: string[] = [];
  for (const screen of screens) {
    await page.goto(`${base}${screen.hash}`);
    await screen.ready(page);
    const controls = (await controlsIn(page)).filter(
      (name) => !NOT_ACTIONS.some((x) => x.route.test(screen.hash) && x.name.test(name)),
    );
    checked.count += controls.length;
    await openPalette(page);
    for (const name of controls)
      if (!(await paletteOffers(page, paletteWordsFor(name)))) missing.push(`${screen.hash}: “${name}”`);
    await closePalette(page);
  }
  return missing;
}

test('the palette offers every button of every view, and every view by name', async ({ page }) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('fleet-count')).toHaveText('27 rollouts', { timeout: 15_000 });
  const base = page.url().replace(/#.*$/, '');
  const missing = await gaps(page, base, SCREENS);

  // A fleet row's context menu: each item is in the palette by the rollout's name.
  await page.goto(`${base}#/fleet`);
  const row = page.getByTestId('fleet-row-simulator/checkout-prod-eu');
  await row.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for simulator/checkout-prod-eu' });
  await expect(menu.getByRole('menuitem', { name: /^Pause/ })).toBeVisible();
  const items = await menu.locator('[role="menuitem"] > span:first-child').allTextContents();
  await page.keyboard.press('Escape');
  await openPalette(page);
  for (const item of items) {
    const query =
      item === 'Open' ? 'open rollout simulator/checkout-prod-eu' : `${words(item)} checkout prod-eu`;
    const found =
      item === 'Canary analysis'
        ? await paletteOffers(page, 'canary analysis simulator/checkout-prod-eu')
        : await paletteOffers(page, query);
    if (!found) missing.push(`fleet row menu: “${item}”`);
  }

  // Every view by name.
  for (const view of [
    'fleet',
    'what changed',
    'incidents',
    'alerts',
    'migrations',
    'flags',
    'release sets',
    'audit',
    'notifications',
    'settings',
  ])
    if (!(await paletteOffers(page, `go to ${view}`))) missing.push(`view by name: “Go to ${view}”`);
  if (!(await paletteOffers(page, 'delivery metrics'))) missing.push('view by name: “Delivery metrics”');

  // The issue's own words: pause everything, declare, silence, a countermeasure, by name.
  for (const words of ['pause everything', 'declare incident', 'silence higherrorrate', 'run countermeasure'])
    if (!(await paletteOffers(page, words))) missing.push(`named in the issue: “${words}”`);

  // Declare an incident from the palette, through the view's own dialog.
  await page.locator('.palette-input').fill('declare incident');
  await page.keyboard.press('Enter');
  const declare = page.getByTestId('declare-incident');
  await declare.getByLabel('Title').fill('Checkout 5xx after 2.4.0');
  await declare.getByLabel('Title').press('Enter');
  await expect(page.getByTestId('freeze-banner')).toContainText('INC-1');
  missing.push(...(await gaps(page, base, FROZEN_SCREENS)));
  // Its page shows the postmortem's downloads once drafted (the draft lives on the page only).
  await page.getByRole('button', { name: 'Draft postmortem' }).click();
  await expect(page.getByTestId('postmortem-markdown')).toBeVisible();
  await openPalette(page);
  for (const name of await controlsIn(page))
    if (!(await paletteOffers(page, paletteWordsFor(name))))
      missing.push(`#/incidents/INC-1 drafted: “${name}”`);
  await closePalette(page);
  // Searched by name, the open incident and its resolve are there too.
  await openPalette(page);
  for (const words of ['open incident inc-1', 'resolve incident inc-1'])
    if (!(await paletteOffers(page, words))) missing.push(`incident by name: “${words}”`);
  if (!(await paletteOffers(page, 'checkout 5xx', 'inc-1'))) missing.push('incident by its title');

  expect(missing, `controls the palette does not offer:\n${missing.join('\n')}`).toEqual([]);
  expect(checked.count).toBeGreaterThan(100);
});

test('searching the palette finds services, rollouts, migrations and alerts by name (incidents: above)', async ({
  page,
}) => {
  await expect(page.getByTestId('fleet-count')).toHaveText('27 rollouts', { timeout: 15_000 });
  await openPalette(page);
  const found: Record<string, boolean> = {};
  // What is typed, and what the entry found must say.
  for (const [what, query, expected] of [
    ['a service', 'checkout', 'checkout'],
    ['a rollout', 'payments prod-us', 'payments prod-us'],
    ['a rollout by id', 'simulator/search-prod-us', 'simulator/search-prod-us'],
    ['a migration by title', 'customer_id', 'open migration orders-customer-id'],
    ['a migration by database', 'users email', 'open migration users-email-lower'],
    ['an alert', 'higherrorrate', 'alert higherrorrate'],
  ] as const)
    found[what] = await paletteOffers(page, query, expected);
  expect(found).toEqual({
    'a service': true,
    'a rollout': true,
    'a rollout by id': true,
    'a migration by title': true,
    'a migration by database': true,
    'an alert': true,
  });
});
