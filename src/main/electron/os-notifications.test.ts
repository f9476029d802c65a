import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../shared/connections';
import type { AuditRecord } from '../../shared/domain';
import { NotificationService } from '../core/notifications/notification-service';
import { readMarksFile } from '../core/notifications/read-marks-file';
import { connectOsNotifications, MAX_WAIT_MS, QUIET_MS, type OsNotificationClass } from './os-notifications';
import { revealAppRoute, type RevealableWindow } from './reveal-app-route';

const RENDERER = 'file:///opt/control-room/out/renderer/index.html';
const ACTOR = 'dana';
const dirs: string[] = [];

beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** Electron's Notification as the OS would treat it: shown ones recorded, clickable. */
function fakeNotifications(supported = true) {
  const shown: Array<{ options: NotificationConstructorOptions; click(): void }> = [];
  class FakeNotification {
    static isSupported = () => supported;
    private readonly listeners = new Map<string, Array<() => void>>();
    constructor(readonly options: NotificationConstructorOptions) {}
    on(event: string, listener: () => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    show() {
      shown.push({ options: this.options, click: () => this.listeners.get('click')?.forEach((l) => l()) });
    }
  }
  return { Notification: FakeNotification satisfies OsNotificationClass, shown };
}

/** A window as revealAppRoute drives it, recording what happened to it. */
function fakeWindow(minimized = false) {
  const did: string[] = [];
  const window: RevealableWindow = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => void did.push('restore'),
    show: () => void did.push('show'),
    focus: () => void did.push('focus'),
    webContents: {
      getURL: () => `${RENDERER}#/fleet`,
      loadURL: (url: string) => {
        did.push(`load ${url}`);
        return Promise.resolve();
      },
    },
  };
  return { window, did };
}

let seq = 0;
function record(r: Partial<AuditRecord>): AuditRecord {
  seq++;
  return {
    seq,
    time: new Date().toISOString(),
    actor: 'controller',
    kind: 'k',
    target: 't',
    reason: '',
    details: {},
    prev: '',
    hash: '',
    ...r,
  };
}

const prom = (reachable: boolean, message?: string): ConnectionStatus => ({
  name: 'prom-eu',
  kind: 'prometheus',
  roles: ['metrics'],
  reachable,
  ...(message ? { lastError: { at: new Date().toISOString(), message } } : {}),
});

const rollback = (target: string) =>
  record({ kind: 'rollout.aborted', target, details: { message: 'error rate 4.1% over 1%' } });

/** The real notification service over an audit log the test appends to, with the OS shell on it. */
function desk(options: { supported?: boolean; minimized?: boolean; history?: AuditRecord[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'os-notify-'));
  dirs.push(dir);
  const history = options.history ?? [];
  const service = new NotificationService({
    history: () => history,
    marks: readMarksFile(join(dir, 'read.json')),
    now: () => new Date(),
    changed: () => undefined,
  });
  const os = fakeNotifications(options.supported);
  const { window, did } = fakeWindow(options.minimized);
  const disconnect = connectOsNotifications(service, {
    Notification: os.Notification,
    actor: ACTOR,
    reveal: (hash) => revealAppRoute(window, RENDERER, hash),
    opened: (ids) => service.markRead(ACTOR, { ids }),
  });
  const append = (...records: AuditRecord[]) => {
    history.push(...records);
    service.sync();
  };
  return { service, append, shown: os.shown, did, disconnect };
}

