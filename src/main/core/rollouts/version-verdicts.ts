// What each version of a rollout was last judged, folded from the audit log: it outlives restarts and
// holds every analysis verdict, rollback and completion, with who decided and why.
import type { RolloutVersions, VersionInfo, VersionVerdict } from '../../../shared/api';
import type { AuditRecord } from '../../../shared/domain';
import type { RolloutSnapshot } from './deployment-backend';

export interface VersionHistory {
  lastVerdict?: VersionVerdict;
  failure?: VersionVerdict;
}

const VERDICTS = new Set(['pass', 'marginal', 'fail']);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Per version of the rollout's service, oldest records first (as the log holds them). */
export function versionHistories(
  records: readonly AuditRecord[],
  rolloutId: string,
): Map<string, VersionHistory> {
  const histories = new Map<string, VersionHistory>();
  const failedAnalysis = new Map<string, VersionVerdict>();
  // Between a person's action.requested and its outcome, that person's changes are their doing.
  let request: { actor: string; reason: string } | undefined;
  const judged = (version: string, verdict: VersionVerdict): void => {
    const history = histories.get(version) ?? {};
    history.lastVerdict = verdict;
    if (verdict.verdict === 'fail') history.failure = verdict;
    else if (verdict.source === 'completed') delete history.failure;
    histories.set(version, history);
  };
  for (const record of records) {
    if (record.target !== rolloutId) continue;
    const { details } = record;
    const at = record.time;
    const actor = record.actor;
    switch (record.kind) {
      case 'action.requested':
        request = { actor, reason: record.reason };
        break;
      case 'action.succeeded':
      case 'action.failed':
      case 'action.rejected':
        request = undefined;
        break;
      case 'analysis.verdict': {
        const version = text(details.canaryVersion);
        const verdict = text(details.verdict);
        if (version === undefined || verdict === undefined || !VERDICTS.has(verdict)) break;
        const score = typeof details.score === 'number' ? { score: details.score } : {};
        const entry: VersionVerdict = {
          verdict: verdict as VersionVerdict['verdict'],
          source: 'analysis',
          automatic: details.trigger !== 'manual',
          at,
          actor,
          reason: record.reason,
          ...score,
        };
        if (entry.verdict === 'fail') failedAnalysis.set(version, entry);
        judged(version, entry);
        break;
      }
      case 'rollout.aborted':
      case 'rollout.completed': {
        // Records written before changes named their version cannot be attributed to one.
        const version = text(details.version);
        if (version === undefined) break;
        const byPerson = request?.actor === actor;
        const cause = byPerson ? undefined : failedAnalysis.get(version);
        const rolledBack = record.kind === 'rollout.aborted';
        judged(version, {
          verdict: rolledBack ? 'fail' : 'pass',
          source: rolledBack ? 'rollback' : 'completed',
          automatic: !byPerson,
          at,
          actor,
          reason: byPerson ? (request?.reason ?? '') : rolledBack ? (cause?.reason ?? '') : '',
          ...(rolledBack && cause?.score !== undefined ? { score: cause.score } : {}),
        });
        break;
      }
    }
  }
  return histories;
}

/** The versions the backend knows, each with what it does now and its last verdict. */
export function rolloutVersions(
  r: RolloutSnapshot,
  known: readonly string[],
  records: readonly AuditRecord[],
): RolloutVersions {
  const histories = versionHistories(records, r.id);
  const canaryServes = r.canaryVersion !== r.stableVersion && r.phase !== 'aborted' && r.phase !== 'degraded';
  const versions = known.map((version): VersionInfo => {
    const history = histories.get(version);
    const serving =
      version === r.stableVersion
        ? 'stable'
        : canaryServes && version === r.canaryVersion
          ? 'canary'
          : undefined;
    return {
      version,
      ...(serving ? { serving } : {}),
      ...(history?.lastVerdict ? { lastVerdict: history.lastVerdict } : {}),
      ...(history?.failure ? { failure: history.failure } : {}),
    };
  });
  return { id: r.id, service: r.service, environment: r.environment, versions };
}
