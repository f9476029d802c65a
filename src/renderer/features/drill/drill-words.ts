// How the drill's state, clock and participants' outcomes are said on screen: icon and word, never
// colour alone; offsets as the scorecard writes them (+mm:ss).
import type { DrillActionView, DrillRunState, DrillStatus } from '../../../shared/drills';
import type { IconName } from '../../components/status-icon';

export const DRILL_STATE_WORDS: Record<DrillRunState, string> = {
  ready: 'Ready',
  running: 'Running',
  paused: 'Paused',
  ended: 'Ended',
};

export const DRILL_STATE_ICONS: Record<DrillRunState, IconName> = {
  ready: 'clock',
  running: 'play',
  paused: 'pause',
  ended: 'check',
};

export const OUTCOME_ICONS: Record<DrillActionView['outcome'], IconName> = {
  succeeded: 'check',
  done: 'check',
  failed: 'critical',
  refused: 'cross',
};

/** "+05:20", "+1:02:03": simulated time since the drill's start. */
export function offsetWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours > 0 ? `+${hours}:${mm}:${ss}` : `+${mm}:${ss}`;
}

/**
 * Where the drill's clock stands at wall time `wallNow`, from a status read at `readAt`: while it
 * runs, it moves on at its speed between reads (never past the drill's end); otherwise it stands.
 */
export function drillClockAt(
  status: Pick<DrillStatus, 'state' | 'offset' | 'durationMs' | 'speed' | 'simulatedTime'>,
  readAt: number,
  wallNow: number,
): { offset: number; time: number } {
  const base = Date.parse(status.simulatedTime);
  const moved = status.state === 'running' ? Math.max(0, wallNow - readAt) * status.speed : 0;
  const offset = Math.min(status.durationMs, status.offset + moved);
  return { offset, time: base + (offset - status.offset) };
}

/** What an inject kind is called in the timeline. */
export function injectKindWords(kind: string): string {
  const words: Record<string, string> = {
    'metric-fault': 'Metric fault',
    'slow-leak': 'Slow leak',
    'metrics-outage': 'Metrics outage',
    'deploy-writes-refused': 'Deployment writes refused',
    'rollback-fails': 'Rollback fails',
    alert: 'Alert fires',
    'migration-phase': 'Migration phase goes wrong',
    'config-push': 'Config push',
    'database-failover': 'Database failover',
  };
  return words[kind] ?? kind;
}