describe('OS notifications in the desktop app', () => {
  it('shows an automatic rollback as one OS notification saying what and where; a click opens its rollout', () => {
    const { append, service, shown, did } = desk({ minimized: true });
    append(rollback('checkout-prod-eu'));
    expect(shown).toEqual([]); // gathered for a moment, in case a burst follows
    vi.advanceTimersByTime(QUIET_MS);
    expect(shown.map((s) => s.options)).toEqual([
      {
        title: 'checkout-prod-eu rolled back automatically',
        body: 'controller: error rate 4.1% over 1%',
        silent: false,
        urgency: 'critical',
      },
    ]);
    expect(service.list(ACTOR).unread).toBe(1);
    shown[0]?.click();
    expect(did).toEqual(['restore', 'show', 'focus', `load ${RENDERER}#/rollout/checkout-prod-eu`]);
    // Seen where it happened: the bell no longer counts it.
    expect(service.list(ACTOR).unread).toBe(0);
  });

  it('says nothing of what the person at the desk did, or of what was already in the log at start', () => {
    const history = [rollback('search-prod-us')];
    const { append, shown } = desk({ history });
    append(record({ kind: 'freeze.overridden', actor: ACTOR, target: 'INC-3', reason: 'hotfix' }));
    vi.advanceTimersByTime(MAX_WAIT_MS);
    expect(shown).toEqual([]);
    append(record({ kind: 'freeze.overridden', actor: 'alice', target: 'INC-3', reason: 'hotfix' }));
    vi.advanceTimersByTime(QUIET_MS);
    expect(shown.map((s) => s.options.title)).toEqual(['alice overrode the freeze']);
  });

  it('folds a burst into one notification with the count and the worst first; a click opens the list', () => {
    const { append, service, shown, did } = desk();
    // Eight automatic pauses and a rollback in one sync, then a connection down a moment later.
    append(
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((s) =>
        record({ kind: 'rollout.paused', target: `${s}-prod-eu`, details: {} }),
      ),
      rollback('checkout-prod-eu'),
    );
    vi.advanceTimersByTime(QUIET_MS / 2);
    service.observeConnections([prom(true)]);
    service.observeConnections([prom(false)]);
    vi.advanceTimersByTime(QUIET_MS);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.options).toMatchObject({ title: '10 new notifications', urgency: 'critical' });
    expect(shown[0]?.options.body?.split('\n')).toEqual([
      '2 critical, 8 warning',
      'checkout-prod-eu rolled back automatically',
      'prom-eu is unreachable',
      'a-prod-eu paused automatically',
      'and 7 more',
    ]);
    shown[0]?.click();
    expect(did.at(-1)).toBe(`load ${RENDERER}#/notifications`);
    // Opened as a list: each is still unread there until looked at.
    expect(service.list(ACTOR).unread).toBe(10);
  });

  it('a burst about one thing opens that thing', () => {
    const { append, shown, did } = desk();
    append(
      record({ kind: 'rollout.paused', target: 'checkout-prod-eu' }),
      record({ kind: 'analysis.verdict', target: 'checkout-prod-eu', details: { verdict: 'fail' } }),
    );
    vi.advanceTimersByTime(QUIET_MS);
    expect(shown.map((s) => s.options.title)).toEqual(['2 new notifications']);
    shown[0]?.click();
    expect(did.at(-1)).toBe(`load ${RENDERER}#/rollout/checkout-prod-eu`);
  });

  it('in a steady storm says something now and then, not once per event', () => {
    const { append, shown } = desk();
    for (let i = 0; i < 60; i++) {
      append(rollback(`svc-${i}-prod-eu`));
      vi.advanceTimersByTime(QUIET_MS / 2);
    }
    vi.advanceTimersByTime(QUIET_MS);
    // 30 s of one event every half second: about one notification per MAX_WAIT_MS (not one per
    // event, and not silence until the storm ends), every event counted.
    expect(shown.length).toBeGreaterThanOrEqual(Math.floor(30_000 / MAX_WAIT_MS));
    expect(shown.length).toBeLessThanOrEqual(Math.ceil(30_000 / MAX_WAIT_MS) + 1);
    const counted = shown.map((s) => Number(/^(\d+) new/.exec(s.options.title ?? '')?.[1] ?? 1));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('shows nothing where the OS has no notifications, and the in-app list still has them', () => {
    const { append, service, shown } = desk({ supported: false });
    append(rollback('checkout-prod-eu'));
    vi.advanceTimersByTime(MAX_WAIT_MS);
    expect(shown).toEqual([]);
    expect(service.list(ACTOR).unread).toBe(1);
  });

  it('is quiet about a connection coming back, and keeps credentials out of the text', () => {
    const { service, shown } = desk();
    service.observeConnections([prom(true)]);
    service.observeConnections([
      prom(
        false,
        'GET https://ops:hunter2@prom.internal/api/v1/query?token=s3cr3t&q=up&api_key=k3y5 failed (Authorization: Bearer eyJhbGciOi.abc)',
      ),
    ]);
    vi.advanceTimersByTime(QUIET_MS);
    service.observeConnections([prom(true)]);
    vi.advanceTimersByTime(QUIET_MS);
    expect(shown.map((s) => [s.options.title, s.options.silent])).toEqual([
      ['prom-eu is unreachable', false],
      ['prom-eu is reachable again', true],
    ]);
    const body = shown[0]?.options.body ?? '';
    expect(body).toContain('https://prom.internal/api/v1/query?token=…&q=up&api_key=…');
    for (const secret of ['hunter2', 's3cr3t', 'k3y5', 'eyJhbGciOi']) expect(body).not.toContain(secret);
  });

  it('stops when disconnected: a burst in progress is dropped', () => {
    const { append, shown, disconnect } = desk();
    append(rollback('checkout-prod-eu'));
    disconnect();
    vi.advanceTimersByTime(MAX_WAIT_MS);
    append(rollback('search-prod-us'));
    vi.advanceTimersByTime(MAX_WAIT_MS);
    expect(shown).toEqual([]);
  });
});

describe('revealing a route from a notification', () => {
  it('follows only the routes of the app, within the page already loaded', () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const hash of [
      'https://evil.example/#/fleet',
      'javascript:alert(1)',
      '#/nonsense',
      '#/rollout/a/b',
      '#/rollout/x"><script>',
      '#//evil.example',
      `#/rollout/${'a'.repeat(3000)}`,
    ]) {
      const { window, did } = fakeWindow();
      expect(revealAppRoute(window, RENDERER, hash), hash).toBe(false);
      // Brought forward all the same: the person clicked to look.
      expect(did, hash).toEqual(['show', 'focus']);
      expect(String(said.mock.lastCall?.[0]), hash).toMatch(/not a route of the app/);
    }
    const { window, did } = fakeWindow();
    expect(revealAppRoute(window, RENDERER, '#/incidents/INC-7')).toBe(true);
    expect(did.at(-1)).toBe(`load ${RENDERER}#/incidents/INC-7`);
  });

  it('loads the renderer itself when the window shows some other page', () => {
    const { window, did } = fakeWindow();
    window.webContents.getURL = () => 'file:///tmp/elsewhere.html';
    revealAppRoute(window, RENDERER, '#/alerts');
    expect(did.at(-1)).toBe(`load ${RENDERER}#/alerts`);
  });

  it('does nothing to a window already closed', () => {
    const { window, did } = fakeWindow();
    window.isDestroyed = () => true;
    expect(revealAppRoute(window, RENDERER, '#/alerts')).toBe(false);
    expect(did).toEqual([]);
  });
});
