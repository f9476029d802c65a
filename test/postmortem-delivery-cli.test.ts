// `incident postmortem` and `metrics delivery` as a user runs them: the real CLI in a child
// process on a fresh workspace's simulator, after an incident is declared and a rollout aborted.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlRoom } from '../src/main/compose/create-control-room';
import { ensureBuild } from './support/ensure-build';
import { flagChangedEntry } from './support/flag-audit-entry';
import { workspaceCli } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
const workspace = mkdtempSync(join(tmpdir(), 'postmortem-cli-'));
writeFileSync(join(workspace, 'config.yaml'), 'actor: dana\n');

const cli = workspaceCli(workspace);

beforeAll(async () => {
  ensureBuild(root);
  // The incident command is another part's; its record is what it writes, through the room's writer.
  const running = await createControlRoom({ workspaceDir: workspace, mode: 'cli' });
  try {
    running.room.writer.write([
      {
        actor: 'erin',
        kind: 'incident.declared',
        target: 'INC-1',
        reason: '',
        details: { title: 'Checkout errors', severity: 'SEV2', commander: 'erin' },
      },
    ]);
    // The flags service is another part's too: a flag enabled and then killed during the incident.
    const flip = (on: boolean) =>
      flagChangedEntry({
        flag: 'new-payments',
        environment: 'prod-us',
        services: ['payments'],
        change: on ? 'enable' : 'disable',
        before: { enabled: !on },
        after: { enabled: on },
        actor: on ? 'fay' : 'erin',
        reason: on ? 'launch' : 'kill switch',
      });
    running.room.writer.write([flip(true)]);
    running.room.writer.write([flip(false)]);
  } finally {
    running.close();
  }
  expect(cli('rollouts', 'abort', 'checkout-prod-eu', '--reason', 'error burst').code).toBe(0);
}, 120_000);
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('postmortem and delivery metrics from the CLI', () => {
  it('drafts the postmortem with the abort and its actor, saved in the workspace and exported', () => {
    const out = join(workspace, 'export', 'pm.md');
    const result = cli('incident', 'postmortem', 'INC-1', '--out', out);
    expect(result.err).toContain('Wrote');
    expect(result.code).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^# Postmortem: INC-1 — Checkout errors$/m);
    expect(markdown).toMatch(
      /^\d+\. \S+Z — dana — abort simulator\/checkout-prod-eu \(reason: error burst\)$/m,
    );
    expect(markdown).toMatch(
      /^\d+\. \S+Z — erin — flag new-payments in prod-us: on → off \(touches payments\) \(reason: kill switch\)$/m,
    );
    expect(markdown).toMatch(
      /— fay — flag new-payments in prod-us: off → on \(touches payments\) \(reason: launch\)$/m,
    );
    expect(readFileSync(join(workspace, 'export', 'error-rate.svg'), 'utf8')).toContain(
      'data-mark="mitigation"',
    );
    const saved = join(workspace, 'postmortems', 'INC-1', 'postmortem.md');
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(cli('incident', 'postmortem', 'INC-404').err).toMatch(/No incident INC-404/);
  });

  it('counts the abort as a failed change and says the sample is too small', () => {
    const json = cli('metrics', 'delivery', '--since', '30d', '--json');
    expect(json.code).toBe(0);
    const m = JSON.parse(json.out);
    const checkout = m.groups.find((g: { service: string }) => g.service === 'checkout');
    expect(checkout.changeFailRate).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    expect(checkout.changeFailRate.note).toBe('1 change: too few to call a rate');
    const text = cli('metrics', 'delivery');
    expect(text.out).toMatch(/^checkout\/\S+ .*100% \(1\/1\); 1 change: too few to call a rate/m);
    expect(text.out).toContain('Change fail rate: the share of changes');
    // The flag enabled and killed during the incident is a failed change of payments.
    const payments = m.groups.find((g: { service: string }) => g.service === 'payments');
    expect(payments.changeSplit).toEqual({
      deploys: { changes: 0, failed: 0 },
      flags: { changes: 1, failed: 1 },
    });
    expect(text.out).toMatch(/^payments\/prod-us .*100% \(1\/1\).* 1 \(1 reverted\)/m);
    expect(cli('metrics', 'delivery', '--since', 'last week').code).toBe(2);
  });
});
