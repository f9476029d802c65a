// The BrowserWindow settings of Electron's security checklist, kept free of runtime electron
// imports so a unit test can assert them.
import type { BrowserWindowConstructorOptions } from 'electron';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0d1117',
    title: 'Release Control Room',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Only our own renderer may call the API: the bundled file, or the dev server in development. */
export function isTrustedRendererUrl(url: string | undefined, rendererUrl: string): boolean {
  if (!url) return false;
  try {
    const actual = new URL(url);
    const expected = new URL(rendererUrl);
    if (expected.protocol === 'file:')
      return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    return actual.origin === expected.origin;
  } catch {
    return false;
  }
}
