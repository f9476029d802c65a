// Feature flags across every flags connection: the list (with each source live or stale), one
// flag with what the room recorded of it, and a change. A change is refused by a release freeze
// (except the kill switch), precondition-checked against the version the person saw, idempotent by
// key, and acknowledged only once its `flag.changed` record is fsynced.
import type { FlagsApiOutputs, ApiParsedInput } from '../../../shared/api';
import type { Change } from '../../../shared/changes';
import type { AuditRecord, ChangeEvent } from '../../../shared/domain';
import {
  FLAG_AUDIT_KINDS,
  type Flag,
  type FlagAuditDetails,
  type FlagChange,
  type FlagRow,
  type FlagStateDigest,
} from '../../../shared/flags';
import type { Freeze } from '../../../shared/incidents';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import type { AuditWriter } from '../audit/audit-writer';
import { isoTime, type Clock } from '../clock';
import { freezeFor, type FreezeSource } from '../incidents/freeze-source';
import { FlagChangeLedger, type DecidedChange, type FlagChangeAnswer } from './flag-change-ledger';
import { FlagSourceCache, withDeadline } from './flag-source-cache';
import { FlagChangedUnderneath, FlagChangeRefused, FlagNotFound, type FlagsBackend } from './flags-backend';

export interface FlagsServiceDeps {
  backends: readonly FlagsBackend[];
  writer: AuditWriter;
  history: () => readonly AuditRecord[];
  freezes: Pick<FreezeSource, 'active'>;
  /** The room's clock: list times and the age of its own records. */
  clock: Clock;
  /** Wall time for backend ages (a backend's age is real time); Date.now when absent. */
  wallNow?: () => number;
  publish: (event: ChangeEvent) => void;
}

type ChangeInput = ApiParsedInput<'flags.change'>;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The state a `flag.changed` record keeps: on or off, and the gradual rollout's share. */
export function flagDigest(flag: Flag): FlagStateDigest {
  const rollout = flag.strategies.find((s) => s.rolloutPercent !== undefined);
  return {
    enabled: flag.enabled,
    ...(rollout?.rolloutPercent === undefined ? {} : { rolloutPercent: rollout.rolloutPercent }),
    ...(rollout?.groupId === undefined ? {} : { groupId: rollout.groupId }),
  };
}

/** The change in words, as a person would ask for it: "the kill switch", "rollout to 25%". */
function changeWords(change: FlagChange): string {
  if (change.kind === 'disable') return 'the kill switch';
  if (change.kind === 'enable') return 'enable';
  return `the rollout to ${change.percent}%${change.groupId ? ` (group ${change.groupId})` : ''}`;
}

function freezeName(freeze: Freeze): string {
  return freeze.source.kind === 'incident' ? `incident ${freeze.source.id}` : `window ${freeze.source.name}`;
}

/** Where a flag was found: its connection's cache and the flag as read now (or last, stale). */
interface Found {
  source: FlagSourceCache;
  flag: Flag;
}

export class FlagsService {
  private readonly sources: FlagSourceCache[];
  private readonly ledger = new FlagChangeLedger();
  private readonly wallNow: () => number;

  constructor(private readonly deps: FlagsServiceDeps) {
    this.wallNow = deps.wallNow ?? (() => Date.now());
    this.sources = deps.backends.map(
      (b) => new FlagSourceCache(b, this.wallNow, () => deps.publish({ type: 'flags' })),
    );
    this.ledger.learn(deps.history());
  }

  /** On the room's beat: each connection re-read when due, in the background. */
  poll(): void {
    for (const s of this.sources) s.poll();
  }

