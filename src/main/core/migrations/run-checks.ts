// Runs the automated items of one phase: SQL items through the DatabaseChecker (each in a read-only
// transaction with the plan's statement timeout), metric items through the metrics backend.
import type { ItemResult } from '../../../shared/migrations';
import { isoTime, type Clock } from '../clock';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { boundText } from './bounded-text';
import type { CheckSpec } from './check-spec';
import type { DatabaseChecker } from './database-checker';
import { judgeFact } from './judge-check';
import { runMetricItem } from './metric-check';
import type { PlanFile, PlanItem } from './plan-file';

export interface CheckDeps {
  checker: DatabaseChecker;
  metrics: MetricsBackend;
  rollouts: () => readonly RolloutSnapshot[];
  clock: Clock;
}

type SqlItem = Extract<PlanItem, { kind: 'sql' }>;

export function specOf(item: SqlItem): CheckSpec {
  return item.template ?? { name: 'query', sql: item.query ?? '' };
}

/** Results keyed by item id; manual items are not touched. */
export async function runPhaseChecks(
  plan: PlanFile,
  items: readonly PlanItem[],
  by: string,
  deps: CheckDeps,
): Promise<Map<string, ItemResult>> {
  const results = new Map<string, ItemResult>();
  const sqlItems = items.filter((i): i is SqlItem => i.kind === 'sql');
  const metricItems = items.filter((i) => i.kind === 'metric');

  const sql = (async () => {
    if (sqlItems.length === 0) return;
    const outcomes = await deps.checker.run(plan.database, sqlItems.map(specOf), plan.checkTimeout, [
      plan.change.table,
    ]);
    const at = isoTime(deps.clock.now());
    sqlItems.forEach((item, i) => {
      const outcome = outcomes[i] ?? {
        ok: false as const,
        error: 'no answer from the database checker',
        ms: 0,
      };
      if (!outcome.ok) {
        results.set(item.id, {
          state: 'failed',
          value: outcome.refused ? 'refused: the role may do more than read' : 'could not run',
          error: boundText(outcome.error).text,
          ...(outcome.refused ? { refused: true } : {}),
          at,
          ms: outcome.ms,
          by,
        });
        return;
      }
      const judged = judgeFact(specOf(item), outcome.fact, item.expect);
      results.set(item.id, {
        state: judged.passed ? 'passed' : 'failed',
        value: boundText(judged.value).text,
        ...(judged.summary ? { summary: judged.summary } : {}),
        at,
        ms: outcome.ms,
        by,
      });
    });
  })();

  const metric = Promise.all(
    metricItems.map(async (item) => {
      const started = deps.clock.now();
      try {
        const judged = await runMetricItem(item, deps.metrics, deps.rollouts(), started);
        results.set(item.id, {
          state: judged.passed ? 'passed' : 'failed',
          value: judged.value,
          at: isoTime(deps.clock.now()),
          ms: 0,
          by,
        });
      } catch (error) {
        results.set(item.id, {
          state: 'failed',
          value: 'could not run',
          error: boundText(error instanceof Error ? error.message : String(error)).text,
          at: isoTime(deps.clock.now()),
          ms: 0,
          by,
        });
      }
    }),
  );
  await Promise.all([sql, metric]);
  return results;
}
