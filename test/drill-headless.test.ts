import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDrill } from '../src/main/compose/create-drill-room';
import { scenarioLibrary } from '../src/main/compose/drill-workspace';
import { parseYamlText, YamlFileError } from '../src/main/core/config/parse-yaml-file';
import { responseScriptSchema } from '../src/main/core/drills/response-script';
import { makeTestRoom } from './support/test-room';
import { Fleet } from '../src/main/core/connections/fleet';
import { ControlRoom } from '../src/main/core/control-room';
import { BAD_CANARY_SCRIPT, GOOD_CANARY_SCRIPT } from './support/canary-drill-scripts';
import { tempDirs } from './support/temp-dirs';

const temp = tempDirs('drill-test-');

async function run(scriptText?: string) {
  const scenario = scenarioLibrary().load('canary-error-rate');
  const script = scriptText
    ? parseYamlText(scriptText, 'responses.yaml', responseScriptSchema(scenario))
    : undefined;
  const drill = createDrill({ scenario, workspaceDir: temp(), ...(script ? { script } : {}) });
  const result = await drill.runToEnd();
  drill.close();
  return result;
}

const GOOD = GOOD_CANARY_SCRIPT;
const BAD = BAD_CANARY_SCRIPT;

describe('canary-error-rate drill, headless', () => {
  it('scores a prompt pause and rollback high', async () => {
    const r = await run(GOOD);
    expect(r.steadyStateBefore.holds).toBe(true);
    expect(r.score.score).toBeGreaterThanOrEqual(90);
    expect(r.score.timeToMitigateMs).toBeLessThan(600_000);
  });

  it('scores nobody responding low, saying it was not detected', async () => {
    const r = await run();
    expect(r.score.score).toBeLessThan(40);
    const reasons = r.score.lines.flatMap((l) => l.reasons).join('\n');
    expect(reasons).toMatch(/not detected/);
    expect(reasons).toMatch(/still did not hold at the end/);
  });

  it('scores a promote of the failing canary and a collateral abort low, with the reasons', async () => {
    const r = await run(BAD);
    expect(r.score.score).toBeLessThan(50);
    const reasons = r.score.lines.flatMap((l) => l.reasons).join('\n');
    expect(reasons).toMatch(/forbidden: drill-script promote checkout-prod-eu/);
    expect(reasons).toMatch(/collateral: abort payments-prod-us/);
  });

  it('gives byte-identical results for the same seed and script, apart from wall-clock fields', async () => {
    const strip = (r: Awaited<ReturnType<typeof run>>) => JSON.stringify({ ...r, wall: undefined });
    expect(strip(await run(GOOD))).toBe(strip(await run(GOOD)));
  });
});

describe('drill input', () => {
  it('names file:line and the field of a scenario that references an unknown service', () => {
    const dir = temp();
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      `id: broken
title: t
briefing: b
duration: 10m
fleet:
  environments: [prod]
  strategies: { s: { kind: canary, steps: [{ setWeight: 10 }] } }
  services: { web: { stable: 1.0.0, requestRate: 10, errorRate: 0.01, latencyP50: 10, cpu: 0.1 } }
steadyState:
  title: ok
  probes: [{ name: p, metric: errorRate, service: web, environment: prod, max: 0.1 }]
timeline:
  - { id: a, at: 1m, kind: metric-fault, service: wbe, effect: error-rate, factor: 2 }
  - { id: a, at: -2m, kind: metrics-outage }
`,
    );
    let error: unknown;
    try {
      scenarioLibrary().load(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YamlFileError);
    const message = (error as Error).message;
    expect(message).toContain(`${file}:14: timeline.1.at: "-2m" is a negative time`);
  });

  it('refuses a script action on a rollout the scenario does not have, with its line', () => {
    const scenario = scenarioLibrary().load('canary-error-rate');
    expect(() =>
      parseYamlText(
        'responses:\n  - { at: 1m, action: pause, rollout: checkout-prod-ap }\n',
        'responses.yaml',
        responseScriptSchema(scenario),
      ),
    ).toThrow(/responses.yaml:2: responses.0.rollout: no rollout "checkout-prod-ap"/);
  });
});

describe('drill isolation', () => {
  it('refuses a drill action on a configured non-simulator connection, sending nothing to it', async () => {
    const t = makeTestRoom(temp());
    let applied = 0;
    const real = {
      ...t.sim.deployments,
      name: 'argo-prod',
      list: () => t.sim.deployments.list(),
      get: (id: string) => t.sim.deployments.get(id),
      knownVersions: (id: string) => t.sim.deployments.knownVersions(id),
      tick: () => undefined,
      onChange: () => () => undefined,
      apply: async () => {
        applied++;
        throw new Error('must not be called');
      },
    };
    const room = new ControlRoom({
      deployment: new Fleet([{ name: 'argo-prod', backend: real }]),
      metrics: t.sim.metrics,
      audit: t.audit,
      clock: t.clock,
      drill: { id: 'canary-error-rate' },
      connections: () => [
        { name: 'argo-prod', kind: 'argo-rollouts', roles: ['deployment'], reachable: true },
      ],
      session: {
        actor: 'tester',
        role: 'operator',
        mode: 'cli',
        workspace: t.dir,
        speed: 1,
        simulated: false,
      },
    });
    await expect(
      room.act(
        { id: 'argo-prod/checkout-prod-eu', action: 'pause', idempotencyKey: 'drill-iso-1' },
        'tester',
      ),
    ).rejects.toThrow(
      /drill "canary-error-rate": it acts only on simulator connections, and "argo-prod" is a argo-rollouts connection/,
    );
    expect(applied).toBe(0);
  });
});
