// The workspace's drill history: every finished run under <workspace>/drills/ (newest first), the
// score trend of each scenario and team, and the runs that could not be read, with why. A folder
// without a result is a drill still running or thrown away by a reset, so it is not a run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillHistory, DrillReport, DrillRunSummary, DrillTrend } from '../../../shared/drills';
import { TEMPORARY_FILE } from '../persistence/atomic-write';
import { DrillRunUnreadable, readDrillReport, readDrillResult, RESULT_FILE } from './drill-run-files';

export interface DrillHistoryFilter {
  scenario?: string;
  team?: string;
}

/** A run id is a folder name under drills/: nothing that could leave it. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class DrillRunNotFound extends Error {}

export const drillsDir = (workspaceDir: string): string => join(workspaceDir, 'drills');

function folders(workspaceDir: string): string[] {
  try {
    return readdirSync(drillsDir(workspaceDir), { withFileTypes: true })
      .filter((d) => d.isDirectory() && RUN_ID.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function filesOf(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const matches = (filter: DrillHistoryFilter, scenario: string, team: string | undefined) =>
  (filter.scenario === undefined || filter.scenario === scenario) &&
  (filter.team === undefined || filter.team === team);

export function readDrillHistory(workspaceDir: string, filter: DrillHistoryFilter = {}): DrillHistory {
  const runs: DrillRunSummary[] = [];
  const unreadable: DrillHistory['unreadable'] = [];
  for (const id of folders(workspaceDir)) {
    const dir = join(drillsDir(workspaceDir), id);
    const names = filesOf(dir);
    if (!names.includes(RESULT_FILE)) {
      // An atomic write that never got renamed: the run ended while its result was being saved.
      if (names.some((n) => n.startsWith(`.${RESULT_FILE}.`) && TEMPORARY_FILE.test(n)))
        unreadable.push({ id, reason: `${join(dir, RESULT_FILE)}: half-written (the save did not finish)` });
      continue;
    }
    try {
      const r = readDrillResult(dir);
      if (!matches(filter, r.scenario.id, r.team)) continue;
      runs.push({
        id,
        scenario: r.scenario.id,
        title: r.scenario.title,
        ...(r.team === undefined ? {} : { team: r.team }),
        seed: r.seed,
        finishedAt: r.wall.finishedAt,
        score: r.score.score,
        ...(r.score.timeToDetectMs === undefined ? {} : { timeToDetectMs: r.score.timeToDetectMs }),
        ...(r.score.timeToMitigateMs === undefined ? {} : { timeToMitigateMs: r.score.timeToMitigateMs }),
      });
    } catch (error) {
      if (!(error instanceof DrillRunUnreadable)) throw error;
      // Unreadable runs cannot be filtered by what they hold: the filter cannot hide damage.
      unreadable.push({ id, reason: error.message });
    }
  }
  const newestFirst = (a: DrillRunSummary, b: DrillRunSummary) =>
    Date.parse(b.finishedAt) - Date.parse(a.finishedAt) || b.id.localeCompare(a.id);
  runs.sort(newestFirst);
  return { runs, trends: trendsOf(runs), unreadable };
}

/** Per scenario and team, the scores oldest first and the change from the first run to the last. */
export function trendsOf(runs: readonly DrillRunSummary[]): DrillTrend[] {
  const groups = new Map<string, DrillTrend>();
  for (const r of [...runs].reverse()) {
    const key = JSON.stringify([r.scenario, r.team ?? null]);
    let trend = groups.get(key);
    if (!trend) {
      trend = {
        scenario: r.scenario,
        ...(r.team === undefined ? {} : { team: r.team }),
        runs: [],
        change: 0,
      };
      groups.set(key, trend);
    }
    trend.runs.push({ id: r.id, finishedAt: r.finishedAt, score: r.score });
  }
  for (const t of groups.values()) t.change = (t.runs.at(-1)?.score ?? 0) - (t.runs[0]?.score ?? 0);
  return [...groups.values()].sort(
    (a, b) => a.scenario.localeCompare(b.scenario) || (a.team ?? '').localeCompare(b.team ?? ''),
  );
}

/** One run's after-action report; an id that is not a finished run is DrillRunNotFound. */
export function readDrillRunReport(workspaceDir: string, id: string): DrillReport {
  if (!RUN_ID.test(id) || !folders(workspaceDir).includes(id))
    throw new DrillRunNotFound(
      `no drill run "${id}" in ${drillsDir(workspaceDir)}; \`control-room drill history\` lists the runs`,
    );
  const dir = join(drillsDir(workspaceDir), id);
  if (!filesOf(dir).includes(RESULT_FILE))
    throw new DrillRunNotFound(`drill run "${id}" did not finish: it has no result and no report`);
  return { id, ...readDrillReport(dir) };
}
