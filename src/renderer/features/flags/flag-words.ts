// A flag's state, strategy and constraints in the few words a row has room for. Status is always
// an icon and a word: "On", "Off", or "On for 25%" when a gradual rollout holds it to a share.
import type { FlagConstraint, FlagRow, FlagStrategy } from '../../../shared/flags';
import type { IconName } from '../../components/status-icon';

export interface FlagStateWords {
  tone: 'on' | 'off' | 'partial';
  icon: IconName;
  word: string;
}

/** The share the flag is on for: 100 when any strategy covers everyone, else the largest rollout. */
export function flagShare(flag: Pick<FlagRow, 'strategies'>): number | undefined {
  if (flag.strategies.length === 0) return 100;
  let share: number | undefined;
  for (const s of flag.strategies) {
    const whole = s.rolloutPercent === undefined && s.constraints.length === 0;
    const pct = whole ? 100 : s.rolloutPercent;
    if (pct !== undefined) share = Math.max(share ?? 0, pct);
  }
  return share;
}

export function flagState(flag: Pick<FlagRow, 'enabled' | 'strategies'>): FlagStateWords {
  if (!flag.enabled) return { tone: 'off', icon: 'pause', word: 'Off' };
  const share = flagShare(flag);
  if (share === 100) return { tone: 'on', icon: 'check', word: 'On' };
  if (share === undefined) return { tone: 'partial', icon: 'play', word: 'On for some (constraints)' };
  return { tone: 'partial', icon: 'play', word: `On for ${share}%` };
}

/** The gradual rollout a Set rollout changes: the first strategy with a share. */
export function rolloutStrategy(flag: Pick<FlagRow, 'strategies'>): FlagStrategy | undefined {
  return flag.strategies.find((s) => s.rolloutPercent !== undefined);
}

/** "flexibleRollout 25% by userId, default". */
export function strategyWords(flag: Pick<FlagRow, 'strategies'>): string {
  if (flag.strategies.length === 0) return 'none (everyone)';
  return flag.strategies
    .map((s) => {
      if (s.rolloutPercent !== undefined) return `${s.name} ${s.rolloutPercent}%`;
      return s.constraints.length === 0 ? `${s.name} (everyone)` : s.name;
    })
    .join(', ');
}

/** The groups the rollouts bucket by, "userId"; '' when none names one. */
export function groupWords(flag: Pick<FlagRow, 'strategies'>): string {
  return [...new Set(flag.strategies.flatMap((s) => (s.groupId ? [s.groupId] : [])))].join(', ');
}

const MAX_VALUES = 3;

/** `region IN eu, us`, `NOT appVersion STR_STARTS_WITH 1.`; long value lists cut with "+2 more". */
export function constraintWords(c: FlagConstraint): string {
  const shown = c.values.slice(0, MAX_VALUES).join(', ');
  const more = c.values.length > MAX_VALUES ? ` +${c.values.length - MAX_VALUES} more` : '';
  return `${c.inverted ? 'NOT ' : ''}${c.contextName} ${c.operator} ${shown}${more}`.trim();
}

/** Every strategy's constraints, `;`-joined; '' when there are none. */
export function constraintsWords(flag: Pick<FlagRow, 'strategies'>): string {
  return flag.strategies.flatMap((s) => s.constraints.map(constraintWords)).join('; ');
}

export interface LastChangeWords {
  at: string;
  by: string;
  /** Where it was recorded: the room's audit log (with its summary), or the backend alone. */
  source: 'room' | 'backend';
  summary?: string;
}

/** The newer of the backend's last change and the room's last record; the room's wins a tie. */
export function lastChange(flag: Pick<FlagRow, 'lastChange' | 'lastRecorded'>): LastChangeWords | undefined {
  const room = flag.lastRecorded;
  const backend = flag.lastChange;
  if (room && (!backend || Date.parse(room.at) >= Date.parse(backend.at)))
    return { at: room.at, by: room.by, source: 'room', summary: room.summary };
  if (backend) return { at: backend.at, by: backend.by, source: 'backend' };
  return undefined;
}

/** One row's id in the view: a flag is one per connection and environment. */
export function flagRowId(flag: Pick<FlagRow, 'connection' | 'environment' | 'key'>): string {
  return `${flag.connection}/${flag.environment}/${flag.key}`;
}
