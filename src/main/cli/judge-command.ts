// `control-room judge --input FILE|-`: the canary judge for pipelines. Reads the judge input JSON,
// prints the report JSON, and answers in the exit code: 0 pass, 1 marginal, 2 fail, 3 bad input.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Verdict } from '../../shared/canary';
import { judge } from '../core/canary/judge';
import { CliError } from './api-caller';
import { JudgeInputError, parseJudgeInput } from './judge-input';
import { terminalJson } from './terminal-text';

export const JUDGE_EXIT: Record<Verdict | 'bad-input', number> = {
  pass: 0,
  marginal: 1,
  fail: 2,
  'bad-input': 3,
};

async function readInput(input: string): Promise<string> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(input, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read --input ${input}: ${why}`, JUDGE_EXIT['bad-input']);
  }
}

export function registerJudgeCommand(program: Command): void {
  program
    .command('judge')
    .description(
      'judge a canary against its baseline: report JSON; exit 0 pass, 1 marginal, 2 fail, 3 bad input',
    )
    .option('--input <file>', 'judge input JSON, or - for standard input')
    // Exit 2 means "fail" here, so usage errors must not borrow it: they are bad input too.
    .exitOverride((error) => {
      if (error.exitCode === 0) throw error;
      throw new CliError(error.message.replace(/^error: /, ''), JUDGE_EXIT['bad-input']);
    })
    .configureOutput({ outputError: () => undefined })
    .action(async (options: { input?: string }) => {
      if (options.input === undefined)
        throw new CliError(
          'judge needs --input FILE (or --input - for standard input)',
          JUDGE_EXIT['bad-input'],
        );
      const source = options.input === '-' ? '<stdin>' : options.input;
      let report;
      try {
        report = judge(parseJudgeInput(await readInput(options.input), source));
      } catch (error) {
        if (error instanceof JudgeInputError) throw new CliError(error.message, JUDGE_EXIT['bad-input']);
        throw error;
      }
      process.stdout.write(`${terminalJson(report)}\n`);
      process.exitCode = JUDGE_EXIT[report.verdict];
    });
}
