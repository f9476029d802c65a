// The desktop shell as far as this machine can show it without an Electron binary: the built main
// (out/main/index.js, unmodified) runs in a child process against a stand-in 'electron' shaped like
// the real API, and the built preload runs as a sandboxed preload would. The test then plays the
// renderer, a hostile page and the OS, and checks what `npm start` on a laptop depends on.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';
import * as timers from 'node:timers';
import * as url from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiErrorCode, type ApiInput, type ApiMethod } from '../src/shared/api';
import type { ControlRoomBridge } from '../src/shared/bridge';
import { ensureBuild } from './support/ensure-build';
import { HARDENED_WEB_PREFERENCES } from './support/hardened-web-preferences';
import { launchBuiltMain, type BuiltMain } from './support/launch-built-main';

const root = join(import.meta.dirname, '..');
const ACTOR = 'desk-operator';
const PASSWORD = 'correct-horse-battery-staple-7Q';
const TOKEN = 'desk-prometheus-token-5d41402abc4b2a76';
const workspace = mkdtempSync(join(tmpdir(), 'electron-shell-workspace-'));
const userData = mkdtempSync(join(tmpdir(), 'electron-shell-userdata-'));
let main: BuiltMain;
/** The page the window loaded, as the renderer's frame reports its URL. */
let rendererUrl = '';

beforeAll(async () => {
  ensureBuild(root);
  writeFileSync(
    join(workspace, 'config.yaml'),
    'databases:\n  reporting: { host: 127.0.0.1, database: reporting, user: control_room_ro, passwordKeychain: true }\n',
  );
  main = await launchBuiltMain({ root, workspace, userData, actor: ACTOR });
  const [window] = (await main.run({ op: 'state' })).windows;
  rendererUrl = `${pathToFileURL(window?.loadedFile ?? '').href}#/fleet`;
}, 300_000);

afterAll(() => {
  main?.stop();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

// --- the preload, run as Electron runs a sandboxed one -----------------------------------------

interface PreloadRun {
  exposed: Array<{ key: string; api: unknown }>;
  ipcRenderer: EventEmitter & { invoked: Array<{ channel: string; args: unknown[] }> };
  required: string[];
}

/**
 * Runs out/preload/index.cjs in a fresh context with only what Electron gives a sandboxed preload:
 * a require of 'electron' (contextBridge, ipcRenderer) and a few Node built-ins, plus Buffer and a
 * limited process. ipcRenderer.invoke goes to the built main's handler, from the renderer's frame.
 */
function runPreload(file: string): PreloadRun {
  const exposed: PreloadRun['exposed'] = [];
  const required: string[] = [];
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoked: [] as Array<{ channel: string; args: unknown[] }>,
    invoke(channel: string, ...args: unknown[]) {
      ipcRenderer.invoked.push({ channel, args });
      return main.run({ op: 'invoke', channel, args, senderFrameUrl: rendererUrl });
    },
  });
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => void exposed.push({ key, api }),
  };
  const sandboxModules: Record<string, unknown> = {
    electron: { contextBridge, ipcRenderer },
    events: { EventEmitter },
    timers,
    url,
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (!(name in sandboxModules)) throw new Error(`a sandboxed preload cannot require '${name}'`);
    return sandboxModules[name];
  };
  const module = { exports: {} };
  const context = vm.createContext({
    require: sandboxRequire,
    module,
    exports: module.exports,
    Buffer,
    process: { platform: process.platform, versions: process.versions, env: {} },
    setImmediate,
    clearImmediate,
  });
  vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  return { exposed, ipcRenderer, required };
}

// --- one input per API method, as the renderer would send it ------------------------------------

