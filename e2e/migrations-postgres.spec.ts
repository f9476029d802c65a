// Migration checks against a real PostgreSQL, as the page shows them: a profile whose role may do
// more than read is refused on every item with the privilege named; one that allows it
// (allowPrivilegedRole) runs with a warning banner; a long value read is shown cut, with its size.
import type { Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../src/main/backends/postgres/throwaway-postgres';
import { expect, startServe, stopServe, test, type ControlRoomServer } from './fixtures';

let db: ThrowawayPostgres | undefined;
let room: ControlRoomServer | undefined;

const plan = (id: string, database: string, item: Record<string, unknown>) =>
  JSON.stringify({
    id,
    title: `Checks as ${database}`,
    database,
    change: { table: 'orders' },
    phases: { P1: { items: [{ id: 'c', kind: 'sql', title: 'Read the password file', ...item }] } },
  });

test.beforeEach(async ({ target }) => {
  test.skip(target !== 'browser', 'acts through a browser-mode server with its own workspace');
  db = await startThrowawayPostgres();
  const admin = await db.connect();
  await admin.query('CREATE DATABASE shop');
  await admin.end();
  const shop = await db.connect('shop');
  await shop.query('CREATE TABLE orders (id bigint)');
  await shop.end();

  const workspace = mkdtempSync(join(tmpdir(), 'e2e-pg-workspace-'));
  process.env.E2E_PG_PASSWORD = db.password;
  const profile = (extra: string) =>
    `{ host: 127.0.0.1, port: ${db?.port}, database: shop, user: postgres, passwordEnv: E2E_PG_PASSWORD${extra} }`;
  writeFileSync(
    join(workspace, 'config.yaml'),
    `databases:\n  refused: ${profile('')}\n  allowed: ${profile(', allowPrivilegedRole: true')}\n`,
  );
  mkdirSync(join(workspace, 'migrations'));
  const read = { query: "SELECT pg_read_file('/etc/passwd')", expect: { equals: 'nothing' } };
  writeFileSync(join(workspace, 'migrations', 'refused.yaml'), plan('as-refused', 'refused', read));
  writeFileSync(join(workspace, 'migrations', 'allowed.yaml'), plan('as-allowed', 'allowed', read));
  room = await startServe(workspace);
});

test.afterEach(async () => {
  if (room) await stopServe(room);
  await db?.stop();
});

async function openPlan(page: Page, id: string) {
  await page.goto(room?.url ?? '');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Migrations' }).click();
  await page.getByTestId(`migration-row-${id}`).click();
  await page
    .getByRole('toolbar', { name: 'Migration actions' })
    .getByRole('button', { name: 'Run all checks (P1)' })
    .click();
}

test('a superuser profile is refused on the items, naming the privilege', async ({ page }) => {
  await openPlan(page, 'as-refused');
  const item = page.getByTestId('item-c');
  await expect(item).toHaveAttribute('data-state', 'failed');
  await expect(item).toContainText('refused: the role may do more than read');
  await expect(item).toContainText('Refused: checks on refused would run as "postgres"');
  await expect(item).toContainText('superuser — runs shell commands');
  await expect(item).not.toContainText('root:');
  await expect(page.getByTestId('role-warning')).toHaveCount(0);
});

test('allowPrivilegedRole runs the checks under a warning, and a long value is shown cut with its size', async ({
  page,
}) => {
  await openPlan(page, 'as-allowed');
  const warning = page.getByTestId('role-warning');
  await expect(warning).toContainText('Warning: privileged database role.');
  await expect(warning).toContainText(
    'run as "postgres", which may do what a read-only transaction does not stop: superuser',
  );
  await expect(page.getByText('read-only not guaranteed')).toBeVisible();
  const item = page.getByTestId('item-c');
  await expect(item).toHaveAttribute('data-state', 'failed');
  await expect(item).toContainText('root:');
  await expect(page.getByTestId('item-c-read')).toContainText(/Read: text, [\d,]+ bytes/);
});
