import { describe, expect, it } from 'vitest';
import type { RolloutDetail } from '../../../shared/domain';
import { describeConsequence } from './action-consequence';
import { kubernetesDetail as k, kubernetesRollout as r } from './kubernetes-rollout-fixture';

const image = (tag: string) => `registry.example/shop/checkout:${tag}`;
const envoy = 'envoy=envoyproxy/envoy:v1.29.1';

/** One container, as most rollouts have. */
const single: RolloutDetail = {
  ...r,
  kubernetes: {
    ...k,
    containers: [{ name: 'checkout', image: image('2.4.0') }],
    revisions: k.revisions.map((v) => ({ ...v, images: v.images.filter((i) => i.container === 'checkout') })),
  },
};

describe('the three ways back on an Argo Rollouts rollout, named apart', () => {
  it('Abort moves traffic to the stable revision and leaves the spec, so the rollout stays Degraded', () => {
    const c = describeConsequence('abort', single);
    expect(c.title).toBe('Abort the rollout of checkout revision 5?');
    expect(c.lines).toEqual([
      `Traffic returns to the stable revision (revision 4: checkout=${image('2.3.1')}); the spec still names the new one, so the rollout stays Degraded until you Retry or Undo.`,
      `Right now 20% of traffic is on revision 5 (checkout=${image('2.4.0')}).`,
    ]);
  });

  it("Undo to a revision makes a new revision from that revision's template and runs the steps again", () => {
    const c = describeConsequence('undo', single, { toRevision: 3 });
    expect(c.title).toBe('Undo checkout to revision 3?');
    expect(c.lines).toEqual([
      `Undo to revision 3: a new revision is made from revision 3's pod template (checkout=${image('2.3.0')}); the steps run again from the first.`,
      `The current template, revision 5 (checkout=${image('2.4.0')}), stays in the history.`,
    ]);
    // Every container of the template is named.
    expect(describeConsequence('undo', r, { toRevision: 3 }).lines[0]).toContain(
      `(checkout=${image('2.3.0')}, ${envoy})`,
    );
  });

  it('Undo back to the stable revision of an unfinished update says Argo Rollouts skips the steps', () => {
    expect(describeConsequence('undo', single, { toRevision: 4 }).lines[0]).toBe(
      `Undo to revision 4: a new revision is made from revision 4's pod template (checkout=${image('2.3.1')}); it is the stable revision and the update had not finished, so Argo Rollouts skips the steps and returns all traffic to it at once.`,
    );
  });

  it("the action bar's Undo names the previous revision", () => {
    expect(describeConsequence('undo', single).title).toBe('Undo checkout to revision 4?');
  });

  it('Roll forward sets a new image on the chosen container; a bare tag keeps its repository', () => {
    const c = describeConsequence('roll-forward', r, { toVersion: '2.5.0', container: 'checkout' });
    expect(c.title).toBe('Roll checkout forward to a new image?');
    expect(c.lines).toEqual([
      `A new image: container checkout runs ${image('2.5.0')} (the tag 2.5.0) instead of ${image('2.4.0')}. A new revision is made from it and its steps run from the first.`,
      'It replaces revision 5 as the canary; the stable revision 4 keeps the stable traffic until the new one is promoted.',
    ]);
    expect(
      describeConsequence('roll-forward', r, { toVersion: 'envoyproxy/envoy:v1.30.0', container: 'envoy' })
        .lines[0],
    ).toBe(
      'A new image: container envoy runs envoyproxy/envoy:v1.30.0 instead of envoyproxy/envoy:v1.29.1. A new revision is made from it and its steps run from the first.',
    );
  });

  it("Roll forward to the stable revision's image warns that Argo Rollouts may go back without the steps", () => {
    expect(describeConsequence('roll-forward', single, { toVersion: '2.3.1' }).lines[2]).toBe(
      `${image('2.3.1')} is what the stable revision 4 runs: if nothing else in the template differs, Argo Rollouts goes back to it without the steps.`,
    );
  });

  it('Restart pods restarts every pod one by one and makes no revision', () => {
    const c = describeConsequence('restart', r);
    expect(c.title).toBe('Restart the pods of checkout?');
    expect(c.lines).toEqual([
      'Restarts every pod of checkout one by one; no new revision.',
      '5 pods run now: 1 of revision 5, 4 of revision 4.',
    ]);
  });

  it('a rollout without Kubernetes keeps its words', () => {
    const { kubernetes: _, ...plain } = r;
    expect(describeConsequence('abort', plain).lines[0]).toBe(
      `Traffic returns to ${image('2.3.1')} in shop. checkout ${image('2.4.0')} stops receiving traffic.`,
    );
  });
});