type Expected = 'ok' | ApiErrorCode;
const PLAN = 'orders-customer-id';
/** Typed against the contract: a method added to the API needs a line here, or this does not compile. */
const CALLS: { [M in ApiMethod]: { input: ApiInput<M>; answer: Expected } } = {
  'session.get': { input: {}, answer: 'ok' },
  'connections.status': { input: {}, answer: 'ok' },
  'notifications.list': { input: {}, answer: 'ok' },
  'notifications.markRead': { input: { all: true }, answer: 'ok' },
  'session.invite': { input: { name: 'dana', role: 'observer' }, answer: 'precondition-failed' },
  'fleet.list': { input: {}, answer: 'ok' },
  'rollouts.pauseAll': {
    input: { environment: 'staging', idempotencyKey: 'pause-all-electron-1' },
    answer: 'ok',
  },
  'rollout.get': { input: { id: 'checkout-prod-eu' }, answer: 'ok' },
  'rollout.metrics': { input: { id: 'checkout-prod-eu', windowSec: 600 }, answer: 'ok' },
  'rollout.versions': { input: { id: 'checkout-prod-eu' }, answer: 'ok' },
  'rollout.act': {
    input: {
      id: 'search-prod-us',
      action: 'pause',
      idempotencyKey: 'desk-pause-search',
      reason: 'from the desk',
    },
    answer: 'ok',
  },
  'audit.list': { input: { limit: 50 }, answer: 'ok' },
  'audit.verify': { input: {}, answer: 'ok' },
  'alerts.list': { input: {}, answer: 'ok' },
  'alerts.coverage': { input: {}, answer: 'ok' },
  'playbooks.list': { input: {}, answer: 'ok' },
  // No such alert: the handler answers, naming it.
  'alerts.silence': {
    input: { id: 'simulator/none', until: '2099-01-01T00:00:00Z', reason: 'drill' },
    answer: 'not-found',
  },
  'incidents.postmortem': { input: { id: 'INC-404' }, answer: 'not-found' },
  'delivery.metrics': { input: { since: '7d' }, answer: 'ok' },
  'changes.list': { input: { window: '1h' }, answer: 'ok' },
  'migrations.list': { input: {}, answer: 'ok' },
  'migrations.get': { input: { id: PLAN }, answer: 'ok' },
  'migrations.check': { input: { id: PLAN }, answer: 'ok' },
  'migrations.tick': {
    input: { id: PLAN, phase: 'P3', item: 'backfill-started', note: 'job 4411' },
    answer: 'ok',
  },
  'migrations.waive': {
    input: { id: PLAN, phase: 'P3', item: 'blocking', reason: 'known reporting lock' },
    answer: 'ok',
  },
  // Not every item of P3 has passed: the handler answers, with the refusal.
  'migrations.advance': {
    input: { id: PLAN, from: 'P3', idempotencyKey: 'desk-advance-p3' },
    answer: 'precondition-failed',
  },
  'migrations.rollback': {
    input: { id: PLAN, from: 'P3', reason: 'backfill too slow', idempotencyKey: 'desk-rollback-p3' },
    answer: 'ok',
  },
  'databases.storePassword': { input: { database: 'reporting', password: PASSWORD }, answer: 'ok' },
  'canary.analyses': { input: { id: 'checkout-prod-eu' }, answer: 'ok' },
  'canary.judge': { input: { id: 'checkout-prod-eu', windowSec: 600 }, answer: 'ok' },
  'connections.list': { input: {}, answer: 'ok' },
  // The desktop's demo fleet is a simulator: no label values to suggest, and it says so.
  'connections.suggest': { input: { name: 'simulator' }, answer: 'precondition-failed' },
  'connections.test': { input: { name: 'simulator' }, answer: 'ok' },
  'connections.save': {
    input: {
      connection: {
        name: 'desk-prom',
        kind: 'prometheus',
        url: 'http://127.0.0.1:9',
        bearerToken: { secret: 'desk-prom.bearer-token' },
      },
      secrets: { bearerToken: TOKEN },
    },
    answer: 'ok',
  },
  'connections.setSecret': {
    input: { name: 'desk-prom', field: 'bearerToken', value: `${TOKEN}-rotated` },
    answer: 'ok',
  },
  'connections.remove': { input: { name: 'desk-prom' }, answer: 'ok' },
  'incidents.list': { input: {}, answer: 'ok' },
  'freeze.status': { input: {}, answer: 'ok' },
  'incidents.get': { input: { id: 'INC-99' }, answer: 'not-found' },
  'incidents.declare': { input: { title: 'desk drill', severity: 'SEV4' }, answer: 'ok' },
  // Without a root cause the freeze stays: refused with why.
  'incidents.resolve': { input: { id: 'INC-1' }, answer: 'precondition-failed' },
  'freezeWindows.list': { input: {}, answer: 'ok' },
  'freezeWindows.save': {
    input: { window: { name: 'desk-window', start: '2099-12-24T18:00', end: '2099-12-27T08:00' } },
    answer: 'ok',
  },
  'freezeWindows.remove': { input: { name: 'no-such-window' }, answer: 'not-found' },
  // The desktop room is not a drill's: its live drill is null and driving one is refused.
  'drill.status': { input: {}, answer: 'ok' },
  'drill.control': { input: { command: 'start' }, answer: 'precondition-failed' },
  'drill.speed': { input: { speed: 10 }, answer: 'precondition-failed' },
  'drill.inject': { input: { inject: { id: 'x', kind: 'metrics-outage' } }, answer: 'precondition-failed' },
  'drill.revertConfig': { input: { config: 'x' }, answer: 'precondition-failed' },
  'drills.scenarios': { input: {}, answer: 'ok' },
  'drills.history': { input: {}, answer: 'ok' },
  'drills.report': { input: { id: 'no-such-run' }, answer: 'not-found' },
  // Refused before any drill room's process is started.
  'drills.start': { input: { scenario: 'no-such-scenario' }, answer: 'invalid-input' },
  'drills.running': { input: {}, answer: 'ok' },
  'drills.stop': { input: { pid: 999_999 }, answer: 'not-found' },
  'flags.list': { input: {}, answer: 'ok' },
  'flags.show': { input: { flag: 'no-such-flag', environment: 'prod' }, answer: 'not-found' },
  'flags.change': {
    input: {
      flag: 'no-such-flag',
      environment: 'prod',
      change: { kind: 'disable' },
      idempotencyKey: 'desk-flag-1',
    },
    answer: 'not-found',
  },
  'flags.compare': { input: { flag: 'no-such-flag', environment: 'prod' }, answer: 'not-found' },
  'sets.list': { input: {}, answer: 'ok' },
  'sets.show': { input: { set: 'no-such-set' }, answer: 'not-found' },
  'sets.start': {
    input: { set: 'no-such-set', environment: 'prod', idempotencyKey: 'desk-set-1' },
    answer: 'not-found',
  },
  'sets.pause': {
    input: { set: 'no-such-set', environment: 'prod', idempotencyKey: 'desk-set-2' },
    answer: 'not-found',
  },
  'sets.resume': {
    input: { set: 'no-such-set', environment: 'prod', idempotencyKey: 'desk-set-3' },
    answer: 'not-found',
  },
  'sets.abort': {
    input: { set: 'no-such-set', environment: 'prod', idempotencyKey: 'desk-set-4' },
    answer: 'not-found',
  },
};