  async list(input: ApiParsedInput<'flags.list'>): Promise<FlagsApiOutputs['flags.list']> {
    const perSource = await Promise.all(
      this.sources.map(async (s) => ({ source: s, flags: await s.current() })),
    );
    const recorded = this.lastRecordedIndex();
    const wall = this.wallNow();
    const roomNow = this.deps.clock.now();
    const within = input.changedWithinSec === undefined ? undefined : input.changedWithinSec * 1000;
    const rows: FlagRow[] = [];
    for (const { source, flags } of perSource)
      for (const flag of flags) {
        if (input.environment !== undefined && flag.environment !== input.environment) continue;
        const last = recorded.get(recordKey(source.name, flag.key, flag.environment));
        if (within !== undefined) {
          const backendAt = flag.lastChange ? Date.parse(flag.lastChange.at) : NaN;
          const ours = last ? Date.parse(last.at) : NaN;
          if (!(wall - backendAt <= within) && !(roomNow - ours <= within)) continue;
        }
        rows.push({ ...flag, connection: source.name, ...(last ? { lastRecorded: last } : {}) });
      }
    rows.sort(
      (a, b) =>
        a.key.localeCompare(b.key) ||
        a.environment.localeCompare(b.environment) ||
        a.connection.localeCompare(b.connection),
    );
    return { flags: rows, sources: this.sources.map((s) => s.status()), asOf: isoTime(roomNow) };
  }

  async show(input: ApiParsedInput<'flags.show'>): Promise<FlagsApiOutputs['flags.show']> {
    const { source, flag } = await this.find(input.flag, input.environment, input.connection);
    const last = this.lastRecordedIndex().get(recordKey(source.name, flag.key, flag.environment));
    return {
      flag: { ...flag, connection: source.name, ...(last ? { lastRecorded: last } : {}) },
      changes: this.recordedChanges(source.name, flag),
    };
  }

  /**
   * The flag `key` in `environment`, read now from its connection (or its last read, stale, when
   * the connection does not answer). not-found when no connection has it; invalid-input naming the
   * connections when more than one does and none was named.
   */
  async find(key: string, environment: string, connection?: string): Promise<Found> {
    let sources = this.sources;
    if (connection !== undefined) {
      const named = this.sources.find((s) => s.name === connection);
      if (!named)
        throw new ApiError(
          'not-found',
          `No flags connection named "${connection}"${this.sources.length ? ` (there are ${this.sources.map((s) => s.name).join(', ')})` : ''}`,
          'connection',
        );
      sources = [named];
    }
    const problems: string[] = [];
    const found = (
      await Promise.all(
        sources.map(async (source): Promise<Found | undefined> => {
          try {
            const flag = await withDeadline(
              source.backend.get(key, environment),
              source.timeoutMs,
              `${source.name}: read ${key}`,
            );
            if (flag) source.update(flag);
            return flag ? { source, flag } : undefined;
          } catch (error) {
            source.failed(error);
            const last = source.lastRead(key, environment);
            if (!last) problems.push(`${source.name}: ${errorText(error)}`);
            return last ? { source, flag: last } : undefined;
          }
        }),
      )
    ).filter((f): f is Found => f !== undefined);
    if (found.length > 1)
      throw new ApiError(
        'invalid-input',
        `${key} in ${environment} is in more than one flags connection (${found.map((f) => f.source.name).join(', ')}): name one with connection`,
        'connection',
      );
    const [one] = found;
    if (one) return one;
    if (problems.length > 0)
      throw new ApiError(
        'unavailable',
        `${key} in ${environment} could not be looked up: ${problems.join('; ')}. Nothing was changed.`,
      );
    // Where the key is, to say so: from each connection's list (read now if it was never read).
    const elsewhere = (await Promise.all(sources.map((s) => s.current())))
      .flat()
      .filter((f) => f.key === key)
      .map((f) => f.environment);
    throw new ApiError(
      'not-found',
      this.sources.length === 0
        ? `No flag "${key}": no flags connection is configured (add an unleash or flagd-file connection in Settings)`
        : `No flag "${key}" in environment ${environment}${elsewhere.length ? ` (it is in ${[...new Set(elsewhere)].join(', ')})` : ''}. List them with: control-room flags list`,
      'flag',
    );
  }

