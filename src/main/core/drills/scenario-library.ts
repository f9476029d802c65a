// The scenarios a team can run: those shipped in resources/scenarios/ and the workspace's own
// scenarios/ (a workspace scenario with a shipped one's id replaces it). One file per scenario,
// named <id>.yaml.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { parseYamlFile, YamlFileError } from '../config/parse-yaml-file';
import { scenarioSchema, type DrillFleet, type ScenarioFile } from './scenario-schema';

export interface ScenarioEntry {
  id: string;
  file: string;
  source: 'shipped' | 'workspace';
}

export interface ScenarioListing extends ScenarioEntry {
  title: string;
  duration: number;
  injects: number;
}

export class ScenarioLibrary<F extends DrillFleet> {
  constructor(
    private readonly dirs: { shipped: string; workspace?: string },
    private readonly fleetSchema: z.ZodType<F>,
  ) {}

  entries(): ScenarioEntry[] {
    const found = new Map<string, ScenarioEntry>();
    const scan = (dir: string | undefined, source: ScenarioEntry['source']) => {
      if (!dir || !existsSync(dir)) return;
      for (const name of readdirSync(dir).sort())
        if (/\.ya?ml$/.test(name))
          found.set(name.replace(/\.ya?ml$/, ''), {
            id: name.replace(/\.ya?ml$/, ''),
            file: join(dir, name),
            source,
          });
    };
    scan(this.dirs.shipped, 'shipped');
    scan(this.dirs.workspace, 'workspace');
    return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Every scenario with its title; one that does not parse throws its file:line error. */
  list(): ScenarioListing[] {
    return this.entries().map((e) => {
      const s = this.loadFile(e.file);
      return { ...e, title: s.title, duration: s.duration, injects: s.timeline.length };
    });
  }

  /** A scenario by id, or by path to a scenario file. */
  load(idOrPath: string): ScenarioFile<F> & { file: string } {
    const entry = this.entries().find((e) => e.id === idOrPath);
    const file = entry?.file ?? (/\.ya?ml$/.test(idOrPath) ? idOrPath : undefined);
    if (file === undefined)
      throw new YamlFileError(
        idOrPath,
        [
          `no scenario "${idOrPath}"; known: ${this.entries()
            .map((e) => e.id)
            .join(', ')}. List them with: control-room drill list`,
        ],
        'is not a scenario',
      );
    return { ...this.loadFile(file), file };
  }

  private loadFile(file: string): ScenarioFile<F> {
    const scenario = parseYamlFile(
      file,
      scenarioSchema(this.fleetSchema, (reference) =>
        parseYamlFile(isAbsolute(reference) ? reference : join(dirname(file), reference), this.fleetSchema),
      ),
    );
    const expected = basename(file).replace(/\.ya?ml$/, '');
    if (scenario.id !== expected && this.isListed(file))
      throw new YamlFileError(file, [
        `${file}:1: id: "${scenario.id}" must match the file name ${expected}.yaml`,
      ]);
    return scenario;
  }

  private isListed(file: string): boolean {
    return this.entries().some((e) => e.file === file);
  }
}
