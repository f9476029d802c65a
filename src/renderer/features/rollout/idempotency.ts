import type { ActionName } from '../../../shared/domain';

// One idempotency key per user intent: `${prefix}:${action}:${rollout.id}:${rollout.revision}`.
// A double click (or Enter pressed twice) sends the same key, and the server applies it once.
// The prefix is random per page load so two windows, or a reload, never collide.
const PAGE_PREFIX = (() => {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
})();

// After the server has definitively refused an intent, asking again is a new intent and needs a
// new key (otherwise the server would replay the first outcome). After a network failure the key
// is kept: the first request may have been applied, and a resend must not apply twice.
const retries = new Map<string, number>();

function baseKey(action: ActionName, id: string, revision: number, target?: string): string {
  const key = `${PAGE_PREFIX}:${action}:${id}:${revision}`;
  return target ? `${key}:${target}` : key;
}

/**
 * What an intent aims at, as its key names it: the version of a roll forward (`envoy=<image>` with a
 * container), the revision of an undo (`revision-3`). Another target is another intent.
 */
export function intentTarget(t: {
  toVersion?: string;
  container?: string;
  toRevision?: number;
}): string | undefined {
  if (t.toRevision !== undefined) return `revision-${t.toRevision}`;
  if (!t.toVersion) return undefined;
  return t.container ? `${t.container}=${t.toVersion}` : t.toVersion;
}

// A double click is one gesture even when the first click's result re-renders the page (a new
// revision) before the second click lands, as happens on a loaded machine: the same action on the
// same rollout asked again within the double-click interval reuses the key it was just given. The
// last ask is kept per rollout: another action on it in between (Pause, Resume, Pause) ends the gesture.
const DOUBLE_CLICK_MS = 500;
const lastAsked = new Map<string, { gesture: string; key: string; at: number }>();

export function intentKey(
  action: ActionName,
  id: string,
  revision: number,
  target?: string,
  now = Date.now(),
): string {
  const gesture = `${action}:${target ?? ''}`;
  const previous = lastAsked.get(id);
  if (previous?.gesture === gesture && now - previous.at < DOUBLE_CLICK_MS) return previous.key;
  const base = baseKey(action, id, revision, target);
  const retry = retries.get(base);
  const key = retry ? `${base}:${retry}` : base;
  lastAsked.set(id, { gesture, key, at: now });
  return key;
}

export function markIntentRefused(action: ActionName, id: string, revision: number, target?: string): void {
  const base = baseKey(action, id, revision, target);
  retries.set(base, (retries.get(base) ?? 0) + 1);
  lastAsked.delete(id); // asking again is a new intent
}
