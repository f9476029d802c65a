// `control-room rollouts pause-all`: pause every in-flight rollout (of one environment or
// connection), a line per rollout with its outcome; exits non-zero when any failed.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { PauseAllResult, PauseOutcome } from '../../shared/api';
import { openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

interface PauseAllOptions extends ConnectOptions {
  environment?: string;
  connection?: string;
  reason?: string;
  json?: boolean;
  idempotencyKey?: string;
}

const OUTCOME_WORD: Record<PauseOutcome, string> = {
  paused: '⏸ paused',
  'already-paused': '= already paused',
  failed: '✖ failed',
};

function scopeWords(scope: PauseAllResult['scope']): string {
  const parts = [
    ...(scope.environment ? [`environment ${scope.environment}`] : []),
    ...(scope.connection ? [`connection ${scope.connection}`] : []),
  ];
  return parts.length === 0 ? 'the whole fleet' : parts.join(', ');
}

export function pauseAllText(result: PauseAllResult, via: string): string {
  const { counts } = result;
  if (result.results.length === 0)
    return `Nothing in flight in ${scopeWords(result.scope)}: nothing was paused (audit record #${result.auditSeq}).`;
  const table = formatTable(
    ['ID', 'SERVICE', 'ENVIRONMENT', 'OUTCOME', 'MESSAGE'],
    result.results.map((r) => [r.id, r.service, r.environment, OUTCOME_WORD[r.outcome], r.message]),
    72,
  );
  const summary = `${result.applied ? '' : '↺ already applied: '}${counts.paused} paused, ${counts['already-paused']} already paused, ${counts.failed} failed of ${result.results.length} in flight in ${scopeWords(result.scope)} (audit record #${result.auditSeq}, via ${via})`;
  return `${table}\n${summary}`;
}

export function registerPauseAllCommand(rollouts: Command): void {
  addConnectOptions(
    rollouts
      .command('pause-all')
      .description('pause every in-flight rollout, of one environment or connection if given'),
  )
    .option('--environment <name>', 'only rollouts in this environment')
    .option('--connection <name>', 'only rollouts of this connection')
    .option('--reason <text>', 'why, recorded with every pause')
    .option('--idempotency-key <key>', 'send the same key to retry: the bulk pause applies once')
    .option('--json', 'machine-readable output')
    .action(async (options: PauseAllOptions) => {
      const caller = await openCaller(options);
      const result = unwrap(
        await caller.call('rollouts.pauseAll', {
          idempotencyKey: options.idempotencyKey ?? `cli-pause-all-${randomUUID()}`,
          ...(options.environment ? { environment: options.environment } : {}),
          ...(options.connection ? { connection: options.connection } : {}),
          ...(options.reason ? { reason: options.reason } : {}),
        }),
      );
      print(options.json, result, (safe) => pauseAllText(safe, caller.describe));
      if (result.counts.failed > 0) process.exitCode = 1;
    });
}
