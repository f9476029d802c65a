// The period of a delivery-metrics query: `since` as a time or a duration back from `until`.
import { ApiError } from '../api/api-error';
import { parseDuration } from '../config/duration';

export function deliveryPeriod(
  input: { since: string; until?: string },
  now: number,
): { since: number; until: number } {
  const until = input.until === undefined ? now : Date.parse(input.until);
  const back = parseDuration(input.since);
  const since = back === undefined ? Date.parse(input.since) : until - back;
  if (Number.isNaN(since))
    throw new ApiError(
      'invalid-input',
      `since "${input.since}" is neither a time nor a duration like 30d`,
      'since',
    );
  if (since >= until)
    throw new ApiError(
      'invalid-input',
      `since (${new Date(since).toISOString()}) must be before until (${new Date(until).toISOString()})`,
      'since',
    );
  return { since, until };
}
