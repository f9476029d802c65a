import { describe, expect, it } from 'vitest';
import { imagesText, previousRevision, revisionsNewestFirst } from './revision-words';
import { kubernetesDetail as k } from './kubernetes-rollout-fixture';

describe('the revisions of a Kubernetes rollout', () => {
  it('lists them newest first with their images as container=image', () => {
    expect(revisionsNewestFirst(k).map((v) => v.revision)).toEqual([5, 4, 3]);
    expect(imagesText(k.revisions[0]!.images)).toBe(
      'checkout=registry.example/shop/checkout:2.3.0, envoy=envoyproxy/envoy:v1.29.1',
    );
  });

  it('undoes by default to the newest revision older than the current template', () => {
    expect(previousRevision(k)?.revision).toBe(4);
    // After an undo to 3 the template is revision 6; the previous is 5.
    const after = {
      ...k,
      revisions: [
        ...k.revisions.map((v) => ({ ...v, current: false })),
        { ...k.revisions[0]!, revision: 6, current: true },
      ],
    };
    expect(previousRevision(after)?.revision).toBe(5);
    expect(previousRevision({ ...k, revisions: [k.revisions[1]!] })).toBeUndefined();
  });
});
