// `control-room migrations ...`: list plans, show one, run its checks (exit 1 when an automated item
// fails), and every action the migration view offers: tick, waive, advance, rollback.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { CheckRunResult, MigrationActionResult } from '../../shared/api';
import type {
  ItemState,
  ItemView,
  MigrationDetail,
  MigrationList,
  PhaseState,
  PhaseView,
} from '../../shared/migrations';
import { openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

const ITEM_MARK: Record<ItemState, string> = { passed: '✔', failed: '✖', pending: '○', waived: '≈' };
const PHASE_MARK: Record<PhaseState, string> = { done: '✔', active: '▶', pending: '·', 'rolled-back': '⎌' };

function listText(list: MigrationList): string {
  const table = formatTable(
    ['ID', 'DATABASE', 'CHANGE', 'PHASE', 'ITEMS', 'NEXT'],
    list.plans.map((p) => [
      p.id,
      p.database,
      p.change,
      p.current ? `▶ ${p.current} ${p.currentTitle}` : '✔ complete',
      p.current ? `${p.failingItems} failing, ${p.openItems} open` : '',
      p.next ? (p.next.blockedBy.length > 0 ? `✖ ${p.next.id} blocked` : `✔ ${p.next.id} may start`) : '',
    ]),
  );
  const problems = list.problems.map((p) => `PROBLEM ${p}`);
  return [table, ...problems, `(plans from ${list.source})`].join('\n');
}

function itemLine(item: ItemView): string {
  const what = item.result
    ? `${item.result.value}${item.result.error ? ` — ${item.result.error}` : ''} (${item.result.at} by ${item.result.by})`
    : item.ticked
      ? `ticked by ${item.ticked.by}${item.ticked.at ? ` at ${item.ticked.at}` : ''}${item.ticked.note ? `: ${item.ticked.note}` : ''}`
      : '';
  const waived = item.waived ? ` — waived by ${item.waived.by}: ${item.waived.reason}` : '';
  return `      ${ITEM_MARK[item.state]} [${item.kind}] ${item.title} — ${item.state}${what ? `: ${what}` : ''}${waived}`;
}

function phaseLines(phase: PhaseView, showDetail: boolean): string[] {
  const blocked = phase.gates.filter((g) => !g.met);
  const head = `  ${PHASE_MARK[phase.state]} ${phase.id} ${phase.title.padEnd(18)} ${phase.state}${
    phase.state === 'pending' && blocked.length > 0
      ? ` — blocked: ${blocked.map((g) => g.reason).join(' ')}`
      : ''
  }`;
  if (!showDetail) return [head];
  const release = phase.release
    ? [
        `      release ${phase.release.service} ${phase.release.version}: ${phase.release.environments
          .map((e) => `${e.environment} ${e.serving.map((s) => `${s.version} ${s.share}%`).join(' + ')}`)
          .join('; ')}`,
      ]
    : [];
  return [
    head,
    ...phase.gates.map((g) => `      ${g.met ? '✔' : '✖'} gate: ${g.description} — ${g.reason}`),
    ...release,
    ...phase.items.map(itemLine),
  ];
}

function showText(m: MigrationDetail, only?: string): string {
  const current = m.phases.find((p) => p.id === m.current);
  return [
    `${m.id}  ${m.title}`,
    `database: ${m.database} (${m.databaseLabel})   change: ${m.change}   file: ${m.file}`,
    ...(m.roleWarning ? [`⚠ WARNING: ${m.roleWarning}`] : []),
    m.current
      ? `now: ${m.current} ${m.currentTitle} — ${m.failingItems} failing, ${m.openItems} open`
      : 'now: complete',
    ...m.phases.flatMap((p) =>
      phaseLines(p, only ? p.id === only : p.state === 'active' || p.state === 'pending'),
    ),
    ...(current ? [`rollback path of ${current.id}: ${current.rollback}`] : []),
  ].join('\n');
}

function checkText(r: CheckRunResult): string {
  const phase = r.migration.phases.find((p) => p.id === r.phase);
  return [
    `${r.migration.id} ${r.phase} ${phase?.title ?? ''}: ${r.passed} passed, ${r.failed} failed${r.skipped > 0 ? `, ${r.skipped} manual not run` : ''} (audit record #${r.auditSeq})`,
    ...(r.warning ? [`⚠ WARNING: ${r.warning}`] : []),
    ...(phase?.items.filter((i) => i.kind !== 'manual').map(itemLine) ?? []),
  ].join('\n');
}

function actionText(r: MigrationActionResult): string {
  return `${r.applied ? '✔' : '↺ already applied:'} ${r.message}\n  audit record #${r.auditSeq}`;
}

type JsonOption = ConnectOptions & { json?: boolean };

export function registerMigrationsCommand(program: Command): void {
  const migrations = program
    .command('migrations')
    .description('schema-migration plans: phases, gates, checks');

  addConnectOptions(migrations.command('list').description('every plan with its current phase'))
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const list = unwrap(await (await openCaller(options)).call('migrations.list', {}));
      print(options.json, list, listText);
    });

  addConnectOptions(
    migrations.command('show <id>').description('one plan: phases, gates, checklist, rollback path'),
  )
    .option('--phase <phase>', 'show this phase in detail')
    .option('--json', 'print JSON')
    .action(async (id: string, options: JsonOption & { phase?: string }) => {
      const m = unwrap(await (await openCaller(options)).call('migrations.get', { id }));
      print(options.json, m, (safe) => showText(safe, options.phase));
    });

  addConnectOptions(
    migrations
      .command('check <id>')
      .description('run the automated items of the active phase (or --phase P) now; exit 1 when any fails'),
  )
    .option('--phase <phase>', 'P0 … P7 (default: the active phase)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: JsonOption & { phase?: string }) => {
      const caller = await openCaller(options);
      const result = unwrap(
        await caller.call('migrations.check', {
          id,
          // The contract checks the phase name and says which ones exist.
          ...(options.phase !== undefined ? { phase: options.phase as never } : {}),
        }),
      );
      print(options.json, result, checkText);
      if (result.failed > 0) process.exitCode = 1;
    });

  addConnectOptions(
    migrations.command('tick <id> <item>').description('tick a manual item of the active phase'),
  )
    .option('--note <text>', 'what was done: recorded with who and when')
    .option('--undo', 'untick it')
    .option('--json', 'print JSON')
    .action(async (id: string, item: string, options: JsonOption & { note?: string; undo?: boolean }) => {
      const caller = await openCaller(options);
      const m = unwrap(await caller.call('migrations.get', { id }));
      const result = unwrap(
        await caller.call('migrations.tick', {
          id,
          phase: m.current ?? 'P7',
          item,
          done: !options.undo,
          note: options.note ?? '',
        }),
      );
      print(options.json, result, actionText);
    });

  addConnectOptions(
    migrations
      .command('waive <id> <item>')
      .description('accept an item of the active phase without it passing'),
  )
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .option('--json', 'print JSON')
    .action(async (id: string, item: string, options: JsonOption & { reason: string }) => {
      const caller = await openCaller(options);
      const m = unwrap(await caller.call('migrations.get', { id }));
      const result = unwrap(
        await caller.call('migrations.waive', {
          id,
          phase: m.current ?? 'P7',
          item,
          reason: options.reason,
        }),
      );
      print(options.json, result, actionText);
    });

  addConnectOptions(
    migrations.command('advance <id>').description('finish the active phase and enter the next'),
  )
    .option('--confirm-table <table>', 'the table name, to enter the irreversible P7 contract phase')
    .option('--reason <text>', 'recorded in the audit log')
    .option('--idempotency-key <key>', 'the same key applies once, e.g. when a script retries')
    .option('--json', 'print JSON')
    .action(
      async (
        id: string,
        options: JsonOption & { confirmTable?: string; reason?: string; idempotencyKey?: string },
      ) => {
        const caller = await openCaller(options);
        const m = unwrap(await caller.call('migrations.get', { id }));
        const result = unwrap(
          await caller.call('migrations.advance', {
            id,
            from: m.current ?? 'P7',
            idempotencyKey: options.idempotencyKey ?? `cli-${randomUUID()}`,
            ...(options.confirmTable ? { confirmTable: options.confirmTable } : {}),
            ...(options.reason ? { reason: options.reason } : {}),
          }),
        );
        print(options.json, result, actionText);
      },
    );

  addConnectOptions(migrations.command('rollback <id>').description('roll back the active phase'))
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .option('--idempotency-key <key>', 'the same key applies once, e.g. when a script retries')
    .option('--json', 'print JSON')
    .action(async (id: string, options: JsonOption & { reason: string; idempotencyKey?: string }) => {
      const caller = await openCaller(options);
      const m = unwrap(await caller.call('migrations.get', { id }));
      const result = unwrap(
        await caller.call('migrations.rollback', {
          id,
          from: m.current ?? 'P7',
          reason: options.reason,
          idempotencyKey: options.idempotencyKey ?? `cli-${randomUUID()}`,
        }),
      );
      print(options.json, result, actionText);
    });
}
