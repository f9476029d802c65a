// The bodies are the plugin's own constants (pkg/kubectl-argo-rollouts/cmd/promote/promote.go and
// siblings), parsed: these tests fail if any action drifts from what `kubectl argo rollouts` sends.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-client';
import {
  promoteFullPlan,
  promotePlan,
  restartPatch,
  setImageBody,
  statusFlagPlan,
  undoPatch,
  undoTarget,
  PlanRefused,
  PAUSE_PATCH,
} from './plugin-patches';

const steps = [
  { setWeight: 20 },
  { pause: {} },
  { analysis: { templates: [{ templateName: 'rate' }] } },
  { setWeight: 60 },
];

function canary(status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'checkout', namespace: 'shop', resourceVersion: '7' },
    spec: {
      strategy: { canary: { steps } },
      template: { spec: { containers: [{ name: 'app', image: 'reg/checkout:1.0' }] } },
      ...spec,
    },
    status,
  };
}

const plugin = {
  unpause: { spec: { paused: false } },
  clearPauseConditions: { status: { pauseConditions: null } },
  unpauseAndClear: { spec: { paused: false }, status: { pauseConditions: null } },
  clearAndControllerPause: (i: number) => ({
    status: { pauseConditions: null, controllerPause: false, currentStepIndex: i },
  }),
  clearWithStep: (i: number) => ({ status: { pauseConditions: null, currentStepIndex: i } }),
  unpauseAndClearWithStep: (i: number) => ({
    spec: { paused: false },
    status: { pauseConditions: null, currentStepIndex: i },
  }),
  promoteFull: { status: { promoteFull: true } },
  unpauseAndPromoteFull: { spec: { paused: false }, status: { promoteFull: true } },
};

describe('promote, as kubectl argo rollouts promote computes it', () => {
  it('at a pause step clears the pause conditions on the status subresource, and nothing else', () => {
    const plan = promotePlan(
      canary({ currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 't' }] }),
    );
    expect(plan.status).toMatchObject({
      subresource: 'status',
      contentType: 'application/merge-patch+json',
      body: plugin.clearPauseConditions,
    });
    expect(plan.spec).toBeUndefined();
    expect(plan.unified.body).toEqual(plugin.unpauseAndClear);
  });

  it('paused by spec.paused also unpauses the spec, after the status patch', () => {
    const plan = promotePlan(
      canary({ currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep' }] }, { paused: true }),
    );
    expect(plan.status?.body).toEqual(plugin.clearPauseConditions);
    expect(plan.spec).toMatchObject({
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: plugin.unpause,
    });
    expect(plan.spec?.subresource).toBeUndefined();
  });

  it('with an inconclusive analysis held by the controller clears controllerPause and moves one step', () => {
    const plan = promotePlan(
      canary({
        currentStepIndex: 2,
        controllerPause: true,
        pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: 't' }],
        canary: { currentStepAnalysisRunStatus: { name: 'checkout-2', status: 'Inconclusive' } },
      }),
    );
    expect(plan.status?.body).toEqual(plugin.clearAndControllerPause(3));
    // The plugin keeps the plain unified patch in this case (no step in it).
    expect(plan.unified.body).toEqual(plugin.unpauseAndClear);
  });

  it('in the middle of an analysis step (no pause condition) advances the step index', () => {
    const plan = promotePlan(
      canary({
        currentStepIndex: 2,
        canary: { currentStepAnalysisRunStatus: { name: 'a', status: 'Running' } },
      }),
    );
    expect(plan.status?.body).toEqual(plugin.clearWithStep(3));
    expect(plan.unified.body).toEqual(plugin.unpauseAndClearWithStep(3));
  });

  it('a nil currentStepIndex means 0, and an index at the number of steps stays there', () => {
    expect(promotePlan(canary({})).status?.body).toEqual(plugin.clearWithStep(1));
    expect(promotePlan(canary({ currentStepIndex: 4 })).status?.body).toEqual(plugin.clearWithStep(4));
  });

  it('a blue-green rollout waiting for promotion clears its pause condition only', () => {
    const bg: KubeObject = {
      metadata: { name: 'web', namespace: 'shop' },
      spec: { strategy: { blueGreen: { activeService: 'web', autoPromotionEnabled: false } } },
      status: { pauseConditions: [{ reason: 'BlueGreenPause', startTime: 't' }] },
    };
    expect(promotePlan(bg).status?.body).toEqual(plugin.clearPauseConditions);
    const running: KubeObject = { ...bg, status: {} };
    expect(promotePlan(running).status).toBeUndefined();
  });
});

