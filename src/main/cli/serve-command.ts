// `control-room serve`: browser mode. Prints one join URL per invited person (the token is in the
// URL's fragment); writes server.json (mode 0600) so the CLI on this machine finds the running
// control room and acts through it as the person who started it.
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { inviteeName, ROLES, type Role } from '../../shared/api';
import { createControlRoom } from '../compose/create-control-room';
import { createLiveDrill } from '../compose/create-live-drill';
import type { AuditWriter } from '../core/audit/audit-writer';
import type { ChangeEvent } from '../../shared/domain';
import { ApiError } from '../core/api/api-error';
import { defaultWorkspaceDir } from '../core/workspace';
import type { Identity } from '../server/invitation-book';
import { startServer, type JoinInvitation } from '../server/start-server';
import { CliError } from './api-caller';
import { invitationLine } from './invite-command';
import { writeErr, writeOut } from './terminal-text';

interface ServeOptions {
  port?: string;
  host?: string;
  workspace: string;
  speed?: string;
  seed?: string;
  actor?: string;
  allowHost?: string[];
  invite: string[];
  drill?: string;
  team?: string;
  json?: boolean;
  untilStdinCloses?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, not "${value}"`);
  return n;
}

/** `--invite NAME:ROLE`, checked with the contract's own rules for a name. */
function parseInvite(value: string): Identity {
  const at = value.lastIndexOf(':');
  const role = value.slice(at + 1);
  if (at < 0 || !(ROLES as readonly string[]).includes(role))
    throw new CliError(`--invite "${value}": write NAME:operator or NAME:observer`);
  const name = inviteeName.safeParse(value.slice(0, at));
  if (!name.success)
    throw new CliError(`--invite "${value}": the name ${name.error.issues[0]?.message ?? 'is not valid'}`);
  return { name: name.data, role: role as Role };
}

function startInvitations(options: ServeOptions, actor: string): Identity[] {
  // Without --invite: the person who started it as operator, and a watch-only screen.
  if (options.invite.length === 0)
    return [
      { name: actor, role: 'operator' },
      { name: 'observer', role: 'observer' },
    ];
  return options.invite.map(parseInvite);
}

/** A drill's invitations: the facilitator's own (to rejoin from any browser) and everyone invited. */
function drillInvitations(options: ServeOptions, facilitator: string): Identity[] {
  if (options.invite.length === 0)
    return [
      { name: facilitator, role: 'operator' },
      { name: 'observer', role: 'observer' },
    ];
  const invited = options.invite.map(parseInvite);
  if (invited.some((i) => i.name === facilitator && i.role !== 'operator'))
    throw new CliError(
      `--invite: ${facilitator} runs the drill (the facilitator is an operator); invite someone else`,
      2,
    );
  return [{ name: facilitator, role: 'operator' }, ...invited.filter((i) => i.name !== facilitator)];
}

interface RecordingRoom {
  writer: AuditWriter;
  publish(event: ChangeEvent): void;
}

/** Who was let in is part of the record: each invitation is audited (name and role, never the token). */
function auditInvitation(running: { room: RecordingRoom }, invitation: Identity, by: string): void {
  // Through the room's writer: refused (and no invitation made) while it cannot record.
  const [record] = running.room.writer.write([
    {
      actor: by,
      kind: 'invitation.created',
      target: invitation.name,
      reason: '',
      details: { role: invitation.role },
    },
  ]);
  if (record) running.room.publish({ type: 'audit', seq: record.seq });
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the control room in browser mode (loopback only, one token per invited person)')
    .option('--port <n>', 'port (default: config.yaml server.port, else a free one)')
    .option('--host <host>', 'address to bind (default 127.0.0.1; anything else exposes the control room)')
    .option('--allow-host <name...>', 'extra Host header names to accept (with a non-loopback --host)')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--speed <x>', 'simulated clock speed (1 = real time, 60 = a minute per second)')
    .option('--seed <n>', 'simulator seed')
    .option(
      '--invite <name:role>',
      'invite a person as operator or observer, e.g. --invite dana:operator (repeatable); each gets their own join URL',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option(
      '--actor <name>',
      'who started it: the local CLI acts as this person, and so does the operator URL without --invite (default: config.yaml actor, else your OS user)',
    )
    .option(
      '--drill <scenario>',
      'run a shared drill of this scenario (an id from `control-room drill list`, or a scenario file) on the simulator',
    )
    .option('--team <name>', "the drill's team, for the drill history's trends")
    .option(
      '--json',
      "with --drill: print the drill's join URLs as one JSON line (for the app that starts it)",
    )
    .option(
      '--until-stdin-closes',
      'with --drill: stop when standard input closes (the app that starts a drill passes it, so no drill outlives the app)',
    )
    .action(async (options: ServeOptions) => {
      if (options.drill !== undefined) return serveDrill(options, options.drill);
      if (options.team !== undefined) throw new CliError('--team names a drill team: use it with --drill');
      if (options.json || options.untilStdinCloses)
        throw new CliError('--json and --until-stdin-closes are for a drill: use them with --drill');
      const speed = numberOption(options.speed, 'speed');
      const seed = numberOption(options.seed, 'seed');
      const running = await createControlRoom({
        workspaceDir: options.workspace,
        mode: 'browser',
        command: 'control-room serve',
        ...(speed !== undefined ? { speed } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(options.actor ? { actor: options.actor } : {}),
      });
      const invitations = startInvitations(options, running.actor);
      const host = options.host ?? running.config.server.host;
      const port = numberOption(options.port, 'port') ?? running.config.server.port;
      if (!LOOPBACK.has(host))
        writeErr(`WARNING: binding ${host} exposes the control room beyond this machine.\n`);
      let server;
      try {
        server = await startServer({
          room: running.room,
          handlers: running.handlers,
          invitations,
          recordInvitation: (invitation, by) => auditInvitation(running, invitation, by),
          host,
          port,
          staticDir: join(dirname(fileURLToPath(import.meta.url)), '../renderer'),
          ...(options.allowHost ? { allowHosts: options.allowHost } : {}),
        });
      } catch (error) {
        // An invitation the server refuses (a name twice, or the control room's own) is bad input.
        if (error instanceof ApiError) throw new CliError(`Cannot invite: ${error.message}`);
        throw error;
      }
      const stop = running.start();
      const local = server.issue({ name: running.actor, role: 'operator' });
      writeFileSync(
        running.workspace.serverInfoPath,
        JSON.stringify({ url: server.origin, token: local.token, pid: process.pid }),
        { mode: 0o600 },
      );
      try {
        for (const invitation of server.invitations) auditInvitation(running, invitation, running.actor);
      } catch (error) {
        writeErr(
          `NOTE: the invitations could not be written to the audit log: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
      for (const notice of running.notices) writeErr(`NOTE: ${notice}\n`);
      const storage = running.room.writer.state();
      if (storage.state === 'read-only')
        writeErr(
          `WARNING: read-only: the audit log's chain is broken at seq ${storage.firstBrokenSeq}: ${storage.reason}\n`,
        );
      else if (storage.state === 'blocked') writeErr(`WARNING: ${storage.reason}\n`);
      writeOut(
        [
          `Release Control Room (browser mode) on the ${running.room.session().backends.deployment}`,
          ...server.invitations.map(invitationLine),
          `  workspace: ${running.workspace.dir}`,
          'Each URL signs in one person: whoever opens it acts under that name, so give each their own.',
          'Invite someone else: control-room invite NAME --role operator|observer',
          '',
        ].join('\n'),
      );
      const shutdown = () => {
        stop();
        rmSync(running.workspace.serverInfoPath, { force: true });
        void server.close().then(() => {
          running.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}

/** `serve --drill`: the drill's runner lives in this process; every browser is a view of it. */
async function serveDrill(options: ServeOptions, scenario: string): Promise<void> {
  const speed = numberOption(options.speed, 'speed');
  if (speed !== undefined && !(speed >= 1 && speed <= 60))
    throw new CliError(
      `--speed must be between 1 and 60 (simulated seconds per wall second), not ${speed}`,
      2,
    );
  const seed = numberOption(options.seed, 'seed');
  if (seed !== undefined && !Number.isInteger(seed))
    throw new CliError(`--seed must be an integer, not ${options.seed}`, 2);
  // Bad input is refused before the drill's folder is made.
  options.invite.forEach(parseInvite);
  const drill = createLiveDrill({
    workspaceDir: options.workspace,
    scenario,
    command: 'control-room serve --drill',
    ...(speed !== undefined ? { speed } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(options.team ? { team: options.team } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
  });
  const host = options.host ?? drill.config.server.host;
  const port = numberOption(options.port, 'port') ?? drill.config.server.port;
  if (!LOOPBACK.has(host)) writeErr(`WARNING: binding ${host} exposes the drill room beyond this machine.\n`);
  let server;
  try {
    server = await startServer({
      room: drill.events,
      handlers: drill.handlers,
      invitations: drillInvitations(options, drill.actor),
      recordInvitation: (invitation, by) => auditInvitation(drill.current(), invitation, by),
      host,
      port,
      staticDir: join(dirname(fileURLToPath(import.meta.url)), '../renderer'),
      ...(options.allowHost ? { allowHosts: options.allowHost } : {}),
    });
  } catch (error) {
    drill.discard();
    if (error instanceof ApiError) throw new CliError(`Cannot invite: ${error.message}`);
    throw error;
  }
  const stop = drill.start();
  // The drill's CLI file lives in the drill's workspace: `--workspace <it>` acts in the drill.
  const serverInfo = join(drill.runner.workspace, 'server.json');
  const local = server.issue({ name: drill.actor, role: 'operator' });
  writeFileSync(serverInfo, JSON.stringify({ url: server.origin, token: local.token, pid: process.pid }), {
    mode: 0o600,
  });
  for (const invitation of server.invitations) {
    try {
      auditInvitation(drill.current(), invitation, drill.actor);
    } catch (error) {
      writeErr(
        `NOTE: the invitation of ${invitation.name} could not be written to the audit log: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  }
  const status = drill.live.status({ actor: drill.actor, role: 'operator' });
  if (options.json) writeOut(`${JSON.stringify({ drill: drillLine(drill, server.invitations) })}\n`);
  else
    writeOut(
      [
        `DRILL: ${status.scenario.title} (${status.scenario.id}, seed ${status.seed}${status.team ? `, team ${status.team}` : ''})`,
        '',
        status.scenario.briefing.trim(),
        '',
        `Steady state: ${status.scenario.steadyState}`,
        `Length: ${Math.round(status.durationMs / 60_000)} simulated minutes at ${status.speed}x. The drill is ready: the facilitator (${drill.actor}) starts it.`,
        '',
        ...server.invitations.map(invitationLine),
        `  drill workspace: ${drill.runner.workspace}`,
        "Each URL signs in one person: give each their own. The facilitator's URL rejoins the drill from any browser.",
        `Invite someone else: control-room invite NAME --role operator|observer --workspace ${drill.runner.workspace}`,
        '',
      ].join('\n'),
    );
  let stopping = false;
  const shutdown = () => {
    // A signal and the app's pipe closing can both arrive: the drill is closed once.
    if (stopping) return;
    stopping = true;
    stop();
    rmSync(serverInfo, { force: true });
    // A drill stopped mid-run is ended and saved first: what the team did so far stays in the history.
    const started = drill.runner.state !== 'ended' && drill.runner.offset > 0;
    const ending = started ? drill.runner.end().then(() => undefined) : Promise.resolve();
    void ending
      .then(() => {
        const runId = drill.live.status({ actor: drill.actor, role: 'operator' }).runId;
        if (started && runId) writeErr(`The drill was ended early and saved: ${runId}\n`);
      })
      .catch((error: unknown) => writeErr(`The drill could not be ended and saved: ${String(error)}\n`))
      .then(() => server.close())
      .then(() => {
        drill.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // The app that started it holds the pipe: when the app goes (even by a crash), so does the drill.
  if (options.untilStdinCloses) {
    process.stdin.once('end', shutdown);
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
}

/** The machine-readable line the app reads: the facilitator's join URL first, then everyone invited. */
function drillLine(drill: ReturnType<typeof createLiveDrill>, invitations: readonly JoinInvitation[]) {
  const [facilitator, ...invited] = invitations;
  return {
    pid: process.pid,
    runId: basename(drill.runner.workspace),
    scenario: drill.scenario.id,
    title: drill.scenario.title,
    url: facilitator?.url,
    invitations: invited.map((i) => ({ name: i.name, role: i.role, url: i.url })),
    workspace: drill.runner.workspace,
  };
}
