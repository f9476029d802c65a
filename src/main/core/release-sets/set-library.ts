// The release sets of a workspace: config.yaml's `releaseSets:` and every *.yaml in its sets/ folder
// (one set per file), or the demo sets when it has neither. Files are re-read when they change, so a
// set can be edited while the control room runs; a broken file is still listed, with its problems.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ReleaseSetDefinition } from '../../../shared/release-sets';
import { parseYamlFile, YamlFileError } from '../config/parse-yaml-file';
import { setFileSchema, type ConfigSet } from './set-definition-schema';

export interface SetLibraryOptions {
  /** config.yaml's sets, already checked by the config schema. */
  configSets: readonly ConfigSet[];
  /** config.yaml, for the line each set stands on. */
  configPath: string;
  /** The workspace's sets/ folder. */
  dir: string;
  /** resources/sets: used when the workspace defines no set (the built-in demo fleet only). */
  demoDir?: string;
}

type Parsed = { fingerprint: string; definition: ReleaseSetDefinition };

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The line of `releaseSets[i]` in config.yaml, for "config.yaml:12". */
function configLines(configPath: string, count: number): (number | undefined)[] {
  if (count === 0 || !existsSync(configPath)) return [];
  try {
    const counter = new LineCounter();
    const doc = parseDocument(readFileSync(configPath, 'utf8'), { lineCounter: counter });
    return Array.from({ length: count }, (_, i) => {
      const node = doc.getIn(['releaseSets', i], true);
      return isNode(node) && node.range ? counter.linePos(node.range[0]).line : undefined;
    });
  } catch {
    return [];
  }
}

export class SetLibrary {
  private readonly cache = new Map<string, Parsed>();
  private readonly fromConfig: ReleaseSetDefinition[];

  constructor(private readonly options: SetLibraryOptions) {
    const lines = configLines(options.configPath, options.configSets.length);
    const file = basename(options.configPath);
    this.fromConfig = options.configSets.map((s, i) => ({
      name: s.name,
      ...(s.description === undefined ? {} : { description: s.description }),
      members: s.members,
      ...(s.environments === undefined ? {} : { environments: s.environments }),
      source: lines[i] === undefined ? file : `${file}:${lines[i]}`,
    }));
  }

  /** Every set, config's first; a name defined twice is a problem of the later one. */
  load(): ReleaseSetDefinition[] {
    const own = yamlFiles(this.options.dir);
    const demo = own.length === 0 && this.fromConfig.length === 0 && this.options.demoDir !== undefined;
    const files = demo && this.options.demoDir ? yamlFiles(this.options.demoDir) : own;
    const sets = [...this.fromConfig, ...files.map((f) => this.read(f, demo ? 'demo set ' : 'sets/'))];
    const first = new Map<string, string>();
    return sets.map((s) => {
      const earlier = first.get(s.name);
      if (earlier === undefined) {
        first.set(s.name, s.source);
        return s;
      }
      return {
        ...s,
        problems: [...(s.problems ?? []), `${s.source}: name: "${s.name}" is already defined at ${earlier}`],
      };
    });
  }

  find(name: string): ReleaseSetDefinition | undefined {
    return this.load().find((s) => s.name === name);
  }

  private read(file: string, folder: string): ReleaseSetDefinition {
    const shown = `${folder}${basename(file)}`;
    const fallbackName = basename(file).replace(/\.ya?ml$/i, '');
    let fingerprint: string;
    try {
      const st = statSync(file);
      fingerprint = `${st.mtimeMs}:${st.size}`;
    } catch (error) {
      return { name: fallbackName, members: [], source: shown, problems: [`${shown}: ${errorText(error)}`] };
    }
    const cached = this.cache.get(file);
    if (cached?.fingerprint === fingerprint) return cached.definition;
    let definition: ReleaseSetDefinition;
    try {
      const set = parseYamlFile(file, setFileSchema);
      definition = {
        name: set.name ?? fallbackName,
        ...(set.description === undefined ? {} : { description: set.description }),
        members: set.members,
        ...(set.environments === undefined ? {} : { environments: set.environments }),
        source: `${shown}:1`,
      };
    } catch (error) {
      const problems =
        error instanceof YamlFileError
          ? error.problems.map((p) => p.replace(file, shown))
          : [`${shown}: ${errorText(error)}`];
      definition = { name: fallbackName, members: [], source: shown, problems };
    }
    this.cache.set(file, { fingerprint, definition });
    return definition;
  }
}
