// The migration plans of a workspace: every *.yaml in its migrations/ folder, or the demo plans when
// that folder has none. Files are re-read when they change on disk, so a plan can be edited while
// the control room runs; a broken file is reported (file:line: field: problem) and skipped.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile, YamlFileError } from '../config/parse-yaml-file';
import { planFileSchema, type PlanFile } from './plan-file';

export interface LoadedPlan {
  plan: PlanFile;
  file: string;
  /** Changes whenever the file does. */
  fingerprint: string;
}

export interface PlanSet {
  plans: LoadedPlan[];
  problems: string[];
  source: string;
}

type Parsed = { ok: true; plan: PlanFile } | { ok: false; problems: string[] };

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export class PlanLibrary {
  private readonly cache = new Map<string, { fingerprint: string; parsed: Parsed }>();

  constructor(
    /** The workspace's migrations/ folder. */
    private readonly dir: string,
    /** resources/migrations: used when the workspace has no plans. */
    private readonly demoDir: string,
  ) {}

  load(): PlanSet {
    const own = yamlFiles(this.dir);
    const files = own.length > 0 ? own : yamlFiles(this.demoDir);
    const source = own.length > 0 ? this.dir : `demo plans (${this.demoDir}); put your own in ${this.dir}`;
    const plans: LoadedPlan[] = [];
    const problems: string[] = [];
    const byId = new Map<string, string>();
    for (const file of files) {
      let fingerprint: string;
      try {
        const st = statSync(file);
        fingerprint = `${st.mtimeMs}:${st.size}`;
      } catch (error) {
        problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      let entry = this.cache.get(file);
      if (entry?.fingerprint !== fingerprint) {
        entry = { fingerprint, parsed: parse(file) };
        this.cache.set(file, entry);
      }
      if (!entry.parsed.ok) {
        problems.push(...entry.parsed.problems);
        continue;
      }
      const { plan } = entry.parsed;
      const first = byId.get(plan.id);
      if (first !== undefined) {
        problems.push(`${file}: id: "${plan.id}" is already the id of ${first}`);
        continue;
      }
      byId.set(plan.id, file);
      plans.push({ plan, file, fingerprint });
    }
    return { plans, problems, source };
  }
}

function parse(file: string): Parsed {
  try {
    return { ok: true, plan: parseYamlFile(file, planFileSchema) };
  } catch (error) {
    if (error instanceof YamlFileError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
