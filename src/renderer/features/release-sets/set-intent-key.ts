// One idempotency key per intent on a set's run: the action, the set, the environment and how far
// its story has got. A double click sends the same key (the run has not moved yet); once the action
// is recorded the story is longer and the next press is a new intent. After the server refused a
// key, asking again is a new intent too; after a network failure the key is kept (it may have landed).
import type { ReleaseSetRun } from '../../../shared/release-sets';
import type { SetActionName } from './set-actions';

const PAGE_PREFIX = crypto.randomUUID().slice(0, 12);
const retries = new Map<string, number>();

function baseKey(action: SetActionName, set: string, environment: string, run: ReleaseSetRun | undefined) {
  const story = run ? `${run.startedAt ?? ''}:${run.auditSeqs.at(-1) ?? 0}` : 'idle';
  return `ui:${PAGE_PREFIX}:set-${action}:${set}:${environment}:${story}`;
}

export function setIntentKey(
  action: SetActionName,
  set: string,
  environment: string,
  run: ReleaseSetRun | undefined,
): string {
  const base = baseKey(action, set, environment, run);
  const retry = retries.get(base);
  return retry ? `${base}:${retry}` : base;
}

export function markSetIntentRefused(
  action: SetActionName,
  set: string,
  environment: string,
  run: ReleaseSetRun | undefined,
): void {
  const base = baseKey(action, set, environment, run);
  retries.set(base, (retries.get(base) ?? 0) + 1);
}
