// The workspace's drills as the API reads them: the scenarios it can run (shipped and its own) and
// the history of finished runs under <workspace>/drills/.
import { ApiError } from '../core/api/api-error';
import type { DrillArchive } from '../core/api/drill-handlers';
import { YamlFileError } from '../core/config/parse-yaml-file';
import { scenarioLibrary } from './create-drill-room';

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
    history: () => ({ runs: [], trends: [], unreadable: [] }),
    report: (id) => {
      throw new ApiError('not-found', `no drill run "${id}" in this workspace's drill history`);
    },
  };
}