  /** `actor` is the caller's identity from its credential (CallContext), never from the input. */
  async change(input: ChangeInput, actor: string): Promise<FlagChangeAnswer> {
    const decided = this.ledger.decided(input);
    if (decided?.answer) return decided.answer;
    return this.ledger.runOnce(input.idempotencyKey, async () => {
      // The same key may have been decided while this one waited for the first.
      const again = this.ledger.decided(input);
      if (again?.answer) return again.answer;
      return this.perform(input, actor, again);
    });
  }

  private async perform(
    input: ChangeInput,
    actor: string,
    decided: DecidedChange | undefined,
  ): Promise<FlagChangeAnswer> {
    const { writer } = this.deps;
    writer.refuseIfReadOnly();
    const storage = writer.state();
    if (storage.state === 'blocked')
      throw new ApiError(
        'unavailable',
        `The control room cannot record changes now (${storage.reason}); nothing was asked of the flags backend.`,
      );
    const { source, flag } = await this.find(input.flag, input.environment, input.connection);
    if (decided?.recorded) return this.replayed(decided, flag);
    const { change } = input;
    const reason = input.reason ?? '';
    const what = `${flag.key} in ${flag.environment}: ${changeWords(change)}`;
    const details: FlagAuditDetails = {
      connection: source.name,
      environment: flag.environment,
      change: change.kind,
      ...(change.kind === 'set-rollout' ? { percent: change.percent } : {}),
      ...(change.kind === 'set-rollout' && change.groupId ? { groupId: change.groupId } : {}),
      before: flagDigest(flag),
      services: flag.services ?? [],
      message: what,
      idempotencyKey: input.idempotencyKey,
    };
    const entry = (kind: string, more: Partial<FlagAuditDetails>): AuditEntry => ({
      actor,
      kind,
      target: flag.key,
      reason,
      details: { ...details, ...more } as unknown as Record<string, unknown>,
    });
    const refuse = (error: string, more: Partial<FlagAuditDetails> = {}): never => {
      this.tryRecord(entry(FLAG_AUDIT_KINDS.refused, { error, ...more }));
      throw new ApiError('precondition-failed', `Cannot change ${what}: ${error}`);
    };
    const freeze =
      change.kind === 'disable' ? undefined : freezeFor(this.deps.freezes.active(), flag.environment);
    if (freeze)
      refuse(
        `the release freeze (${freezeName(freeze)}) covers ${flag.environment}: ${freeze.reason} The kill switch (disable) stays allowed.`,
      );
    const options = { expected: input.expected ?? flag.version, actor };
    const backend = source.backend;
    let result;
    try {
      result = await withDeadline(
        change.kind === 'enable'
          ? backend.enable(flag.key, flag.environment, options)
          : change.kind === 'disable'
            ? backend.disable(flag.key, flag.environment, options)
            : backend.setRollout(flag.key, flag.environment, {
                ...options,
                percent: change.percent,
                ...(change.groupId ? { groupId: change.groupId } : {}),
              }),
        source.timeoutMs,
        `${source.name}: ${change.kind} ${flag.key}`,
      );
    } catch (error) {
      if (error instanceof FlagChangedUnderneath) {
        source.update(error.current);
        refuse(
          `it changed underneath you: ${error.changed.join('; ')}. Nothing was changed: look at it again and decide.`,
          { changed: error.changed },
        );
      }
      if (error instanceof FlagNotFound) throw new ApiError('not-found', error.message, 'flag');
      if (error instanceof FlagChangeRefused || error instanceof RangeError) refuse(error.message);
      const why = errorText(error);
      source.failed(error);
      this.tryRecord(entry(FLAG_AUDIT_KINDS.failed, { error: why }));
      throw new ApiError(
        'backend-error',
        `${flag.key} in ${flag.environment}: ${changeWords(change)} could not be applied: ${why}; nothing changed; retry when ready.`,
      );
    }
    source.update(result.after);
    if (result.outcome === 'already') {
      const answer = { ...result };
      this.ledger.remember(input.idempotencyKey, { ...this.keyOf(input, source.name), answer });
      return answer;
    }
    let auditSeq: number;
    try {
      // Owed if the log cannot take it now: the change happened and is written with the next batch.
      const [record] = this.deps.writer.write(
        [entry(FLAG_AUDIT_KINDS.changed, { after: flagDigest(result.after), message: result.message })],
        true,
      );
      auditSeq = record?.seq ?? 0;
    } catch (error) {
      this.ledger.remember(input.idempotencyKey, {
        ...this.keyOf(input, source.name),
        answer: { ...result, auditSeq: 0 },
      });
      throw new ApiError(
        'unavailable',
        `${result.message} was applied, but its record is not written yet: ${errorText(error)}. It is written once the log can take it; retrying the same request answers without changing it again.`,
      );
    }
    const answer = { ...result, auditSeq };
    this.ledger.remember(input.idempotencyKey, { ...this.keyOf(input, source.name), answer });
    this.deps.publish({ type: 'audit', seq: auditSeq });
    this.deps.publish({ type: 'flags' });
    return answer;
  }