describe('the other actions, as the plugin sends them', () => {
  it('promote --full asks for promoteFull while a new revision is in flight, and unpauses a paused spec', () => {
    const plan = promoteFullPlan(canary({ currentPodHash: 'b', stableRS: 'a' }, { paused: true }));
    expect(plan.status?.body).toEqual(plugin.promoteFull);
    expect(plan.spec?.body).toEqual(plugin.unpause);
    expect(plan.unified.body).toEqual(plugin.unpauseAndPromoteFull);
    expect(promoteFullPlan(canary({ currentPodHash: 'a', stableRS: 'a' })).status).toBeUndefined();
  });

  it('pause, abort, retry and restart', () => {
    expect(PAUSE_PATCH).toMatchObject({
      body: { spec: { paused: true } },
      contentType: 'application/merge-patch+json',
    });
    expect(PAUSE_PATCH.subresource).toBeUndefined();
    expect(statusFlagPlan(true).status).toMatchObject({
      subresource: 'status',
      body: { status: { abort: true } },
    });
    expect(statusFlagPlan(true).unified.body).toEqual({ status: { abort: true } });
    expect(statusFlagPlan(false).status?.body).toEqual({ status: { abort: false } });
    expect(restartPatch(Date.parse('2026-12-02T17:20:31.456Z')).body).toEqual({
      spec: { restartAt: '2026-12-02T17:20:31Z' },
    });
  });

  it("undo replaces /spec/template with the revision's pod template minus rollouts-pod-template-hash", () => {
    const rs = (revision: number, image: string): KubeObject => ({
      metadata: {
        name: `checkout-${revision}`,
        annotations: { 'rollout.argoproj.io/revision': String(revision) },
      },
      spec: {
        template: {
          metadata: { labels: { app: 'checkout', 'rollouts-pod-template-hash': `h${revision}` } },
          spec: { containers: [{ name: 'app', image }] },
        },
      },
    });
    const rollout: KubeObject = {
      metadata: { name: 'checkout' },
      spec: {
        template: {
          metadata: { labels: { app: 'checkout' } },
          spec: { containers: [{ name: 'app', image: 'reg/checkout:3' }] },
        },
      },
    };
    const sets = [rs(1, 'reg/checkout:1'), rs(3, 'reg/checkout:3'), rs(2, 'reg/checkout:2')];
    expect(undoTarget(rollout, sets).metadata.name).toBe('checkout-2');
    const patch = undoPatch(rollout, undoTarget(rollout, sets, 1));
    expect(patch.contentType).toBe('application/json-patch+json');
    expect(patch.body).toEqual([
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'checkout' } },
          spec: { containers: [{ name: 'app', image: 'reg/checkout:1' }] },
        },
      },
    ]);
    expect(() => undoPatch(rollout, undoTarget(rollout, sets, 3))).toThrow(/already matches revision 3/);
    expect(() => undoTarget(rollout, sets, 9)).toThrow(PlanRefused);
  });

  it('roll forward sets the image of the named container; a bare tag keeps the repository', () => {
    const r = canary({});
    expect(setImageBody(r, undefined, '1.1').image).toBe('reg/checkout:1.1');
    const { body } = setImageBody(r, 'app', 'other.io/checkout@sha256:abc');
    expect(body.spec?.template).toMatchObject({
      spec: { containers: [{ name: 'app', image: 'other.io/checkout@sha256:abc' }] },
    });
    expect(r.spec?.template).toMatchObject({ spec: { containers: [{ image: 'reg/checkout:1.0' }] } });
    expect(() => setImageBody(r, 'sidecar', '2')).toThrow(/unable to find container named "sidecar"/);
    const pinned = canary(
      {},
      { template: { spec: { containers: [{ name: 'app', image: 'reg.io:5000/checkout:1.2@sha256:ab' }] } } },
    );
    expect(setImageBody(pinned, 'app', '1.3').image).toBe('reg.io:5000/checkout:1.3');
  });

  it('refuses undo and roll forward of a rollout whose template lives in a Deployment, sending nothing', () => {
    const ref: KubeObject = {
      metadata: { name: 'web' },
      spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
    };
    expect(() => setImageBody(ref, 'app', '2')).toThrow(/lives in Deployment web/);
    const rs: KubeObject = { metadata: { name: 'web-1' }, spec: { template: { spec: { containers: [] } } } };
    expect(() => undoPatch(ref, rs)).toThrow(PlanRefused);
  });
});
