// `control-room drill list|run`: headless drills on the simulator, for CI of scenarios and a team's
// own tests. Bad input (an unknown scenario, a broken file, a bad flag) exits 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createDrill, scenarioLibrary } from '../compose/create-drill-room';
import { parseYamlFile } from '../core/config/parse-yaml-file';
import { DrillRunner } from '../core/drills/drill-runner';
import { responseScriptSchema } from '../core/drills/response-script';
import { scorecardMarkdown } from '../core/drills/scorecard-markdown';
import { defaultWorkspaceDir } from '../core/workspace';
import { CliError } from './api-caller';
import { terminalJson, writeOut } from './terminal-text';

export function registerDrillCommand(program: Command): void {
  const drill = program.command('drill').description('offline fire drills on the simulator');
  drill
    .command('list')
    .description('the scenarios shipped and in the workspace scenarios/ folder')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--json', 'print JSON')
    .action((options: { workspace: string; json?: boolean }) => {
      const list = scenarioLibrary(options.workspace).list();
      if (options.json) process.stdout.write(`${terminalJson(list)}\n`);
      else
        writeOut(
          `${list.map((s) => `${s.id.padEnd(28)} ${String(s.duration / 60_000).padStart(3)}m  ${s.title}`).join('\n')}\n`,
        );
    });
  drill
    .command('run <scenario>')
    .description(
      'run a scenario headless with scripted responses (none: nobody responds) and print the scorecard',
    )
    .option(
      '--workspace <dir>',
      'workspace folder; the drill runs in drills/<scenario>-<n> inside it',
      defaultWorkspaceDir(),
    )
    .option('--seed <n>', "seed of the simulated world (the scenario's when absent)")
    .option(
      '--speed <x>',
      'pace at x simulated seconds per wall second (1-60); as fast as possible when absent',
    )
    .option('--script <file>', 'responses.yaml: actions at offsets or "when" conditions')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        id: string,
        options: { workspace: string; seed?: string; speed?: string; script?: string; json?: boolean },
      ) => {
        const seed = options.seed === undefined ? undefined : Number(options.seed);
        if (seed !== undefined && !Number.isInteger(seed))
          throw new CliError(`--seed must be an integer, not ${options.seed}`, 2);
        const speed = options.speed === undefined ? undefined : Number(options.speed);
        if (speed !== undefined) {
          try {
            DrillRunner.checkSpeed(speed);
          } catch (error) {
            throw new CliError(`--speed: ${(error as Error).message}`, 2);
          }
        }
        const scenario = scenarioLibrary(options.workspace).load(id);
        const script = options.script
          ? parseYamlFile(options.script, responseScriptSchema(scenario))
          : undefined;
        const runner = createDrill({
          scenario,
          workspaceDir: options.workspace,
          ...(seed === undefined ? {} : { seed }),
          ...(script ? { script } : {}),
          ...(speed === undefined ? {} : { speed }),
        });
        try {
          const result =
            speed === undefined
              ? await runner.runToEnd()
              : await new Promise<Awaited<ReturnType<DrillRunner['end']>>>((resolve) => {
                  runner.onEvent((e) => {
                    if (e.type === 'ended') resolve(e.result);
                    // Said, not hidden: a drill slower than its speed is not the drill asked for.
                    if (e.type === 'pace' && e.lagging)
                      process.stderr.write(
                        `drill: this machine cannot keep ${speed}x; simulated time runs slower (${Math.round(e.droppedMs / 1000)} simulated s given up so far)\n`,
                      );
                  });
                  runner.start();
                });
          const markdown = scorecardMarkdown(result);
          writeFileSync(join(result.wall.workspace, 'scorecard.md'), markdown);
          if (options.json) process.stdout.write(`${terminalJson(result)}\n`);
          else writeOut(markdown);
        } finally {
          runner.close();
        }
      },
    );
}
