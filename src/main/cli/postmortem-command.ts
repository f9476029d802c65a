// `control-room incident postmortem ID [--out FILE]`: drafts the incident's postmortem in the
// workspace (postmortems/INC-n/) and prints it, or exports it to FILE with its charts beside it.
// The incident command adds this subcommand with addPostmortemCommand(incident).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../core/persistence/atomic-write';
import { openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { writeErr } from './terminal-text';

interface PostmortemOptions extends ConnectOptions {
  out?: string;
  overwrite?: boolean;
  json?: boolean;
}

export function addPostmortemCommand(incident: Command): Command {
  return addConnectOptions(
    incident
      .command('postmortem <id>')
      .description("draft the incident's blameless postmortem from its timeline (saved in the workspace)"),
  )
    .option('--out <file>', 'also write the Markdown to FILE, with its charts beside it')
    .option(
      '--overwrite',
      'replace a draft a person has edited (the edited one is kept as postmortem.md.bak)',
    )
    .option('--json', 'print JSON ({ markdown, path, images })')
    .action(async (id: string, options: PostmortemOptions) => {
      const draft = unwrap(
        await (
          await openCaller(options)
        ).call('incidents.postmortem', { id, overwrite: options.overwrite === true }),
      );
      if (draft.keptEdits) writeErr(`The edited draft was kept as ${draft.keptEdits}\n`);
      if (options.out) {
        const dir = path.dirname(path.resolve(options.out));
        // An export folder named on the command line is made, as `cp -r` or `curl --create-dirs` would.
        fs.mkdirSync(dir, { recursive: true });
        writeFileAtomic(options.out, draft.markdown);
        for (const image of draft.images) writeFileAtomic(path.join(dir, image.name), image.svg);
        writeErr(
          `Wrote ${options.out}${draft.images.length > 0 ? ` and ${draft.images.map((i) => i.name).join(', ')} beside it` : ''}; the workspace copy is ${draft.path}\n`,
        );
        if (options.json) print(true, draft, () => '');
        return;
      }
      print(options.json, draft, (safe) => safe.markdown.trimEnd());
    });
}

/**
 * Adds `postmortem` to the `incident` command, creating that command if nothing registered it yet.
 * Registered after the incident command in cli.ts, so either order of merging works.
 */
export function registerPostmortemCommand(program: Command): void {
  const incident =
    program.commands.find((c) => c.name() === 'incident') ??
    program.command('incident').description('incidents: declare, resolve, postmortem');
  addPostmortemCommand(incident);
}
