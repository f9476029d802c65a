// A finished drill's files in its run folder (<workspace>/drills/<run-id>/): result.json, the
// after-action report as report.md and report.html. Each is written whole or not at all (mode
// 0600), result.json last, so a run with a result always has its reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../persistence/atomic-write';
import { afterActionHtml } from './after-action-html';
import { afterActionMarkdown } from './after-action-report';
import type { DrillResult } from './drill-runner';

export const RESULT_FILE = 'result.json';
export const REPORT_MD = 'report.md';
export const REPORT_HTML = 'report.html';

export interface SavedDrillRun {
  dir: string;
  result: string;
  markdown: string;
  html: string;
}

export function saveDrillRun(dir: string, result: DrillResult): SavedDrillRun {
  const files = {
    dir,
    result: join(dir, RESULT_FILE),
    markdown: join(dir, REPORT_MD),
    html: join(dir, REPORT_HTML),
  };
  writeFileAtomic(files.markdown, afterActionMarkdown(result));
  writeFileAtomic(files.html, afterActionHtml(result));
  writeFileAtomic(files.result, `${JSON.stringify(result, null, 2)}\n`);
  return files;
}

/** What the history needs of a result.json; the rest is kept as written. */
const resultSchema = z
  .object({
    scenario: z.object({ id: z.string().min(1), title: z.string() }).passthrough(),
    team: z.string().optional(),
    seed: z.number(),
    durationMs: z.number(),
    endedAt: z.number(),
    score: z
      .object({
        score: z.number().min(0).max(100),
        timeToDetectMs: z.number().optional(),
        timeToMitigateMs: z.number().optional(),
        lines: z.array(z.object({}).passthrough()),
      })
      .passthrough(),
    injects: z.array(z.object({}).passthrough()),
    actions: z.array(z.object({}).passthrough()),
    wall: z
      .object({
        startedAt: z.string(),
        finishedAt: z.string().datetime({ offset: true }),
        workspace: z.string(),
      })
      .passthrough(),
  })
  .passthrough();

/** A run folder whose files are missing or damaged: the reason names the file and what is wrong. */
export class DrillRunUnreadable extends Error {}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function readDrillResult(dir: string): DrillResult {
  const file = join(dir, RESULT_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DrillRunUnreadable(
      code(error) === 'ENOENT'
        ? `${file}: no result (the drill did not finish)`
        : `${file}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DrillRunUnreadable(`${file}: not JSON (${(error as Error).message}); damaged or half-written`);
  }
  const parsed = resultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DrillRunUnreadable(
      `${file}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'not a drill result'}`,
    );
  }
  return parsed.data as unknown as DrillResult;
}

export function readDrillReport(dir: string): { markdown: string; html: string } {
  const read = (name: string) => {
    const file = join(dir, name);
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new DrillRunUnreadable(
        code(error) === 'ENOENT' ? `${file}: missing` : `${file}: ${(error as Error).message}`,
      );
    }
  };
  return { markdown: read(REPORT_MD), html: read(REPORT_HTML) };
}
