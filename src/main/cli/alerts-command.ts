// `control-room alerts list|silence`: every alert source's alerts with their playbooks, and a
// silence with a reason and an end time (audited), with --json for scripts.
import type { Command } from 'commander';
import type { AlertsOverview } from '../../shared/api';
import { parseDuration } from '../core/config/duration';
import { CliError, openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

const STATE_WORD = { firing: '🔥 firing', silenced: '🔕 silenced', resolved: '✔ resolved' } as const;

function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

function listText(o: AlertsOverview): string {
  const lines: string[] = [];
  for (const s of o.sources)
    if (s.stale)
      lines.push(
        `STALE: ${s.name} (${s.kind}) ${s.error ? `cannot be read: ${s.error}` : 'is late'}; ${s.asOf ? `its alerts are as of ${s.asOf} (${ago(s.ageMs ?? 0)} ago)` : 'no alerts were ever read from it: unknown, not "none"'}`,
      );
  if (o.alerts.length === 0)
    lines.push(
      o.sources.some((s) => s.stale) ? 'No alerts read from the sources that answered.' : 'No alerts firing.',
    );
  else
    lines.push(
      formatTable(
        ['ID', 'ALERT', 'STATE', 'SEVERITY', 'WHERE', 'SINCE', 'PLAYBOOK'],
        o.alerts.map((a) => [
          a.id,
          a.name,
          `${STATE_WORD[a.state]}${a.stale ? ' (stale)' : ''}`,
          a.severity ?? '—',
          [a.service, a.environment].filter(Boolean).join(' in ') || '—',
          a.startsAt,
          a.playbook
            ? a.playbook.title
            : a.runbookUrl
              ? `no playbook (runbook ${a.runbookUrl})`
              : 'NO PLAYBOOK',
        ]),
      ),
    );
  const c = o.coverage;
  lines.push(
    c.ratio === undefined
      ? `Playbook coverage: no alerts seen in the last ${c.days} days.`
      : `Playbook coverage (last ${c.days} days): ${c.withPlaybook.length} of ${c.withPlaybook.length + c.withoutPlaybook.length} alerts have a playbook${c.withoutPlaybook.length ? `; without: ${c.withoutPlaybook.join(', ')}` : ''}.`,
  );
  for (const p of o.problems) lines.push(`PROBLEM: ${p}`);
  return lines.join('\n');
}

/** `--until` as a time (ISO 8601) or a duration from now (`2h`, `30m`). */
function untilTime(text: string): string {
  const ms = parseDuration(text);
  if (ms !== undefined) return new Date(Date.now() + ms).toISOString();
  if (Number.isNaN(Date.parse(text)))
    throw new CliError(`--until must be a duration (2h, 30m) or an ISO 8601 time, not "${text}"`, 2);
  return new Date(Date.parse(text)).toISOString();
}

export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alerts from every alert source, with their playbooks');

  addConnectOptions(alerts.command('list').description('every alert, its state and its playbook'))
    .option('--json', 'print JSON')
    .action(async (options: ConnectOptions & { json?: boolean }) => {
      const overview = unwrap(await (await openCaller(options)).call('alerts.list', {}));
      print(options.json, overview, listText);
    });

  addConnectOptions(
    alerts
      .command('silence <id>')
      .description('silence one alert (all its labels) until a time, with a reason; audited'),
  )
    .requiredOption('--until <time>', 'when the silence ends: a duration (2h) or an ISO 8601 time')
    .requiredOption('--reason <text>', 'why the alert may be ignored until then')
    .option('--json', 'print JSON')
    .action(
      async (id: string, options: ConnectOptions & { until: string; reason: string; json?: boolean }) => {
        const result = unwrap(
          await (
            await openCaller(options)
          ).call('alerts.silence', {
            id,
            until: untilTime(options.until),
            reason: options.reason,
          }),
        );
        print(
          options.json,
          result,
          (r) =>
            `Silenced ${r.alert} until ${r.endsAt} (silence ${r.silenceId}, audit record ${r.auditSeq}).`,
        );
      },
    );
}
