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

export function intentKey(action: ActionName, id: string, revision: number, toVersion?: string): string {
  const base = baseKey(action, id, revision, toVersion);
  const retry = retries.get(base);
  return retry ? `${base}:${retry}` : base;
}

export function markIntentRefused(
  action: ActionName,
  id: string,
  revision: number,
  toVersion?: string,
): void {
  const base = baseKey(action, id, revision, toVersion);
  retries.set(base, (retries.get(base) ?? 0) + 1);
}
