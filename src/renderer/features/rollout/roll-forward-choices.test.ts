import { describe, expect, it } from 'vitest';
import type { RolloutVersions } from '../../../shared/api';
import { checkTarget } from './roll-forward-target';
import { ranInText, rollForwardChoices } from './roll-forward-choices';
import { kubernetesRollout as r } from './kubernetes-rollout-fixture';

const image = (tag: string) => `registry.example/shop/checkout:${tag}`;
const envoy = 'envoyproxy/envoy:v1.29.1';

const versions: RolloutVersions = {
  id: r.id,
  service: 'checkout',
  environment: 'shop',
  versions: [
    { version: image('2.4.0'), serving: 'canary' },
    { version: image('2.3.1'), serving: 'stable' },
  ],
};

describe('what the roll-forward dialog of a Kubernetes rollout offers', () => {
  it("offers the listed versions with the revisions and container that ran them, then the revisions' other images", () => {
    const choices = rollForwardChoices(r, versions) ?? [];
    expect(choices.map((c) => [c.version, ranInText(c)])).toEqual([
      [image('2.4.0'), 'revision 5 (canary), container checkout'],
      [image('2.3.1'), 'revision 4 (stable), container checkout'],
      [envoy, 'revisions 5 (canary), 4 (stable), 3, container envoy'],
      [image('2.3.0'), 'revision 3, container checkout'],
    ]);
    expect(choices[0]?.info?.serving).toBe('canary');
  });

  it("offers the revisions' images while the list loads or when it failed, and matches a listed bare tag", () => {
    expect(rollForwardChoices(r, undefined)?.map((c) => c.version)).toEqual([
      image('2.4.0'),
      envoy,
      image('2.3.1'),
      image('2.3.0'),
    ]);
    const tags = { ...versions, versions: [{ version: '2.3.1' }] };
    expect(rollForwardChoices(r, tags)?.map((c) => [c.version, ranInText(c)])).toEqual([
      ['2.3.1', 'revision 4 (stable), container checkout'],
      [image('2.4.0'), 'revision 5 (canary), container checkout'],
      [envoy, 'revisions 5 (canary), 4 (stable), 3, container envoy'],
      [image('2.3.0'), 'revision 3, container checkout'],
    ]);
  });

  it('knows nothing to offer for another backend until its list has loaded', () => {
    const { kubernetes: _, ...plain } = r;
    expect(rollForwardChoices(plain, undefined)).toBeUndefined();
  });

  it('accepts a typed image or tag the list does not name, but not the image the container already runs', () => {
    expect(checkTarget(r, image('2.5.0'), versions, false, 'checkout').problem).toBeNull();
    expect(checkTarget(r, '2.5.0', versions, false, 'checkout').problem).toBeNull();
    expect(checkTarget(r, '2.4.0', versions, false, 'checkout').problem).toBe(
      `Container checkout already runs ${image('2.4.0')}: nothing would change.`,
    );
    expect(checkTarget(r, 'v1.29.1', versions, false, 'envoy').problem).toBe(
      `Container envoy already runs ${envoy}: nothing would change.`,
    );
    expect(checkTarget(r, 'registry example', versions, false, 'checkout').problem).toMatch(
      /^Image or tag must look like/,
    );
    expect(checkTarget(r, '', versions, false).problem).toBe(
      'Enter the image or tag to roll forward to, or pick one below.',
    );
  });
});
