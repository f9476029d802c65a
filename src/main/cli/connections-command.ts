// `control-room connections list|test [NAME] [--json]`: what config.yaml connects to, each one's
// health line, and a test call now. `test` exits 1 when a tested connection is unreachable or one
// of its checks failed, and says why; secrets appear only as set / not set, never their values.
import type { Command } from 'commander';
import type { ConnectionList, ConnectionTestResult } from '../../shared/api';
import type { ConnectionStatus } from '../../shared/connections';
import { openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

type JsonOption = ConnectOptions & { json?: boolean };

/** The health line in words, as the top bar says it. */
function healthWords(s: ConnectionStatus | undefined): string {
  if (!s) return 'not running (taken up at the next start)';
  if (s.reachable === false) return `✖ unreachable${s.lastError ? `: ${s.lastError.message}` : ''}`;
  if (s.staleMs !== undefined) return `◷ stale ${Math.round(s.staleMs / 1000)} s`;
  if (s.reachable === undefined) return '? not checked';
  return `✔ ${s.latencyMs !== undefined ? `${s.latencyMs} ms` : 'ok'}`;
}

/** The settings a person recognises a connection by. */
function settingsWords(settings: ConnectionList['connections'][number]['settings']): string {
  const shown = ['url', 'socket', 'fleet', 'metrics'].flatMap((k) =>
    typeof settings[k] === 'string' ? [`${k} ${settings[k]}`] : [],
  );
  return shown.join(', ');
}

function listText(list: ConnectionList): string {
  const table = formatTable(
    ['NAME', 'KIND', 'HEALTH', 'SETTINGS', 'SECRETS'],
    list.connections.map((c) => [
      c.name,
      c.kind,
      healthWords(c.status),
      settingsWords(c.settings),
      c.secrets.map((s) => `${s.field} ${s.state}`).join(', '),
    ]),
    72,
  );
  return [
    table,
    ...(list.problem ? [`PROBLEM config.yaml: ${list.problem}`] : []),
    ...(list.pending ? [`PENDING ${list.pending.names.join(', ')}: ${list.pending.message}`] : []),
    `(from ${list.configPath}; secrets in ${list.secretStore})`,
  ].join('\n');
}

const passed = (r: ConnectionTestResult): boolean => r.reachable && r.checks.every((c) => c.ok);

function testText(results: ConnectionTestResult[]): string {
  return results
    .flatMap((r) => [
      r.reachable
        ? `${passed(r) ? '✔' : '✖'} ${r.name} (${r.kind}): reachable${r.latencyMs !== undefined ? ` in ${r.latencyMs} ms` : ''}`
        : `✖ ${r.name} (${r.kind}): unreachable: ${r.error ?? 'no cause given'}`,
      ...r.checks.map((c) => `    ${c.ok ? '✔' : '✖'} ${c.name}: ${c.detail}`),
    ])
    .join('\n');
}

export function registerConnectionsCommand(program: Command): void {
  const connections = program
    .command('connections')
    .description('the backends config.yaml connects to: health lines and tests');

  addConnectOptions(
    connections.command('list').description('every connection with its kind, settings and health line'),
  )
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const list = unwrap(await (await openCaller(options)).call('connections.list', {}));
      print(options.json, list, listText);
    });

  addConnectOptions(
    connections
      .command('test [name]')
      .description(
        'call each connection (or NAME) now; exit 1 when one is unreachable or a check fails, saying why',
      ),
  )
    .option('--json', 'print JSON: { ok, results: [{ name, kind, reachable, latencyMs, error, checks }] }')
    .action(async (name: string | undefined, options: JsonOption) => {
      const caller = await openCaller(options);
      const names =
        name !== undefined
          ? [name]
          : unwrap(await caller.call('connections.list', {})).connections.map((c) => c.name);
      // One at a time would add every connection's timeout up; each test has its own deadline.
      const results = await Promise.all(
        names.map(async (n) => unwrap(await caller.call('connections.test', { name: n }))),
      );
      const ok = results.every(passed);
      print(options.json, { ok, results }, (safe) => testText(safe.results));
      if (!ok) process.exitCode = 1;
    });
}
