// The suspect change of a lane: the last change before trouble began there, trouble being an alert
// starting or the error rate rising well above where it was. Said with why, so it can be doubted.
import type { AlertSpan } from '../../../shared/alerts';
import type { ChangeLane } from '../../../shared/api/changes-api';
import type { Change } from '../../../shared/changes';

/** A rise: above this ratio, and at least twice the lane's level before it. */
const RISE_FLOOR = 0.01;

function hhmm(time: number): string {
  return new Date(time).toISOString().slice(11, 16);
}

/** When the error rate first rose in the lane, and to what; undefined when it did not. */
export function burnRise(burn: ChangeLane['burn']): { time: number; value: number } | undefined {
  if (!('points' in burn)) return undefined;
  const levels: number[] = [];
  for (const p of burn.points) {
    const value = Math.max(p.stable ?? -1, p.canary ?? -1);
    if (value < 0) continue;
    const sorted = [...levels].sort((a, b) => a - b);
    const before = sorted.length === 0 ? undefined : (sorted[Math.floor(sorted.length / 2)] ?? 0);
    if (before !== undefined && value > RISE_FLOOR && value >= 2 * before + RISE_FLOOR / 2)
      return { time: Date.parse(p.time), value };
    levels.push(value);
  }
  return undefined;
}

export function suspectOf(
  changes: readonly Change[],
  alerts: readonly AlertSpan[],
  burn: ChangeLane['burn'],
): { changeId: string; why: string } | undefined {
  const onsets: { time: number; what: string }[] = [];
  for (const a of alerts) onsets.push({ time: Date.parse(a.startsAt), what: `alert ${a.name} began` });
  const rise = burnRise(burn);
  if (rise)
    onsets.push({ time: rise.time, what: `the error rate rose to ${(rise.value * 100).toFixed(1)}%` });
  onsets.sort((a, b) => a.time - b.time);
  for (const onset of onsets) {
    let last: Change | undefined;
    for (const c of changes) {
      const t = Date.parse(c.time);
      if (t <= onset.time && (!last || t > Date.parse(last.time))) last = c;
    }
    if (last)
      return {
        changeId: last.id,
        why: `the last change here before ${onset.what} at ${hhmm(onset.time)} UTC`,
      };
  }
  return undefined;
}
