// Every shipped scenario, run headless three ways: the good script scores high, nobody responding
// and the bad script score low, with the reasons a team would read on the scorecard. Scenarios are
// found through the library, so a new one without scripts (or without its row below) fails here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDrill } from '../src/main/compose/create-drill-room';
import { scenarioLibrary } from '../src/main/compose/drill-workspace';
import { parseYamlFile } from '../src/main/core/config/parse-yaml-file';
import type { DrillResult } from '../src/main/core/drills/drill-runner';
import { responseScriptSchema } from '../src/main/core/drills/response-script';
import { findResourcesDir } from '../src/main/resources-dir';

const root = mkdtempSync(join(tmpdir(), 'drill-scenarios-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const library = scenarioLibrary();
const shipped = library.entries().filter((e) => e.source === 'shipped');
const scriptFile = (id: string, kind: 'good' | 'bad') =>
  join(findResourcesDir(), 'scenarios', 'responses', `${id}.${kind}.yaml`);

/** What the bad script's scorecard must say: the scenario's typical mistake, by name. */
const BAD_RUN_SAYS: Record<string, RegExp[]> = {
  'canary-error-rate': [/forbidden: on-call promote checkout-prod-eu/, /collateral: abort payments-prod-us/],
  'latency-one-region': [/collateral: abort checkout-prod-eu/, /missed roll-back-us/],
  'slow-memory-leak': [/forbidden: on-call promote-full payments-prod-us/, /missed roll-back-leak/],
  'metrics-outage': [/forbidden: on-call promote payments-prod-us/, /missed hold-checkout/],
  'bad-config-push': [/collateral: abort checkout-prod-us/, /missed revert-the-push/],
  'contract-breaks-old-release': [/forbidden: on-call abort orders-prod-eu/, /missed finish-roll-forward/],
  'coupled-release-out-of-order': [
    /forbidden: on-call promote orders-prod-eu/,
    /collateral: abort payments-prod-eu/,
    /missed payments-first/,
  ],
  'database-failover': [/collateral: abort payments-prod-us/, /missed hold-orders/, /no mitigating action/],
  'rollback-fails': [/abort checkout-prod-eu at .*failed: it counts as detection/, /missed roll-forward-fix/],
  'flag-causes-regression': [/collateral: abort checkout-prod-us/, /missed kill-the-flag/],
};

async function run(id: string, kind?: 'good' | 'bad'): Promise<DrillResult> {
  const scenario = library.load(id);
  const script = kind ? parseYamlFile(scriptFile(id, kind), responseScriptSchema(scenario)) : undefined;
  const drill = createDrill({ scenario, workspaceDir: root, ...(script ? { script } : {}) });
  try {
    return await drill.runToEnd();
  } finally {
    drill.close();
  }
}

const reasons = (r: DrillResult) => r.score.lines.flatMap((l) => l.reasons).join('\n');

describe('shipped drill scenarios', () => {
  it('are all there, each with a good and a bad script and a row here', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(9);
    for (const { id } of shipped) {
      expect(existsSync(scriptFile(id, 'good')), `${id}.good.yaml`).toBe(true);
      expect(existsSync(scriptFile(id, 'bad')), `${id}.bad.yaml`).toBe(true);
      expect(BAD_RUN_SAYS[id], `BAD_RUN_SAYS row for ${id}`).toBeDefined();
    }
  });

  describe.each(shipped.map((e) => e.id))('%s', (id) => {
    it('scores the good script high, from a steady state that held before the drill', async () => {
      const r = await run(id, 'good');
      expect(r.steadyStateBefore.holds, reasons(r)).toBe(true);
      expect(r.score.score, reasons(r)).toBeGreaterThanOrEqual(80);
      expect(r.score.timeToDetectMs).toBeDefined();
    });

    it('scores nobody responding low, saying it was not detected and what was missed', async () => {
      const r = await run(id);
      expect(r.score.score, reasons(r)).toBeLessThanOrEqual(40);
      expect(reasons(r)).toMatch(/not detected/);
      expect(reasons(r)).toMatch(/missed /);
    });

    it("scores the bad script low, naming the scenario's typical mistake", async () => {
      const r = await run(id, 'bad');
      expect(r.score.score, reasons(r)).toBeLessThanOrEqual(50);
      for (const says of BAD_RUN_SAYS[id] ?? []) expect(reasons(r)).toMatch(says);
    });
  });

  it('metrics-outage: missing data is never read as healthy; the steady state holds again only with data', async () => {
    const r = await run('metrics-outage');
    const broken = r.steadyState.find((t) => !t.holds);
    expect(broken?.offset).toBe(3 * 60_000);
    expect(broken?.failing.join()).toMatch(/no data \(the metrics backend does not answer/);
    expect(r.steadyState.at(-1)).toMatchObject({ holds: true });
    expect(r.steadyState.at(-1)?.offset).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it('coupled-release-out-of-order: same seed and script, same result (apart from wall-clock fields)', async () => {
    const strip = (r: DrillResult) => JSON.stringify({ ...r, wall: undefined });
    expect(strip(await run('coupled-release-out-of-order', 'good'))).toBe(
      strip(await run('coupled-release-out-of-order', 'good')),
    );
  });

  it('names file:line of a coupled-release requirement on a version the fleet does not have', () => {
    const file = join(root, 'coupled-typo.yaml');
    const text = readFileSync(library.load('coupled-release-out-of-order').file, 'utf8');
    writeFileSync(
      file,
      text.replace('service: payments, version: 5.13.0', 'service: payments, version: 5.31.0'),
    );
    const line = text.split('\n').findIndex((l) => l.includes('{ requires:')) + 1;
    expect(() => library.load(file)).toThrow(
      new RegExp(
        `coupled-typo.yaml:${line}: fleet.services.orders.versions.3.0.0.requires.0.version: orders 3.0.0 requires payments 5.31.0, a version the fleet does not have`,
      ),
    );
  });
});
