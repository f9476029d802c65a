import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYamlText } from '../config/parse-yaml-file';
import {
  participantActions,
  scoreDrill,
  type DrillAction,
  type DrillAlertRecord,
  type InjectRecord,
} from './drill-score';
import { implicatedRollouts } from './implicated-rollouts';
import { scenarioSchema, type DrillFleet, type ScenarioFile } from './scenario-schema';
import type { SteadyStateCheck } from './steady-state';

const fleetSchema: z.ZodType<DrillFleet> = z.object({
  environments: z.array(z.string()),
  services: z.record(
    z.string(),
    z.object({ stable: z.string(), versions: z.record(z.string(), z.unknown()) }),
  ),
  rollouts: z.array(z.object({ service: z.string(), environment: z.string(), canary: z.string() })),
});

const START = Date.parse('2026-03-04T09:00:00Z');
const MIN = 60_000;

// A database failover on orders and payments in prod for 8 minutes; orders 3.1.0 is a canary there.
const SCENARIO = `id: failover
title: t
briefing: b
duration: 20m
fleet:
  environments: [prod]
  services:
    orders: { stable: 3.0.0, versions: { 3.1.0: {} } }
    payments: { stable: 5.12.0, versions: {} }
  rollouts: [{ service: orders, environment: prod, canary: 3.1.0 }]
steadyState:
  title: ok
  probes: [{ name: orders-errors, metric: errorRate, service: orders, environment: prod, max: 0.01 }]
timeline:
  - { id: db, at: 2m, duration: 8m, kind: database-failover, database: main, services: [orders, payments], environment: prod }
expected:
  - { id: hold, after: db, actions: [pause], rollout: orders-prod, within: 5m, why: hold releases while the database is away }
forbidden:
  - { actions: [promote], during: db, why: no promoting during a failover }
scoring:
  detect: { weight: 20, within: 5m }
  mitigate: { weight: 30, within: 10m }
  responses: { weight: 30 }
  forbidden: { weight: 10 }
  collateral: { weight: 10 }
`;

function scenario(): ScenarioFile {
  return parseYamlText(
    SCENARIO,
    'failover.yaml',
    scenarioSchema(fleetSchema, () => ({}) as DrillFleet),
  );
}

function injects(s: ScenarioFile): InjectRecord[] {
  const inject = s.timeline[0] as (typeof s.timeline)[number];
  return [
    {
      id: inject.id,
      kind: inject.kind,
      at: inject.at,
      endedAt: 10 * MIN,
      live: false,
      implicates: implicatedRollouts(inject, s.fleet),
    },
  ];
}

/** A check every minute: broken from the fault until `healsAt`, holding otherwise. */
function checks(healsAt: number): SteadyStateCheck[] {
  return Array.from({ length: 20 }, (_, i) => {
    const at = (i + 1) * MIN;
    const holds = at < 2 * MIN || at >= healsAt;
    return {
      at: START + at,
      holds,
      probes: [{ name: 'orders-errors', holds, reason: holds ? 'ok' : 'errorRate 9%' }],
    };
  });
}

const act = (
  offset: number,
  action: string,
  target: string,
  outcome: DrillAction['outcome'] = 'succeeded',
) => ({
  offset,
  actor: 'alex',
  action,
  target,
  outcome,
  message: '',
});

const line = (score: ReturnType<typeof scoreDrill>, criterion: string) =>
  score.lines.find((l) => l.criterion === criterion) as (typeof score.lines)[number];

