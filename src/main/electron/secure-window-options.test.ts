import { describe, expect, it } from 'vitest';
import { HARDENED_WEB_PREFERENCES } from '../../../test/support/hardened-web-preferences';
import { installHardening, type HardeningTargets } from './install-hardening';
import { CONTENT_SECURITY_POLICY, isTrustedRendererUrl, secureWindowOptions } from './secure-window-options';

describe("Electron's security checklist", () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({ preload: '/app/preload.cjs', ...HARDENED_WEB_PREFERENCES });
  });

  it('sets a strict CSP: only our own scripts, no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('trusts only the bundled renderer file or the dev server origin as IPC sender', () => {
    const file = 'file:///opt/app/out/renderer/index.html';
    expect(isTrustedRendererUrl('file:///opt/app/out/renderer/index.html#/fleet', file)).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html', file)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', file)).toBe(false);
    expect(isTrustedRendererUrl(undefined, file)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/#/audit', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('denies navigation away, new windows, webviews and permissions, and sets the CSP header', () => {
    type Handler = (...args: never[]) => unknown;
    const handlers = new Map<string, Handler>();
    const contentsHandlers = new Map<string, Handler>();
    let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
    let permission: Handler | undefined;
    let headers: Handler | undefined;
    const opened: string[] = [];
    const targets = {
      app: { on: (name: string, fn: Handler) => handlers.set(name, fn) },
      session: {
        setPermissionRequestHandler: (fn: Handler) => (permission = fn),
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: (fn: Handler) => (headers = fn) },
      },
      shell: { openExternal: async (url: string) => void opened.push(url) },
    };
    // A drill room this app started: its loopback join URL goes to the user's browser, nothing else.
    const drillRoom = 'http://127.0.0.1:41234/#token=abc';
    installHardening(
      targets as unknown as HardeningTargets,
      'file:///app/out/renderer/index.html',
      (url) => url === drillRoom,
    );
    const contents = {
      on: (name: string, fn: Handler) => contentsHandlers.set(name, fn),
      setWindowOpenHandler: (fn: typeof windowOpen) => (windowOpen = fn),
    };
    (handlers.get('web-contents-created') as (e: unknown, c: unknown) => void)({}, contents);

    const navigate = (url: string) => {
      let prevented = false;
      (contentsHandlers.get('will-navigate') as (e: unknown, u: string) => void)(
        { preventDefault: () => (prevented = true) },
        url,
      );
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///app/out/renderer/index.html#/audit')).toBe(false);
    expect(windowOpen?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/']);
    expect(windowOpen?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(windowOpen?.({ url: 'http://127.0.0.1:8080/#token=other' })).toEqual({ action: 'deny' });
    expect(opened).toHaveLength(1);
    expect(windowOpen?.({ url: drillRoom })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/', drillRoom]);
    let webviewPrevented = false;
    (contentsHandlers.get('will-attach-webview') as (e: unknown) => void)({
      preventDefault: () => (webviewPrevented = true),
    });
    expect(webviewPrevented).toBe(true);
    let granted: boolean | undefined;
    (permission as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      (ok) => (granted = ok),
    );
    expect(granted).toBe(false);
    let responseHeaders: Record<string, string[]> = {};
    (headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: {} },
      (r) => (responseHeaders = r.responseHeaders),
    );
    expect(responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
