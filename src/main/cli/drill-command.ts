// `control-room drill list|run|history|report`: headless drills on the simulator, for CI of
// scenarios and a team's own tests, and the workspace's drill history with its after-action
// reports. Bad input (an unknown scenario or run, a broken file, a bad flag) exits 2.
import type { Command } from 'commander';
import { createDrill } from '../compose/create-drill-room';
import { scenarioLibrary } from '../compose/drill-workspace';
import { parseYamlFile } from '../core/config/parse-yaml-file';
import { DrillRunner } from '../core/drills/drill-runner';
import { responseScriptSchema } from '../core/drills/response-script';
import { scorecardMarkdown } from '../core/drills/after-action-report';
import { DrillRunNotFound, readDrillHistory, readDrillRunReport } from '../core/drills/drill-history';
import { DrillRunUnreadable, saveDrillRun } from '../core/drills/drill-run-files';
import { durationText } from '../core/drills/drill-score';
import { defaultWorkspaceDir } from '../core/workspace';
import { CliError } from './api-caller';
import { terminalJson, terminalLine as terminalLineSafe, writeOut } from './terminal-text';

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
    .option('--team <name>', "the team running it (the history's trends are per scenario and team)")
    .option('--json', 'print the result as JSON')
    .action(
      async (
        id: string,
        options: {
          workspace: string;
          seed?: string;
          speed?: string;
          script?: string;
          team?: string;
          json?: boolean;
        },
      ) => {
        const team = options.team?.trim();
        if (options.team !== undefined && !team) throw new CliError('--team needs a name', 2);
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
          ...(team ? { team } : {}),
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
          const saved = saveDrillRun(result.wall.workspace, result);
          if (options.json) process.stdout.write(`${terminalJson(result)}\n`);
          else
            writeOut(
              `${scorecardMarkdown(result)}\nAfter-action report: ${saved.markdown}\n                     ${saved.html}\n`,
            );
        } finally {
          runner.close();
        }
      },
    );
  registerHistoryCommands(drill);
}

const optionalDuration = (ms: number | undefined) => (ms === undefined ? '-' : durationText(ms));

function registerHistoryCommands(drill: Command): void {
  drill
    .command('history')
    .description("the workspace's finished drills, newest first, with the score trend per scenario and team")
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--scenario <id>', 'only this scenario')
    .option('--team <name>', 'only this team')
    .option('--json', 'print JSON')
    .action((options: { workspace: string; scenario?: string; team?: string; json?: boolean }) => {
      const history = readDrillHistory(options.workspace, {
        ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
        ...(options.team === undefined ? {} : { team: options.team }),
      });
      if (options.json) {
        process.stdout.write(`${terminalJson(history)}\n`);
        return;
      }
      const out: string[] = [];
      if (history.runs.length === 0)
        out.push('No finished drills in this workspace (`control-room drill run <scenario>`).');
      else {
        const rows = history.runs.map((r) => [
          r.id,
          r.scenario,
          r.team ?? '-',
          r.finishedAt.replace('T', ' ').slice(0, 16),
          `${r.score}`,
          optionalDuration(r.timeToDetectMs),
          optionalDuration(r.timeToMitigateMs),
        ]);
        out.push(...table(['RUN', 'SCENARIO', 'TEAM', 'FINISHED (UTC)', 'SCORE', 'TTD', 'TTM'], rows));
        out.push('', 'Trend per scenario and team (oldest to newest):');
        out.push(
          ...table(
            ['SCENARIO', 'TEAM', 'RUNS', 'SCORES', 'CHANGE'],
            history.trends.map((t) => [
              t.scenario,
              t.team ?? '-',
              String(t.runs.length),
              t.runs.map((r) => r.score).join(' → '),
              t.runs.length < 2
                ? 'first run'
                : `${t.change > 0 ? '▲ +' : t.change < 0 ? '▼ ' : '= '}${t.change}`,
            ]),
          ),
        );
      }
      for (const u of history.unreadable) out.push(`UNREADABLE ${u.id}: ${u.reason}`);
      writeOut(`${out.join('\n')}\n`);
    });
  drill
    .command('report <run-id>')
    .description("print a finished drill's after-action report (Markdown, or the HTML page with --html)")
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--html', 'print the self-contained HTML page')
    .action((runId: string, options: { workspace: string; html?: boolean }) => {
      let report;
      try {
        report = readDrillRunReport(options.workspace, runId);
      } catch (error) {
        if (error instanceof DrillRunNotFound || error instanceof DrillRunUnreadable)
          throw new CliError(error.message, 2);
        throw error;
      }
      // The HTML page goes out exactly as saved (it is a file to redirect); Markdown as terminal text.
      if (options.html) process.stdout.write(report.html);
      else writeOut(report.markdown);
    });
}

function table(head: string[], given: string[][]): string[] {
  const rows = given.map((r) => r.map(terminalLineSafe));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
