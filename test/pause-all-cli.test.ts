// `rollouts pause-all` as a user runs it: the real CLI in a child process, acting in-process on a
// fresh workspace's simulator demo fleet.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { workspaceCli } from './support/workspace-cli';

const root = join(import.meta.dirname, '..');
beforeAll(() => ensureBuild(root));
const workspace = mkdtempSync(join(tmpdir(), 'pause-all-cli-'));
writeFileSync(join(workspace, 'config.yaml'), 'actor: dana\n');
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const cli = workspaceCli(workspace);

const bulkRecords = () =>
  readFileSync(join(workspace, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"rollouts.pause-all"'))
    .map((l) => JSON.parse(l) as { actor: string; reason: string; target: string });

describe('rollouts pause-all', () => {
  it('pauses one environment, then the rest, listing each rollout and a summary', () => {
    const eu = cli('rollouts', 'pause-all', '--environment', 'prod-eu', '--reason', 'INC-1', '--json');
    expect(eu.code).toBe(0);
    const result = JSON.parse(eu.out) as { results: { environment: string; outcome: string }[] };
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.results.every((r) => r.environment === 'prod-eu' && r.outcome === 'paused')).toBe(true);

    const all = cli('rollouts', 'pause-all', '--idempotency-key', 'pause-all-cli-1');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/^ID +SERVICE +ENVIRONMENT +OUTCOME +MESSAGE$/m);
    expect(all.out).toMatch(/^simulator\/checkout-prod-eu +checkout +prod-eu += already paused/m);
    expect(all.out).toMatch(/^simulator\/cart-staging +cart +staging +⏸ paused/m);
    expect(all.out).toMatch(
      new RegExp(
        `^\\d+ paused, ${result.results.length} already paused, 0 failed of \\d+ in flight in the whole fleet`,
        'm',
      ),
    );
    // A retry with the same key applies once and says so.
    const again = cli('rollouts', 'pause-all', '--idempotency-key', 'pause-all-cli-1');
    expect(again.out).toMatch(/↺ already applied/);
    expect(bulkRecords()).toEqual([
      expect.objectContaining({ actor: 'dana', reason: 'INC-1', target: 'environment:prod-eu' }),
      expect.objectContaining({ actor: 'dana', target: 'fleet' }),
    ]);
  });

  it('names a bad scope and exits 2', () => {
    const bad = cli('rollouts', 'pause-all', '--environment', 'prod eu');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/environment/);
  });
});
