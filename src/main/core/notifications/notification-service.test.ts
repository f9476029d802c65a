import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts';
import type { AuditRecord } from '../../../shared/domain';
import { NotificationService } from './notification-service';
import { readMarksFile } from './read-marks-file';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function record(seq: number, r: Partial<AuditRecord>): AuditRecord {
  return {
    seq,
    time: `2026-01-01T00:00:0${seq % 10}Z`,
    actor: 'x',
    kind: 'k',
    target: 't',
    reason: '',
    details: {},
    prev: '',
    hash: '',
    ...r,
  };
}

function setup(history: AuditRecord[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'notify-'));
  dirs.push(dir);
  const path = join(dir, 'notifications-read.json');
  let changes = 0;
  const make = () =>
    new NotificationService({
      history: () => history,
      marks: readMarksFile(path),
      now: () => new Date('2026-01-01T00:01:00Z'),
      changed: () => changes++,
    });
  return { history, path, make, changes: () => changes };
}

describe('notifications', () => {
  it('raises one per audited source kind, each with its link, and not for actions a person caused', () => {
    const { make } = setup([
      record(1, {
        kind: 'rollout.aborted',
        actor: 'controller',
        target: 'checkout-prod-eu',
        details: { message: 'error rate' },
      }),
      record(2, {
        kind: 'rollout.aborted',
        actor: 'bob',
        target: 'search-prod-us',
        details: { idempotencyKey: 'k1' },
      }),
      record(3, {
        kind: 'rollout.paused',
        actor: 'judge',
        target: 'search-prod-us',
        details: { idempotencyKey: 'k2' },
      }),
      record(4, {
        kind: 'analysis.verdict',
        actor: 'judge',
        target: 'search-prod-us',
        details: { verdict: 'fail' },
      }),
      record(5, {
        kind: 'analysis.verdict',
        actor: 'judge',
        target: 'search-prod-us',
        details: { verdict: 'pass' },
      }),
      record(6, {
        kind: 'freeze.overridden',
        actor: 'alice',
        target: 'payments-prod-us',
        reason: 'hotfix',
        details: { incident: 'INC-3', action: 'promote' },
      }),
    ]);
    const { items, unread } = make().list('carol');
    expect(items.map((n) => [n.kind, n.link])).toEqual([
      ['freeze-overridden', { view: 'incident', id: 'INC-3' }],
      ['analysis-failed', { view: 'rollout', id: 'search-prod-us' }],
      ['automatic-pause', { view: 'rollout', id: 'search-prod-us' }],
      ['automatic-rollback', { view: 'rollout', id: 'checkout-prod-eu' }],
    ]);
    expect(unread).toBe(4);
  });

  it('never tells a person about their own action', () => {
    const { make } = setup([record(1, { kind: 'freeze.overridden', actor: 'alice', target: 'INC-1' })]);
    const service = make();
    expect(service.list('alice').items).toEqual([]);
    expect(service.list('bob').items).toHaveLength(1);
  });

  it('keeps read marks per person, across a restart, in a 0600 file', () => {
    const s = setup([
      record(1, { kind: 'analysis.verdict', actor: 'judge', target: 'a', details: { verdict: 'fail' } }),
      record(2, { kind: 'analysis.verdict', actor: 'judge', target: 'b', details: { verdict: 'fail' } }),
    ]);
    const first = s.make();
    expect(first.markRead('alice', { ids: ['audit-1'] })).toEqual({ unread: 1 });
    expect(first.list('bob').unread).toBe(2);
    const restarted = s.make();
    expect(restarted.list('alice', true).items.map((n) => n.id)).toEqual(['audit-2']);
    restarted.markRead('bob', { all: true });
    expect(restarted.list('bob').unread).toBe(0);
    expect(restarted.list('alice').unread).toBe(1);
    expect(statSync(s.path).mode & 0o777).toBe(0o600);
  });

  it('picks up records written after start and tells the stream once', () => {
    const s = setup();
    const service = s.make();
    s.history.push(record(1, { kind: 'rollout.aborted', actor: 'argo-rollouts', target: 'r' }));
    service.sync();
    service.sync();
    expect(service.list('p').items).toHaveLength(1);
    expect(s.changes()).toBe(1);
  });

  it('tells of a connection going down and coming back, not of its first reading', () => {
    const service = setup().make();
    const status = (reachable: boolean) => [
      {
        name: 'prom',
        kind: 'prometheus',
        roles: [],
        reachable,
        lastError: { at: '', message: 'connection refused' },
      },
    ];
    service.observeConnections(status(true));
    service.observeConnections(status(false));
    service.observeConnections(status(false));
    service.observeConnections(status(true));
    const items = service.list('p').items;
    expect(items.map((n) => [n.kind, n.text])).toEqual([
      ['connection-up', 'prometheus connection answers again'],
      ['connection-down', 'connection refused'],
    ]);
    expect(items[0]!.link).toEqual({ view: 'settings', connection: 'prom' });
  });

  it('raises a firing alert once, linking to the alerts view', () => {
    const service = setup().make();
    // A fake of the alert service's onNewFiring, as the integrator wires it.
    const listeners: ((a: Alert) => void)[] = [];
    const onNewFiring = (l: (a: Alert) => void) => listeners.push(l);
    onNewFiring((a) => service.fromAlert(a));
    const alert: Alert = {
      id: 'am:1',
      connection: 'am',
      name: 'HighErrorRate',
      labels: {},
      annotations: { summary: '5xx over 2%' },
      state: 'firing',
      startsAt: '2026-01-01T00:00:00Z',
      severity: 'critical',
      service: 'checkout',
    };
    listeners.forEach((l) => l(alert));
    listeners.forEach((l) => l(alert));
    const [n, ...rest] = service.list('p').items;
    expect(rest).toEqual([]);
    expect(n).toMatchObject({
      kind: 'alert-firing',
      severity: 'critical',
      link: { view: 'alerts', id: 'am:1' },
      text: 'checkout · 5xx over 2% · from am',
    });
  });

  it('tells its listeners of each new notification once, with who caused it, even when one listener fails', () => {
    const s = setup([record(1, { kind: 'rollout.aborted', actor: 'controller', target: 'old' })]);
    const service = s.make();
    const told: Array<[string, string | undefined]> = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    service.onRaised(() => {
      throw new Error('the OS said no');
    });
    const stop = service.onRaised((n) => told.push([n.title, n.causedBy]));
    s.history.push(record(2, { kind: 'rollout.aborted', actor: 'controller', target: 'checkout' }));
    service.sync();
    service.sync();
    service.raise({
      id: 'x',
      kind: 'connection-down',
      severity: 'critical',
      title: 'am down',
      text: '',
      link: { view: 'alerts' },
    });
    service.raise({
      id: 'x',
      kind: 'connection-down',
      severity: 'critical',
      title: 'am down',
      text: '',
      link: { view: 'alerts' },
    });
    stop();
    service.raise({
      id: 'y',
      kind: 'connection-up',
      severity: 'info',
      title: 'am up',
      text: '',
      link: { view: 'alerts' },
    });
    // What was in the log at start is not news; the failing listener was named, the list is whole.
    expect(told).toEqual([
      ['checkout rolled back automatically', 'controller'],
      ['am down', undefined],
    ]);
    expect(quiet).toHaveBeenCalledWith(expect.stringContaining('the OS said no'));
    expect(service.list('p').items).toHaveLength(4);
    quiet.mockRestore();
  });
});
