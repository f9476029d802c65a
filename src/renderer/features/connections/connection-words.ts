import type { ConnectionStatus } from '../../../shared/connections';
import type { IconName } from '../../components/status-icon';
import { formatAge } from '../../components/format-duration';

export interface ConnectionWords {
  icon: IconName;
  /** One or two words, shown beside the name: never colour alone. */
  word: string;
  tone: 'ok' | 'warning' | 'critical' | 'unknown';
  /** The whole health line, for a tooltip or the Settings screen. */
  detail: string;
}

/**
 * A connection's health in words. Unreachable and stale outrank a fast latency: a backend that
 * answered quickly an hour ago is not healthy now.
 */
export function connectionWords(s: ConnectionStatus, now: number): ConnectionWords {
  const parts: string[] = [`${s.name} (${s.kind}, ${s.roles.join(' + ')})`];
  if (s.latencyMs !== undefined) parts.push(`last call ${s.latencyMs} ms`);
  parts.push(
    s.lastSuccess ? `last success ${formatAge(now - Date.parse(s.lastSuccess))} ago` : 'no success yet',
  );
  if (s.lastError)
    parts.push(`last error ${formatAge(now - Date.parse(s.lastError.at))} ago: ${s.lastError.message}`);
  for (const problem of s.problems ?? []) parts.push(`cannot now: ${problem}`);
  const detail = parts.join(' · ');
  if (s.reachable === false) return { icon: 'disconnected', word: 'unreachable', tone: 'critical', detail };
  if (s.staleMs !== undefined)
    return { icon: 'clock', word: `stale ${formatAge(s.staleMs)}`, tone: 'warning', detail };
  if (s.reachable === undefined) return { icon: 'unknown', word: 'not checked', tone: 'unknown', detail };
  const problems = s.problems?.length ?? 0;
  if (problems > 0)
    return {
      icon: 'warning',
      word: problems === 1 ? '1 problem' : `${problems} problems`,
      tone: 'warning',
      detail,
    };
  return {
    icon: 'check',
    word: s.latencyMs !== undefined ? `${s.latencyMs} ms` : 'ok',
    tone: 'ok',
    detail,
  };
}
