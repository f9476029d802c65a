// Brings the window to the front at one of the app's own hash routes (a notification was clicked).
// Only a route from the renderer's list is followed, and only inside the renderer already loaded:
// this opens no new way to navigate the window anywhere else.
import type { BrowserWindow } from 'electron';
import { isAppHashRoute } from '../../shared/app-hash-routes';
import { isTrustedRendererUrl } from './secure-window-options';

export type RevealableWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'
> & { webContents: Pick<BrowserWindow['webContents'], 'loadURL' | 'getURL'> };

/** Returns whether it navigated; the window is brought forward either way. */
export function revealAppRoute(window: RevealableWindow, rendererUrl: string, hash: string): boolean {
  if (window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  if (!isAppHashRoute(hash)) {
    console.error(
      `not following a notification to ${JSON.stringify(hash.slice(0, 100))}: not a route of the app`,
    );
    return false;
  }
  // Same page, another fragment: Chromium makes it a same-document navigation (a hashchange), and
  // the renderer's router shows the view. The page stays ours: the one loaded, or the renderer's.
  const current = window.webContents.getURL();
  const page = new URL(isTrustedRendererUrl(current, rendererUrl) ? current : rendererUrl);
  page.hash = hash;
  void window.webContents.loadURL(page.href).catch((error: unknown) => {
    console.error(`could not show ${hash}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return true;
}
