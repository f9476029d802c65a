import { useEffect, useRef } from 'react';

/** A view that loads first shows its heading when its data arrives; wait that long for it. */
const HEADING_WAIT_MS = 5000;

function viewHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#main h1');
}

/** Focuses the open view's main heading (or the main region before it has one). */
export function focusViewHeading(): boolean {
  const target = viewHeading() ?? document.getElementById('main');
  if (!target) return false;
  // Focusable by script only: headings are not Tab stops.
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
  return target.tagName === 'H1';
}

/**
 * Moves focus to the main heading of each newly opened view, so keyboard and screen-reader users
 * start where the new content does. Not on the first load: there the skip link comes first.
 */
export function useFocusOnNewView(viewKey: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (focusViewHeading()) return;
    const main = document.getElementById('main');
    if (!main) return;
    // Still loading: focus the heading when it appears, unless the person has moved on meanwhile.
    const observer = new MutationObserver(() => {
      const moved = document.activeElement !== main && main.contains(document.activeElement);
      if (moved) observer.disconnect();
      else if (viewHeading()) {
        observer.disconnect();
        focusViewHeading();
      }
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), HEADING_WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [viewKey]);
}
