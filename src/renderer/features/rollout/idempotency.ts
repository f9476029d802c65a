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

function baseKey(action: ActionName, id: string, revision: number, toVersion?: string): string {
  const key = `${PAGE_PREFIX}:${action}:${id}:${revision}`;
  return toVersion ? `${key}:${toVersion}` : key;
}

// A double click is one gesture even when the first click's result re-renders the page (a new
// revision) before the second click lands, as happens on a loaded machine: the same action on the
// same rollout asked again within the double-click interval reuses the key it was just given.
const DOUBLE_CLICK_MS = 500;
const lastAsked = new Map<string, { key: string; at: number }>();

export function intentKey(
  action: ActionName,
  id: string,
  revision: number,
  toVersion?: string,
  now = Date.now(),
): string {
  const gesture = `${action}:${id}:${toVersion ?? ''}`;
  const previous = lastAsked.get(gesture);
  if (previous && now - previous.at < DOUBLE_CLICK_MS) return previous.key;
  const base = baseKey(action, id, revision, toVersion);
  const retry = retries.get(base);
  const key = retry ? `${base}:${retry}` : base;
  lastAsked.set(gesture, { key, at: now });
  return key;
}

export function markIntentRefused(
  action: ActionName,
  id: string,
  revision: number,
  toVersion?: string,
): void {
  const base = baseKey(action, id, revision, toVersion);
  retries.set(base, (retries.get(base) ?? 0) + 1);
  lastAsked.delete(`${action}:${id}:${toVersion ?? ''}`); // asking again is a new intent
}