  private keyOf(input: ChangeInput, connection: string) {
    return { flag: input.flag, environment: input.environment, connection, change: input.change };
  }

  /** A key decided before a restart: its record's answer, told on the flag as it is now. */
  private replayed(decided: DecidedChange, now: Flag): FlagChangeAnswer {
    const { recorded } = decided;
    const as = (d: FlagStateDigest | undefined): Flag => (d ? { ...now, enabled: d.enabled } : now);
    return {
      outcome: 'applied',
      before: as(recorded?.before),
      after: as(recorded?.after),
      message: recorded?.message ?? '',
      ...(recorded ? { auditSeq: recorded.auditSeq } : {}),
    };
  }

  private tryRecord(entry: AuditEntry): void {
    try {
      const [record] = this.deps.writer.write([entry]);
      if (record) this.deps.publish({ type: 'audit', seq: record.seq });
    } catch {
      // Already refusing or failing: the caller is told what happened either way.
    }
  }

  /** The newest `flag.changed` record of each flag, by connection, key and environment. */
  private lastRecordedIndex(): Map<string, NonNullable<FlagRow['lastRecorded']>> {
    const index = new Map<string, NonNullable<FlagRow['lastRecorded']>>();
    const history = this.deps.history();
    for (let i = history.length - 1; i >= 0; i--) {
      const r = history[i]!;
      if (r.kind !== FLAG_AUDIT_KINDS.changed) continue;
      const key = recordKey(String(r.details.connection), r.target, String(r.details.environment));
      if (!index.has(key))
        index.set(key, {
          at: r.time,
          by: r.actor,
          summary: typeof r.details.message === 'string' ? r.details.message : r.target,
          auditSeq: r.seq,
        });
    }
    return index;
  }

  /** The room's records of changes to this flag, newest first, as the what-changed axis has them. */
  private recordedChanges(connection: string, flag: Flag): Change[] {
    return this.deps
      .history()
      .filter(
        (r) =>
          r.kind === FLAG_AUDIT_KINDS.changed &&
          r.target === flag.key &&
          r.details.connection === connection &&
          r.details.environment === flag.environment,
      )
      .reverse()
      .map((r) => {
        const services = Array.isArray(r.details.services) ? (r.details.services as string[]) : [];
        return {
          id: `audit:${r.seq}`,
          time: r.time,
          kind: 'flag-changed' as const,
          actor: r.actor,
          ...(services[0] ? { service: services[0] } : {}),
          environment: flag.environment,
          connection,
          summary: typeof r.details.message === 'string' ? r.details.message : flag.key,
          source: 'audit' as const,
          auditSeq: r.seq,
        };
      });
  }
}

function recordKey(connection: string, key: string, environment: string): string {
  return `${connection}\u0000${key}\u0000${environment}`;
}
