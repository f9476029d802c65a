// `control-room freeze list`: what holds releases now (open incidents, freeze windows in force, with
// the reopen time in the window's zone) and every scheduled window with its next closure and overrides.
import type { Command } from 'commander';
import type { FreezeStatus } from '../../shared/api';
import type { FreezeWindowList, FreezeWindowView } from '../../shared/freeze-windows';
import type { Freeze } from '../../shared/incidents';
import { zonedWhen as when } from '../../shared/zoned-time';
import { openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

interface FreezeList extends FreezeStatus {
  windows: FreezeWindowView[];
  now: string;
}

function frozenLine(f: Freeze, now: number): string {
  const what = f.source.kind === 'incident' ? f.source.id : `window “${f.source.name}”`;
  const where = f.environments ? `in ${f.environments.join(', ')}` : 'everywhere';
  const until = f.until
    ? `until ${when(f.until, f.timezone ?? 'UTC', now)}`
    : 'until resolved with a root cause';
  return `● frozen ${where} by ${what}, ${until}`;
}

function stateText(w: FreezeWindowView, now: number): string {
  if (w.state === 'in-force' && w.until) return `● in force until ${when(w.until, w.timezone, now)}`;
  if (w.state === 'scheduled' && w.nextStart) return `○ next ${when(w.nextStart, w.timezone, now)}`;
  return '✔ over';
}

function listText(list: FreezeList): string {
  const now = Date.parse(list.now);
  const head =
    list.freezes.length === 0
      ? ['Releases are open: no incident is open and no freeze window is in force.']
      : list.freezes.map((f) => frozenLine(f, now));
  if (list.windows.length === 0)
    return [...head, '', 'No freeze windows in config.yaml (freezeWindows:).'].join('\n');
  const table = formatTable(
    ['WINDOW', 'STATE', 'ENVIRONMENTS', 'SCHEDULE', 'OVERRIDES'],
    list.windows.map((w) => [
      w.name,
      stateText(w, now),
      w.environments?.join(', ') ?? 'all',
      w.schedule,
      String(w.overrides.length),
    ]),
    64,
  );
  const overrides = list.windows.flatMap((w) =>
    w.overrides.map(
      (o) =>
        `  ${o.time}  ${o.actor}: ${o.action} ${o.rollout} through “${w.name}” — “${o.reason}” (audit record #${o.auditSeq})`,
    ),
  );
  return [...head, '', table, ...(overrides.length > 0 ? ['', 'Overrides:', ...overrides] : [])].join('\n');
}

export function registerFreezeCommand(program: Command): void {
  const freeze = program
    .command('freeze')
    .description(
      'release freezes: open incidents and scheduled freeze windows (freezeWindows: in config.yaml)',
    );

  addConnectOptions(
    freeze.command('list').description('what is frozen now and until when, and every freeze window'),
  )
    .option('--json', 'print JSON')
    .action(async (options: ConnectOptions & { json?: boolean }) => {
      const caller = await openCaller(options);
      const status = unwrap(await caller.call('freeze.status', {}));
      const windows: FreezeWindowList = unwrap(await caller.call('freezeWindows.list', {}));
      const list: FreezeList = { ...status, windows: windows.windows, now: windows.now };
      print(options.json, list, listText);
    });
}
