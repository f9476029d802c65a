// The workspace's drills as the API reads them: the scenarios it can run (shipped and its own) and
// the history of finished runs under <workspace>/drills/ with their after-action reports.
import { ApiError } from '../core/api/api-error';
import type { DrillArchive } from '../core/api/drill-handlers';
import { YamlFileError } from '../core/config/parse-yaml-file';
import { DrillRunNotFound, readDrillHistory, readDrillRunReport } from '../core/drills/drill-history';
import { DrillRunUnreadable } from '../core/drills/drill-run-files';
import { scenarioLibrary } from './drill-workspace';

export function createDrillArchive(workspaceDir: string): DrillArchive {
  const library = scenarioLibrary(workspaceDir);
  return {
    scenarios: () => {
      try {
        return library.list().map((s) => {
          const { briefing } = library.load(s.id);
          return {
            id: s.id,
            title: s.title,
            briefing,
            source: s.source,
            durationMs: s.duration,
            injects: s.injects,
          };
        });
      } catch (error) {
        // A workspace scenario that does not parse is named with its file:line, not skipped.
        if (error instanceof YamlFileError) throw new ApiError('invalid-input', error.message);
        throw error;
      }
    },
    history: (filter) => readDrillHistory(workspaceDir, filter),
    report: (id) => {
      try {
        return readDrillRunReport(workspaceDir, id);
      } catch (error) {
        if (error instanceof DrillRunNotFound) throw new ApiError('not-found', error.message, 'id');
        // A damaged run folder is said so, not passed off as a missing run.
        if (error instanceof DrillRunUnreadable) throw new ApiError('precondition-failed', error.message);
        throw error;
      }
    },
  };
}
