// App-wide Electron hardening: CSP header, no navigation away, no webviews, no new windows, no
// permissions. Takes the Electron objects as arguments so a unit test can drive the handlers.
import type { App, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, isTrustedRendererUrl } from './secure-window-options';

export interface HardeningTargets {
  app: Pick<App, 'on'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
    webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
  };
  shell: Pick<Shell, 'openExternal'>;
}

export function installHardening(
  { app, session, shell }: HardeningTargets,
  rendererUrl: string,
  /** A drill room this app started (loopback, its own process): opened in the user's browser. */
  isDrillRoom: (url: string) => boolean = () => false,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to documentation open in the user's browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      // Never inside the app: a drill room is another control room, with its own token in the URL.
      else if (isDrillRoom(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