describe('drill scoring', () => {
  it('gives no mitigation points when the fault ended by itself and nobody acted', () => {
    const s = scenario();
    const score = scoreDrill(s, injects(s), [], checks(10 * MIN), 20 * MIN);
    expect(line(score, 'mitigate').points).toBe(0);
    expect(line(score, 'mitigate').reasons.join()).toMatch(
      /no mitigating action before it; db ended at \+10:00/,
    );
    expect(score.timeToMitigateMs).toBeUndefined();
  });

  it('credits mitigation when the expected action came before the steady state held again', () => {
    const s = scenario();
    const score = scoreDrill(
      s,
      injects(s),
      [act(4 * MIN, 'pause', 'orders-prod')],
      checks(10 * MIN),
      20 * MIN,
    );
    expect(line(score, 'mitigate').points).toBe(30);
    expect(score.timeToMitigateMs).toBe(8 * MIN);
  });

  it('gives no mitigation for an action that came only after the fault had gone', () => {
    const s = scenario();
    const score = scoreDrill(
      s,
      injects(s),
      [act(12 * MIN, 'pause', 'orders-prod')],
      checks(10 * MIN),
      20 * MIN,
    );
    expect(line(score, 'mitigate').points).toBe(0);
  });

  it('counts aborting a canary the database failover hit as collateral: no release was at fault', () => {
    const s = scenario();
    const score = scoreDrill(
      s,
      injects(s),
      [act(3 * MIN, 'abort', 'orders-prod')],
      checks(10 * MIN),
      20 * MIN,
    );
    expect(line(score, 'collateral').points).toBe(5);
    expect(line(score, 'collateral').reasons.join()).toMatch(
      /collateral: abort orders-prod at \+03:00: the fault \(db\) did not come from that rollout's release/,
    );
  });

  it('counts a forbidden promote once, as forbidden, not also as collateral', () => {
    const s = scenario();
    const score = scoreDrill(
      s,
      injects(s),
      [act(3 * MIN, 'promote', 'orders-prod')],
      checks(10 * MIN),
      20 * MIN,
    );
    expect(line(score, 'forbidden').reasons.join()).toMatch(/forbidden: alex promote orders-prod at \+03:00/);
    expect(line(score, 'collateral').points).toBe(10);
  });

  it('does not count a promote as detection, and counts a refused pause as detection only', () => {
    const s = scenario();
    const score = scoreDrill(
      s,
      injects(s),
      [act(3 * MIN, 'promote', 'orders-prod'), act(5 * MIN, 'pause', 'orders-prod', 'refused')],
      checks(10 * MIN),
      20 * MIN,
    );
    expect(score.timeToDetectMs).toBe(3 * MIN);
    expect(line(score, 'detect').reasons.join()).toMatch(
      /pause orders-prod at \+05:00 \(refused: it counts as detection, not as mitigation\)/,
    );
    expect(line(score, 'mitigate').points).toBe(0);
  });

  it('reads a person judging a canary on demand as an investigation (the judge runs are not)', () => {
    const record = (actor: string, trigger: string) => ({
      seq: 1,
      time: new Date(START + 4 * MIN).toISOString(),
      actor,
      kind: 'analysis.verdict',
      target: 'simulator/orders-prod',
      reason: 'canary worse than baseline',
      details: { trigger, verdict: 'fail' },
      prev: '0'.repeat(64),
      hash: '0'.repeat(64),
    });
    const actions = participantActions([record('alex', 'manual'), record('alex', 'background')], START);
    expect(actions).toEqual([
      {
        offset: 4 * MIN,
        actor: 'alex',
        action: 'investigate',
        target: 'orders-prod',
        outcome: 'done',
        message: 'judged the canary: fail',
      },
    ]);
  });

  describe('playbooks followed', () => {
    const alert: DrillAlertRecord = {
      id: 'simulator/abc',
      name: 'HighErrorRate',
      service: 'orders',
      environment: 'prod',
      firedAt: 3 * MIN,
      playbook: 'A new version answers with errors',
      steps: [
        { label: 'Pause its rollout', action: 'pause', rollout: 'orders-prod' },
        { label: 'Abort its newest rollout', action: 'abort', rollout: 'orders-prod' },
      ],
    };

    it('credits one of the playbook steps taken on its rollout after the alert fired', () => {
      const s = scenario();
      const score = scoreDrill(
        s,
        injects(s),
        [act(5 * MIN, 'abort', 'orders-prod')],
        checks(8 * MIN),
        20 * MIN,
        [alert],
      );
      expect(line(score, 'playbook')).toMatchObject({ points: 10, weight: 10 });
      expect(line(score, 'playbook').reasons[0]).toMatch(/took its step "Abort its newest rollout"/);
    });

    it('does not credit a step taken before the alert, elsewhere, or refused', () => {
      const s = scenario();
      const actions = [
        act(2 * MIN, 'pause', 'orders-prod'),
        act(4 * MIN, 'pause', 'payments-prod'),
        act(5 * MIN, 'abort', 'orders-prod', 'refused'),
      ];
      const score = scoreDrill(s, injects(s), actions, checks(8 * MIN), 20 * MIN, [alert]);
      expect(line(score, 'playbook')).toMatchObject({ points: 0, weight: 10 });
      expect(line(score, 'playbook').reasons[0]).toMatch(
        /^playbook not followed: HighErrorRate \(orders in prod\) fired at \+03:00/,
      );
    });

    it('weighs nothing when no alert with a playbook fired, so the score is not padded', () => {
      const s = scenario();
      const none = scoreDrill(s, injects(s), [], checks(10 * MIN), 20 * MIN, [
        { ...alert, playbook: undefined, steps: [] },
      ]);
      expect(line(none, 'playbook')).toMatchObject({ points: 0, weight: 0 });
      const without = scoreDrill(s, injects(s), [], checks(10 * MIN), 20 * MIN);
      expect(none.score).toBe(without.score);
    });
  });
});
