import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../shared/api';
import { draftFieldOf, draftOf, DraftProblem, emptyDraft, saveInput } from './connection-draft';

const view = (
  settings: ConnectionView['settings'],
  kind: ConnectionView['kind'] = 'prometheus',
): ConnectionView => ({
  name: 'prom',
  kind,
  roles: ['metrics'],
  implicit: false,
  settings: { name: 'prom', kind, ...settings },
  secrets: [],
  usedBy: [],
  serves: [],
});

describe('the connection form', () => {
  it('edits a connection without losing the settings it has no input for, and keeps its secret reference', () => {
    const draft = draftOf(
      view({
        url: 'http://127.0.0.1:9090',
        timeout: '5s',
        bearerToken: { secret: 'prom.token' },
        metrics: { errorRate: { query: 'rate(x[1m])' } },
      }),
    );
    expect(draft).toMatchObject({
      auth: 'bearerToken',
      secretFrom: 'secret',
      secretName: 'prom.token',
      secretValue: '',
    });
    expect(draft.more).toContain('errorRate');
    expect(saveInput(draft, true)).toEqual({
      connection: {
        name: 'prom',
        kind: 'prometheus',
        url: 'http://127.0.0.1:9090',
        timeout: '5s',
        bearerToken: { secret: 'prom.token' },
        metrics: { errorRate: { query: 'rate(x[1m])' } },
      },
      replace: true,
      // Nothing typed: the stored token stays as it is.
      secrets: {},
    });
  });

  it('sends a typed secret only to `secrets`, with a reference in the settings', () => {
    const draft = {
      ...emptyDraft(),
      name: 'lab',
      url: 'http://x:9090',
      auth: 'basicAuth' as const,
      user: 'ops',
      secretValue: 's3cret',
    };
    const input = saveInput(draft, false);
    expect(input.connection).toEqual({
      name: 'lab',
      kind: 'prometheus',
      url: 'http://x:9090',
      basicAuth: { user: 'ops', password: { secret: 'lab.basic-auth.password' } },
    });
    expect(JSON.stringify(input.connection)).not.toContain('s3cret');
    expect(input.secrets).toEqual({ 'basicAuth.password': 's3cret' });
    expect(
      saveInput({ ...draft, secretFrom: 'env', envVar: 'LAB_PASSWORD' }, false).connection.basicAuth,
    ).toEqual({ user: 'ops', password: { env: 'LAB_PASSWORD' } });
  });

  it('names the input to fix: bad YAML, a missing variable name, and the fields of the server errors', () => {
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof DraftProblem ? error.field : 'other';
      }
      return 'none';
    };
    expect(
      problem(() => saveInput({ ...emptyDraft('haproxy'), name: 'edge', more: 'services: [' }, false)),
    ).toBe('more');
    expect(
      problem(() => saveInput({ ...emptyDraft(), name: 'p', auth: 'bearerToken', secretFrom: 'env' }, false)),
    ).toBe('secret');
    expect(draftFieldOf('connection.url', 'prometheus')).toBe('url');
    expect(draftFieldOf('connection.basicAuth.password', 'prometheus')).toBe('secret');
    expect(draftFieldOf('secrets.bearerToken', 'prometheus')).toBe('secret');
    expect(draftFieldOf('connection.services.0.backend', 'haproxy')).toBe('more');
    expect(draftFieldOf('connection.metrics', 'simulator')).toBe('metrics');
    expect(draftFieldOf('connection.metrics.errorRate.query', 'prometheus')).toBe('more');
    expect(draftFieldOf('name', 'prometheus')).toBe('name');
    expect(draftFieldOf(undefined, 'prometheus')).toBeUndefined();
  });
});
