import { describe, expect, it } from 'vitest';
import { actionRequestSchema } from '../../../shared/api';
import { actionRequest } from './action-request';

describe('the request an action sends', () => {
  it('names the revision the person decided on, so a rollout that moved since is refused', () => {
    const body = actionRequest(
      { action: 'promote', id: 'prod-eu/shop/checkout', revision: 12 },
      'k:promote:12',
    );
    expect(body).toEqual({
      id: 'prod-eu/shop/checkout',
      action: 'promote',
      idempotencyKey: 'k:promote:12',
      revision: 12,
    });
    expect(actionRequestSchema.parse(body)).toEqual(body);
  });

  it("carries an undo's revision and a roll forward's image and container, and a trimmed reason", () => {
    expect(
      actionRequest(
        { action: 'undo', id: 'a/b/c', revision: 12, toRevision: 3, reason: '  p99  ' },
        'key-undo-3',
      ),
    ).toEqual({
      id: 'a/b/c',
      action: 'undo',
      idempotencyKey: 'key-undo-3',
      revision: 12,
      toRevision: 3,
      reason: 'p99',
    });
    const forward = actionRequest(
      {
        action: 'roll-forward',
        id: 'a/b/c',
        revision: 12,
        toVersion: 'envoyproxy/envoy:v1.30.0',
        container: 'envoy',
        reason: ' ',
      },
      'key-forward',
    );
    expect(forward).toEqual({
      id: 'a/b/c',
      action: 'roll-forward',
      idempotencyKey: 'key-forward',
      revision: 12,
      toVersion: 'envoyproxy/envoy:v1.30.0',
      container: 'envoy',
    });
    expect(actionRequestSchema.safeParse(forward).success).toBe(true);
  });
});
