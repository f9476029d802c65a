// A version's last verdict and its failure in words, the same in the roll-forward dialog and the CLI.
// `when` is how the caller tells time: "1 min ago" on screen, a timestamp in a terminal.
import type { VersionInfo, VersionVerdict } from './api/rollout-api';

const VERDICT_WORDS = { pass: 'Pass', marginal: 'Marginal', fail: 'Fail' } as const;

function by(v: VersionVerdict): string {
  return v.automatic ? 'automatically' : `by ${v.actor}`;
}

function because(v: VersionVerdict): string {
  return v.reason ? `: ${v.reason}` : v.automatic ? '' : ' (no reason given)';
}

/** "Fail (score 12) 3 min ago", "Rolled back automatically 1 min ago", "Took all traffic 2 h ago". */
export function verdictText(v: VersionVerdict, when: string): string {
  switch (v.source) {
    case 'analysis':
      return `${VERDICT_WORDS[v.verdict]}${v.score === undefined ? '' : ` (score ${v.score})`} ${when}`;
    case 'rollback':
      return `Rolled back ${by(v)} ${when}`;
    case 'completed':
      return `Took all traffic ${when}`;
  }
}

/** "2.4.0 was rolled back automatically 1 min ago: Fail: score 0 …; error rate +591% …". */
export function failureWarning(version: string, failure: VersionVerdict, when: string): string {
  // The judge's reason starts with its verdict and score ("Fail: score 0 …"), so neither is repeated.
  if (failure.source === 'rollback')
    return `${version} was rolled back ${by(failure)} ${when}${because(failure)}`;
  return `${version} failed analysis ${when}${because(failure)}`;
}

/** What a version does in the rollout now, for lists: "stable", "canary now". */
export function servingText(v: VersionInfo): string {
  return v.serving === 'stable' ? 'stable' : v.serving === 'canary' ? 'canary now' : '';
}
