// Every playbook of the workspace's playbooks/ and of resources/playbooks/, by alert name. A
// workspace playbook overrides a shipped one for the same alert; two in the same place for one
// alert are a problem naming both files, and neither wins.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Playbook } from '../../../shared/alerts';
import { YamlFileError } from '../config/parse-yaml-file';
import { readPlaybook } from './playbook-file';

interface Loaded {
  byAlert: Map<string, Playbook>;
  all: Playbook[];
  problems: string[];
}

/** Re-read at most this often: playbooks are edited by hand while the room runs. */
const RELOAD_MS = 2_000;

function markdownFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.md') && !f.startsWith('.'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export class PlaybookLibrary {
  private loaded: Loaded | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private signature = '';

  constructor(private readonly dirs: { workspace: string; resources: string }) {}

  private load(): Loaded {
    const now = Date.now();
    if (this.loaded && now - this.loadedAt < RELOAD_MS) return this.loaded;
    const places = [
      ['resources', markdownFiles(this.dirs.resources)],
      ['workspace', markdownFiles(this.dirs.workspace)],
    ] as const;
    const signature = places.flatMap(([, files]) => files.map((f) => `${f}@${mtimeOf(f)}`)).join('|');
    this.loadedAt = now;
    if (this.loaded && signature === this.signature) return this.loaded;
    this.signature = signature;
    const problems: string[] = [];
    const byAlert = new Map<string, Playbook>();
    const all: Playbook[] = [];
    for (const [origin, files] of places) {
      const here = new Map<string, Playbook>();
      const clashing = new Set<string>();
      for (const file of files) {
        let playbook: Playbook;
        try {
          playbook = readPlaybook(file, origin);
        } catch (error) {
          problems.push(...(error instanceof YamlFileError ? error.problems : [`${file}: ${String(error)}`]));
          continue;
        }
        all.push(playbook);
        for (const alert of playbook.alerts) {
          const other = here.get(alert);
          if (other) {
            problems.push(
              `two playbooks for alert ${alert}: ${other.file} and ${file}; keep one (neither is used until then)`,
            );
            clashing.add(alert);
          } else here.set(alert, playbook);
        }
      }
      for (const [alert, playbook] of here) {
        if (clashing.has(alert)) byAlert.delete(alert);
        else byAlert.set(alert, playbook);
      }
    }
    this.loaded = { byAlert, all, problems };
    return this.loaded;
  }

  forAlert(name: string): Playbook | undefined {
    return this.load().byAlert.get(name);
  }

  list(): { playbooks: Playbook[]; problems: string[] } {
    const { all, problems } = this.load();
    return { playbooks: all, problems };
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
