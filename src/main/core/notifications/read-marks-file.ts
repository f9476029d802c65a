// Who has read which notification, per person, in the workspace (0600, written whole and renamed so
// a crash leaves the old file or the new one, never half of one).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface ReadMarks {
  [actor: string]: { ids: string[] };
}

export interface ReadMarksStore {
  load(): ReadMarks;
  save(marks: ReadMarks): void;
}

export function readMarksFile(path: string): ReadMarksStore {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
        if (typeof parsed !== 'object' || parsed === null) return {};
        const marks: ReadMarks = {};
        for (const [actor, value] of Object.entries(parsed as Record<string, unknown>)) {
          const ids = (value as { ids?: unknown } | null)?.ids;
          if (Array.isArray(ids))
            marks[actor] = { ids: ids.filter((id): id is string => typeof id === 'string') };
        }
        return marks;
      } catch {
        // Missing or unreadable: everything shows unread, which loses nothing.
        return {};
      }
    },
    save(marks) {
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(marks), { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}
