// `control-room invite NAME --role ROLE`: a new person's own token and join URL, made by the
// control room running for the workspace (or the one --connect names). Operators only; audited.
import { Option, type Command } from 'commander';
import { ROLES, type Invitation, type Role } from '../../shared/api';
import { CliError, runningRoomCaller, type ConnectOptions } from './api-caller';
import { addRoomOptions, print, unwrap } from './cli-output';

/** One invitation as serve and invite print it: `  operator:  URL   name`. */
export function invitationLine(i: Invitation): string {
  return `  ${`${i.role}:`.padEnd(10)} ${i.url}   ${i.name}${i.role === 'observer' ? ' (read-only)' : ''}`;
}

export function registerInviteCommand(program: Command): void {
  addRoomOptions(
    program
      .command('invite <name>')
      .description('invite a person to the running control room: prints their own join URL')
      .addOption(
        new Option('--role <role>', 'operator (may act) or observer (may only watch)')
          .choices(ROLES)
          .makeOptionMandatory(),
      ),
  )
    .option('--json', 'print JSON')
    .action(async (name: string, options: ConnectOptions & { role: Role; json?: boolean }) => {
      const caller = runningRoomCaller(options);
      if (!caller)
        throw new CliError(
          `No control room is running for ${options.workspace}: start one with control-room serve, or give --connect URL`,
          3,
        );
      const invitation = unwrap(await caller.call('session.invite', { name, role: options.role }));
      print(options.json, invitation, (safe) =>
        [
          `Invited ${safe.name} as ${safe.role} to ${caller.describe}. Give them this URL, and only them:`,
          invitationLine(safe),
        ].join('\n'),
      );
    });
}
