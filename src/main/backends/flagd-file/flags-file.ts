// A flagd flag-definition file kept in git, as a flags backend: one file is one environment. Reads
// parse and check the whole file; a change is one splice of its text, written atomically with the
// file's mode kept, and refused when the flag (or, at the last moment, the file) changed underneath.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Flag, FlagChangeResult } from '../../../shared/flags';
import { assertRolloutPercent } from '../../../shared/flags';
import {
  FlagChangedUnderneath,
  FlagChangeRefused,
  FlagNotFound,
  FlagsUnavailable,
  flagDifferences,
  type FlagWriteOptions,
  type FlagsBackend,
} from '../../core/flags/flags-backend';
import { writeFileAtomic } from '../../core/persistence/atomic-write';
import { unreadableFileProblem } from '../../core/config/unreadable-file-problem';
import { FlagdEditRefused, setRolloutEdit, setStateEdit } from './flagd-file-edits';
import { toFlag } from './flagd-flag-mapping';
import { parseFlagdText, type ParsedFlagdFile } from './parse-flagd-file';

export interface FlagsFileOptions {
  name: string;
  path: string;
  /** The environment the file serves (a flagd file has no environments of its own). */
  environment: string;
  now?: () => Date;
}

interface FileRead {
  text: string;
  hash: string;
  parsed: ParsedFlagdFile;
  flags: Flag[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class FlagsFile implements FlagsBackend {
  readonly kind = 'flagd-file';
  readonly name: string;
  private readonly now: () => Date;
  private lastGood: FileRead | undefined;
  /** Why the last read failed, shown beside the stale flags; undefined when the file read fine. */
  problem: string | undefined;
  /** Flags as handed out, by version: what a person saw, to say what changed since. */
  private readonly seen = new Map<string, Flag>();

  constructor(private readonly options: FlagsFileOptions) {
    this.name = options.name;
    this.now = options.now ?? (() => new Date());
  }

  private readFile(): FileRead {
    const { path } = this.options;
    const unreadable = unreadableFileProblem(path);
    if (unreadable) throw new FlagsUnavailable(`${path} ${unreadable}`);
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (error) {
      throw new FlagsUnavailable(
        `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let parsed: ParsedFlagdFile;
    try {
      parsed = parseFlagdText(text, path);
    } catch (error) {
      throw new FlagsUnavailable(error instanceof Error ? error.message : String(error));
    }
    const asOf = this.now().toISOString();
    const where = { file: path, environment: this.options.environment, asOf };
    const flags = Object.keys(parsed.definitions.flags).map((key) => toFlag(key, parsed.definitions, where));
    return { text, hash: sha256(text), parsed, flags };
  }

  /** The file now; when it cannot be read, the last good read marked stale (or FlagsUnavailable). */
  private current(): Flag[] {
    try {
      const read = this.readFile();
      this.lastGood = read;
      this.problem = undefined;
      for (const flag of read.flags) this.remember(flag);
      return read.flags;
    } catch (error) {
      if (!(error instanceof FlagsUnavailable)) throw error;
      this.problem = error.message;
      if (!this.lastGood) throw error;
      return this.lastGood.flags.map((f) => ({ ...f, stale: true }));
    }
  }

  private remember(flag: Flag): void {
    this.seen.set(flag.version, flag);
    if (this.seen.size > 1000) this.seen.delete(this.seen.keys().next().value!);
  }

  async list(environment?: string): Promise<Flag[]> {
    if (environment !== undefined && environment !== this.options.environment) return [];
    return this.current();
  }

  async get(key: string, environment: string): Promise<Flag | undefined> {
    if (environment !== this.options.environment) return undefined;
    return this.current().find((f) => f.key === key);
  }

  enable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult> {
    return this.change(
      key,
      environment,
      options,
      (flag) => flag.enabled,
      'on',
      (read) => setStateEdit(read.text, read.parsed.source.root, key, 'ENABLED'),
    );
  }

  disable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult> {
    return this.change(
      key,
      environment,
      options,
      (flag) => !flag.enabled,
      'off',
      (read) => setStateEdit(read.text, read.parsed.source.root, key, 'DISABLED'),
    );
  }

  setRollout(
    key: string,
    environment: string,
    options: FlagWriteOptions & { percent: number; groupId?: string },
  ): Promise<FlagChangeResult> {
    const { percent, groupId } = options;
    try {
      assertRolloutPercent(percent);
    } catch (error) {
      return Promise.reject(error as RangeError);
    }
    const isSo = (flag: Flag) =>
      flag.strategies.length === 1 &&
      flag.strategies[0]!.name === 'fractional' &&
      flag.strategies[0]!.rolloutPercent === percent &&
      (groupId === undefined || flag.strategies[0]!.groupId === groupId);
    return this.change(key, environment, options, isSo, `rollout ${percent}%`, (read) =>
      setRolloutEdit(read.text, read.parsed.source.root, read.parsed.definitions, key, percent, groupId),
    );
  }

  private async change(
    key: string,
    environment: string,
    options: FlagWriteOptions,
    alreadySo: (flag: Flag) => boolean,
    what: string,
    edit: (read: FileRead) => string,
  ): Promise<FlagChangeResult> {
    if (environment !== this.options.environment)
      throw new FlagNotFound(`${this.options.path} serves ${this.options.environment}, not ${environment}`);
    const read = this.readFile();
    const before = read.flags.find((f) => f.key === key);
    if (!before) throw new FlagNotFound(`flag ${key} is not in ${this.options.path}`);
    this.refuseIfChanged(before, options.expected);
    const label = `${key} in ${environment}`;
    if (alreadySo(before))
      return { outcome: 'already', before, after: before, message: `${label}: already ${what}` };
    let text: string;
    try {
      text = edit(read);
    } catch (error) {
      // The file cannot take this change in place: a refusal to tell the person, not a failure to retry.
      if (error instanceof FlagdEditRefused) throw new FlagChangeRefused(`${label}: ${error.message}`);
      throw error;
    }
    // Never write a file flagd would reject: the edited text is checked like a read.
    const parsed = parseFlagdText(text, this.options.path);
    const where = { file: this.options.path, environment, asOf: this.now().toISOString() };
    const after = toFlag(key, parsed.definitions, where);
    // Last look before the rename: another writer between our read and now loses nothing.
    const mode = fs.statSync(this.options.path).mode & 0o7777;
    const latest = fs.readFileSync(this.options.path, 'utf8');
    if (sha256(latest) !== read.hash) {
      const now = this.current().find((f) => f.key === key);
      throw new FlagChangedUnderneath(
        `${this.options.path} changed while ${label} was being changed; nothing was written`,
        now
          ? orElse(flagDifferences(before, now), 'another part of the file changed; ask again')
          : [`flag ${key} was removed`],
        now ?? before,
      );
    }
    writeFileAtomic(this.options.path, text, { mode });
    this.remember(after);
    this.current();
    return {
      outcome: 'applied',
      before,
      after,
      message: `${label}: ${describe(before)} → ${describe(after)}`,
    };
  }

  private refuseIfChanged(now: Flag, expected: string): void {
    if (now.version === expected) return;
    const saw = this.seen.get(expected);
    const changed = saw ? flagDifferences(saw, now) : [`version ${expected} → ${now.version}`];
    throw new FlagChangedUnderneath(
      `${now.key} in ${now.environment} changed in ${this.options.path} since you read it (${changed.join('; ')}); nothing was written`,
      changed,
      now,
    );
  }
}

function describe(flag: Flag): string {
  const share = flag.strategies.find((s) => s.rolloutPercent !== undefined)?.rolloutPercent;
  return `${flag.enabled ? 'on' : 'off'}${share === undefined ? '' : `, rollout ${share}%`}`;
}

const orElse = (changed: string[], otherwise: string) => (changed.length > 0 ? changed : [otherwise]);
