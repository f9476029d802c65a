// `control-room metrics delivery [--since 30d] [--until T] [--json]`: DORA's delivery metrics per
// service and environment, with the definition of each and the small samples named as such.
import type { Command } from 'commander';
import type { DeliveryFigures, SampledDuration, SampledRate } from '../../shared/api/delivery-api';
import { formatSpan } from '../core/incidents/postmortem-draft';
import { openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

function rateText(r: SampledRate): string {
  const figure = r.rate === null ? '—' : `${Math.round(r.rate * 100)}% (${r.numerator}/${r.denominator})`;
  return r.note ? `${figure}; ${r.note}` : figure;
}

function durationText(d: SampledDuration): string {
  const figure = d.medianMs === null ? 'unknown' : `median ${formatSpan(d.medianMs)} (${d.samples})`;
  return d.unknown > 0 && d.medianMs !== null ? `${figure}, ${d.unknown} unknown` : figure;
}

function row(name: string, f: DeliveryFigures): string[] {
  return [
    name,
    `${f.deployments} (${f.deploymentFrequency.perDay.toFixed(2)}/day)`,
    durationText(f.changeLeadTime),
    rateText(f.changeFailRate),
    `${f.changeSplit.flags.changes} (${f.changeSplit.flags.failed} reverted)`,
    durationText(f.failedDeploymentRecoveryTime),
    rateText(f.deploymentReworkRate),
  ];
}

export function registerMetricsCommand(program: Command): void {
  const metrics = program.command('metrics').description('metrics computed from the audit log');
  addConnectOptions(
    metrics
      .command('delivery')
      .description(
        'DORA delivery metrics per service and environment (deployment frequency, lead time, change fail rate, recovery time, rework rate)',
      ),
  )
    .option('--since <when>', 'start of the period: a duration back from now (30d, 12h) or a time', '30d')
    .option('--until <time>', 'end of the period (default: now)')
    .option('--json', 'print JSON')
    .action(async (options: ConnectOptions & { since: string; until?: string; json?: boolean }) => {
      const m = unwrap(
        await (
          await openCaller(options)
        ).call('delivery.metrics', {
          since: options.since,
          ...(options.until ? { until: options.until } : {}),
        }),
      );
      print(options.json, m, (safe) =>
        [
          `Delivery ${safe.since} .. ${safe.until}`,
          safe.groups.length === 0
            ? 'No rollout completed or failed and no flag was enabled in the period.'
            : formatTable(
                [
                  'SERVICE/ENV',
                  'DEPLOYMENTS',
                  'LEAD TIME',
                  'CHANGE FAIL RATE',
                  'FLAG CHANGES',
                  'RECOVERY',
                  'REWORK',
                ],
                [...safe.groups.map((g) => row(`${g.service}/${g.environment}`, g)), row('all', safe.total)],
                60,
              ),
          '',
          ...Object.values(safe.definitions),
        ].join('\n'),
      );
    });
}
