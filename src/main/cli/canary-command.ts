// `control-room canary ...`: every analysis run of a rollout, one run's report, and judging a
// window on demand, as the comparison view offers them. Exit codes of `judge` follow the verdict
// (0 pass, 1 marginal, 2 fail, 3 bad input), as `control-room judge` does for raw samples.
import type { Command } from 'commander';
import type { CanaryAnalysis } from '../../shared/api/canary-api';
import type { JudgeReport, Verdict } from '../../shared/canary';
import { parseDuration } from '../core/config/duration';
import { CliError, openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

const VERDICT_MARK: Record<Verdict, string> = { pass: '✔ pass', marginal: '◐ marginal', fail: '✖ fail' };
const VERDICT_EXIT: Record<Verdict, number> = { pass: 0, marginal: 1, fail: 2 };

function reportText(run: CanaryAnalysis): string {
  const report: JudgeReport = run.report;
  return [
    `${run.rolloutId} run #${run.index} (${run.trigger}${run.stepIndex === null ? '' : `, step ${run.stepIndex + 1}`}) — ${run.baselineVersion} vs ${run.canaryVersion}`,
    `window ${run.window.from} .. ${run.window.to}, judged ${run.judgedAt} by ${run.actor}, decision: ${run.decision}`,
    `${VERDICT_MARK[report.verdict]}, score ${Math.round(report.score)}: ${report.reason}`,
    formatTable(
      ['METRIC', 'RESULT', 'P-VALUE', 'REASON'],
      report.metrics.map((m) => [
        m.label,
        `${m.classification}${m.failsCanary ? ' (fails canary)' : ''}`,
        m.pValue === null ? '' : m.pValue < 0.001 ? '< 0.001' : m.pValue.toFixed(3),
        m.reason,
      ]),
      90,
    ),
  ].join('\n');
}

export function registerCanaryCommand(program: Command): void {
  const canary = program
    .command('canary')
    .description("a rollout's canary analyses; judge a window on demand");

  addConnectOptions(
    canary.command('list <id>').description('every analysis run of the rollout, newest first'),
  )
    .option('--json', 'print JSON')
    .action(async (id: string, options: ConnectOptions & { json?: boolean }) => {
      const runs = unwrap(await (await openCaller(options)).call('canary.analyses', { id }));
      print(options.json, runs, (safe) =>
        safe.length === 0
          ? `No analysis of ${id} yet: judge one with control-room canary judge ${id}`
          : formatTable(
              ['RUN', 'TRIGGER', 'VERDICT', 'SCORE', 'DECISION', 'JUDGED', 'WINDOW'],
              safe.map((r) => [
                `#${r.index}`,
                r.trigger,
                VERDICT_MARK[r.report.verdict],
                String(Math.round(r.report.score)),
                r.decision,
                r.judgedAt,
                `${r.window.from} .. ${r.window.to}`,
              ]),
              60,
            ),
      );
    });

  addConnectOptions(canary.command('show <id> [run]').description('one run’s report (default: the newest)'))
    .option('--json', 'print JSON')
    .action(async (id: string, run: string | undefined, options: ConnectOptions & { json?: boolean }) => {
      const runs = unwrap(await (await openCaller(options)).call('canary.analyses', { id }));
      const wanted =
        run === undefined ? runs[0] : runs.find((r) => String(r.index) === run.replace(/^#/, ''));
      if (!wanted)
        throw new CliError(run === undefined ? `No analysis of ${id} yet` : `${id} has no run #${run}`, 1);
      print(options.json, wanted, reportText);
    });

  addConnectOptions(canary.command('judge <id>').description('judge a window now; recorded, changes nothing'))
    .option('--window <duration>', 'length of the window, e.g. 10m', '10m')
    .option('--to <time>', 'end of the window, ISO 8601 (default: now)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: ConnectOptions & { window: string; to?: string; json?: boolean }) => {
      const ms = parseDuration(options.window);
      // Exit 2 means "fail" here, so bad input exits 3, as in `control-room judge`.
      if (ms === undefined)
        throw new CliError(`--window must be a duration like 10m or 1h, not "${options.window}"`, 3);
      const caller = await openCaller(options);
      const answer = await caller.call('canary.judge', {
        id,
        windowSec: Math.round(ms / 1000),
        ...(options.to ? { to: options.to } : {}),
      });
      if (!answer.ok && answer.error.code === 'invalid-input')
        throw new CliError(
          `${answer.error.message}${answer.error.field ? ` (field: ${answer.error.field})` : ''}`,
          3,
        );
      const result = unwrap(answer);
      print(options.json, result, reportText);
      process.exitCode = VERDICT_EXIT[result.report.verdict];
    });
}