const codeOf = (envelope: unknown): Expected => {
  const e = envelope as { ok?: boolean; error?: { code?: ApiErrorCode } };
  return e.ok === true ? 'ok' : (e.error?.code ?? ('not an envelope' as never));
};

/** Every file under dir, with its bytes: for finding a secret that should not be there. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

describe('the desktop shell, built, on a stand-in Electron', () => {
  it('opens one window with the hardened options, showing a renderer file from the build', async () => {
    const { windows, errorBoxes } = await main.run({ op: 'state' });
    expect(errorBoxes).toEqual([]);
    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.options.webPreferences).toMatchObject(HARDENED_WEB_PREFERENCES);
    // Hidden until the page is ready, then shown: no white flash, and never a window left hidden.
    expect(window?.options.show).toBe(false);
    expect(window?.shown).toBe(true);
    expect(window?.loadedUrl).toBeUndefined();
    expect(window?.loadedFile).toBe(join(root, 'out/renderer/index.html'));
    // Loaded from file://, every script and stylesheet must be a relative path that is in the build.
    const html = readFileSync(window?.loadedFile ?? '', 'utf8');
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    const local = refs.filter((ref) => !ref.startsWith('data:'));
    expect(local.length).toBeGreaterThanOrEqual(2);
    for (const ref of local) {
      expect(ref, `${ref} would resolve to the filesystem root under file://`).not.toMatch(/^\//);
      expect(existsSync(resolve(dirname(window?.loadedFile ?? ''), ref)), `${ref} is in the build`).toBe(
        true,
      );
    }
  });

  it('names a preload from the build that exposes only the bridge, and needs nothing a sandbox lacks', async () => {
    const [window] = (await main.run({ op: 'state' })).windows;
    const preload = window?.options.webPreferences?.preload ?? '';
    expect(preload).toBe(join(root, 'out/preload/index.cjs'));
    expect(existsSync(preload)).toBe(true);
    const run = runPreload(preload);
    expect(run.required).toEqual(['electron']);
    expect(run.exposed.map((e) => e.key)).toEqual(['controlRoom']);
    const api = run.exposed[0]?.api as Record<string, unknown>;
    expect(Reflect.ownKeys(api).sort()).toEqual(['call', 'onChange']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);

    // A change reaches the listener as the change alone: the IPC event (whose sender is
    // ipcRenderer itself) never crosses into the page. Unsubscribing removes the listener.
    const bridge = api as unknown as ControlRoomBridge;
    const received: unknown[][] = [];
    const unsubscribe = bridge.onChange((...args: unknown[]) => void received.push(args));
    const [changeChannel] = run.ipcRenderer.eventNames();
    run.ipcRenderer.emit(String(changeChannel), { sender: run.ipcRenderer }, { type: 'tick' });
    expect(received).toEqual([[{ type: 'tick' }]]);
    unsubscribe();
    expect(run.ipcRenderer.eventNames()).toEqual([]);
  });

  it('refuses every API method from any frame but its own renderer, and does nothing', async () => {
    const { handledChannels, listenedChannels } = await main.run({ op: 'state' });
    expect(listenedChannels).toEqual([]);
    expect(handledChannels).toHaveLength(1);
    const [channel = ''] = handledChannels;
    const strangers = [
      'file:///tmp/evil.html',
      'https://evil.example/',
      `${pathToFileURL(join(root, 'out/renderer/other.html')).href}`,
      null, // a frame that navigated away or was destroyed
    ];
    for (const method of API_METHODS)
      for (const senderFrameUrl of strangers) {
        const answer = await main.run({
          op: 'invoke',
          channel,
          args: [method, CALLS[method].input],
          senderFrameUrl,
        });
        expect(answer, `${method} from ${senderFrameUrl}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
    const { encrypted } = await main.run({ op: 'state' });
    expect(encrypted.filter((e) => e.plainText === PASSWORD)).toEqual([]);
    const mine = await main.run({
      op: 'invoke',
      channel,
      args: ['audit.list', { actor: ACTOR }],
      senderFrameUrl: rendererUrl,
    });
    expect(mine).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('answers every API method over IPC through the preload bridge, and pushes changes to the page', async () => {
    const [window] = (await main.run({ op: 'state' })).windows;
    const preload = runPreload(window?.options.webPreferences?.preload ?? '');
    const bridge = preload.exposed[0]?.api as ControlRoomBridge;
    const pushed: unknown[] = [];
    bridge.onChange((change) => void pushed.push(change));
    const answers: Record<string, Expected> = {};
    for (const method of API_METHODS)
      answers[method] = codeOf(await bridge.call(method, CALLS[method].input as never));
    expect(answers).toEqual(Object.fromEntries(API_METHODS.map((m) => [m, CALLS[m].answer])));
    const { handledChannels, windows } = await main.run({ op: 'state' });
    expect(new Set(preload.ipcRenderer.invoked.map((i) => i.channel))).toEqual(new Set(handledChannels));
    expect(await bridge.call('session.get', {})).toMatchObject({
      ok: true,
      value: { mode: 'electron', actor: ACTOR, workspace },
    });
    const audited = await bridge.call('audit.list', { actor: ACTOR });
    expect(audited.ok && audited.value.records.some((r) => r.reason === 'from the desk')).toBe(true);

    // What main sent the window, delivered as Electron would, reaches the page's listener.
    const sent = windows[0]?.sent ?? [];
    expect(sent.length).toBeGreaterThan(0);
    for (const { channel, args } of sent) preload.ipcRenderer.emit(channel, { sender: {} }, ...args);
    expect(pushed).toHaveLength(sent.length);
    expect(pushed).toContainEqual(expect.objectContaining({ type: expect.stringMatching(/rollout|audit/) }));
  });

  it('denies navigation away, new windows, webviews and permission requests, and sets a strict CSP', async () => {
    const { hardening } = await main.run({ op: 'state' });
    expect(hardening).toEqual({
      webContentsCreatedListeners: 1,
      permissionRequestHandler: true,
      permissionCheckHandler: true,
      headersListener: true,
    });
    for (const away of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:9/'])
      expect(await main.run({ op: 'navigate', url: away }), away).toEqual({ prevented: true });
    expect(await main.run({ op: 'navigate', url: rendererUrl.replace('#/fleet', '#/audit') })).toEqual({
      prevented: false,
    });
    expect(await main.run({ op: 'open-window', url: 'https://docs.example/runbook' })).toEqual({
      action: 'deny',
    });
    expect(await main.run({ op: 'open-window', url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(await main.run({ op: 'open-window', url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    // Documentation links open in the person's browser; nothing else leaves the app.
    expect((await main.run({ op: 'state' })).openedExternally).toEqual(['https://docs.example/runbook']);
    expect(await main.run({ op: 'attach-webview' })).toEqual({ prevented: true });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(await main.run({ op: 'request-permission', permission }), permission).toEqual({
        granted: false,
      });
      expect(await main.run({ op: 'check-permission', permission }), permission).toEqual({ granted: false });
    }
    const headers = await main.run({ op: 'response-headers' });
    const csp = String(headers['Content-Security-Policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('keeps a database password in safeStorage: only its ciphertext reaches the disk', async () => {
    const { encrypted } = await main.run({ op: 'state' });
    // The storePassword call above went through safeStorage.encryptString, once, with the password.
    const sealed = encrypted.filter((e) => e.plainText === PASSWORD);
    expect(sealed).toHaveLength(1);
    const files = [...filesUnder(userData), ...filesUnder(workspace)];
    expect(files.filter((f) => f.bytes.includes(PASSWORD)).map((f) => f.path)).toEqual([]);
    const stored = files.filter((f) => f.bytes.toString('base64') === sealed[0]?.cipherText);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.path.startsWith(join(userData, 'keychain'))).toBe(true);
    expect(statSync(stored[0]?.path ?? '').mode & 0o777).toBe(0o600);
    expect(await main.run({ op: 'decrypt', base64: sealed[0]?.cipherText ?? '' })).toBe(PASSWORD);
  });

  it("keeps a connection's token in safeStorage, never in config.yaml or another workspace file", async () => {
    const { encrypted } = await main.run({ op: 'state' });
    // Saved, then rotated: each value went through safeStorage once.
    expect(encrypted.filter((e) => e.plainText.startsWith(TOKEN)).map((e) => e.plainText)).toEqual([
      TOKEN,
      `${TOKEN}-rotated`,
    ]);
    const files = [...filesUnder(userData), ...filesUnder(workspace)];
    expect(files.filter((f) => f.bytes.includes(TOKEN)).map((f) => f.path)).toEqual([]);
    expect(existsSync(join(workspace, 'secrets.json'))).toBe(false);
    // Removed at the end: config.yaml no longer names it, and the audit log tells the story.
    expect(readFileSync(join(workspace, 'config.yaml'), 'utf8')).not.toContain('desk-prom');
    const kinds = readFileSync(join(workspace, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"desk-prom"'))
      .map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds).toEqual(['connection.saved', 'connection.secret-set', 'connection.removed']);
  });

  it('tells of a new firing alert by an OS notification; a click brings the window back at the alerts', async () => {
    // The demo fleet's regressing canaries fire HighErrorRate (and more) from the first alert poll:
    // one OS notification tells of them all.
    let shown: Array<{ title?: string; body?: string }> = [];
    for (let waited = 0; waited < 20_000; waited += 200) {
      shown = (await main.run({ op: 'state' })).notifications;
      if (shown.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const index = shown.findIndex((n) => `${n.title}\n${n.body}`.includes('Alert firing: HighErrorRate'));
    expect(index, JSON.stringify(shown)).toBeGreaterThanOrEqual(0);
    // Nothing the person at this desk did above (pauses, an incident declared) was told by the OS.
    expect(shown.map((n) => n.title).join('\n')).not.toMatch(/desk|INC-/);

    await main.run({ op: 'minimize' });
    await main.run({ op: 'click-notification', index });
    const [window] = (await main.run({ op: 'state' })).windows;
    expect(window?.raised.slice(-3)).toEqual(['restore', 'show', 'focus']);
    // The page it loaded, at another fragment: the renderer's router shows the alerts.
    expect(window?.contentsLoaded).toEqual([`${pathToFileURL(window?.loadedFile ?? '').href}#/alerts`]);
  });

  it('stops when its window closes, removing its IPC handler first', async () => {
    await main.run({ op: 'close-all-windows' });
    expect(await main.next('quit')).toEqual({ event: 'quit', handledChannels: [] });
    expect(await main.exited).toBe(0);
  });
});
