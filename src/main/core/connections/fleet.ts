// The fleet: every deployment connection's rollouts as one DeploymentBackend. Each rollout's id is
// `<connection>/<local id>` everywhere (API, CLI, URLs, audit targets); a bare local id is accepted
// when exactly one connection has it. A connection that fails or hangs never takes the others down:
// its rows are served from what it last reported, marked stale with their age.
import type { ConnectionStatus } from '../../../shared/connections';
import { ApiError } from '../api/api-error';
import {
  BackendNotSaved,
  type BackendAnswer,
  type BackendChange,
  type BackendCommand,
  type DeploymentBackend,
  type RolloutSnapshot,
} from '../rollouts/deployment-backend';
import type { ConnectionHealth } from './connection-health';

export interface FleetMember {
  /** The connection's name: the prefix of its rollouts' ids. */
  name: string;
  backend: DeploymentBackend;
  /** The connection's health line; absent for backends that live in this process (the simulator). */
  health?: ConnectionHealth;
  /** Rows older than this (since the last successful read) are marked stale. */
  staleAfterMs?: number;
  /** What the connection cannot do now although it answers (a forbidden namespace), in words. */
  problems?: () => string[];
}

export const fullId = (connection: string, localId: string): string => `${connection}/${localId}`;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Fleet implements DeploymentBackend {
  readonly name: string;
  private readonly members = new Map<string, FleetMember>();
  private readonly listeners = new Set<(change: BackendChange) => void>();
  private readonly rowListeners = new Set<(id: string, revision: number) => void>();
  /** What each member last listed, with ids prefixed: rebuilt only when a member's list changes. */
  private readonly listed = new Map<
    string,
    { source: readonly RolloutSnapshot[]; rows: RolloutSnapshot[] }
  >();

  constructor(members: readonly FleetMember[]) {
    for (const m of members) {
      if (m.name.includes('/')) throw new Error(`connection name "${m.name}" may not contain /`);
      this.members.set(m.name, m);
      m.backend.onChange((change) => {
        const prefixed = { ...change, id: fullId(m.name, change.id) };
        for (const listener of this.listeners) listener(prefixed);
      });
      m.backend.onRowChange?.((id, revision) => {
        for (const listener of this.rowListeners) listener(fullId(m.name, id), revision);
      });
    }
    this.name = [...this.members.keys()].join(', ');
  }

  /** The connections of the fleet, in config order. */
  get connections(): readonly FleetMember[] {
    return [...this.members.values()];
  }

  list(): RolloutSnapshot[] {
    const all: RolloutSnapshot[] = [];
    for (const m of this.members.values()) all.push(...this.rowsOf(m));
    return all;
  }

  get(id: string): RolloutSnapshot | undefined {
    const where = this.locate(id);
    if (!where) return undefined;
    const r = where.member.backend.get(where.localId);
    return r ? this.row(where.member, r) : undefined;
  }

  /**
   * The full id of `id`: itself when it names a connection, or the one rollout of that local id.
   * Throws an ApiError naming the candidates when a bare id is ambiguous.
   */
  resolve(id: string): string | undefined {
    const slash = id.indexOf('/');
    if (slash > 0 && this.members.has(id.slice(0, slash))) return id;
    const matches = [...this.members.values()].filter((m) => m.backend.get(id) !== undefined);
    if (matches.length > 1)
      throw new ApiError(
        'invalid-input',
        `"${id}" is a rollout of ${matches.length} connections: say which, e.g. ${matches.map((m) => fullId(m.name, id)).join(' or ')}`,
        'id',
      );
    return matches[0] ? fullId(matches[0].name, id) : undefined;
  }

  async apply(id: string, command: BackendCommand): Promise<BackendAnswer> {
    const where = this.locate(id);
    if (!where) throw new ApiError('not-found', `No rollout with id "${id}"`, 'id');
    const answer = await where.member.backend.apply(where.localId, command);
    return { ...answer, rollout: this.row(where.member, answer.rollout) };
  }

  /**
   * Lets every connection move on. One that cannot save its world stops the room (BackendNotSaved
   * is rethrown after the others had their turn); any other failure stays that connection's.
   */
  tick(now: number): void {
    let notSaved: BackendNotSaved | undefined;
    for (const m of this.members.values()) {
      try {
        m.backend.tick(now);
      } catch (error) {
        if (error instanceof BackendNotSaved) notSaved ??= error;
        else m.health?.failed(error);
      }
    }
    if (notSaved) throw notSaved;
  }

  onChange(listener: (change: BackendChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onRowChange(listener: (id: string, revision: number) => void): () => void {
    this.rowListeners.add(listener);
    return () => this.rowListeners.delete(listener);
  }

  knownVersions(id: string): readonly string[] | undefined {
    const where = this.locate(id);
    return where ? where.member.backend.knownVersions(where.localId) : undefined;
  }

  durableChanges(): readonly BackendChange[] {
    return [...this.members.values()].flatMap((m) =>
      (m.backend.durableChanges?.() ?? []).map((c) => ({ ...c, id: fullId(m.name, c.id) })),
    );
  }

  /** Every deployment connection's health line (in-process ones are always reachable). */
  statuses(): ConnectionStatus[] {
    return [...this.members.values()].map((m) => {
      const status: ConnectionStatus = m.health
        ? m.health.status(m.staleAfterMs)
        : { name: m.name, kind: m.backend.name, roles: ['deployment'], reachable: true };
      const problems = m.problems?.() ?? [];
      return problems.length > 0 ? { ...status, problems } : status;
    });
  }

  private locate(id: string): { member: FleetMember; localId: string } | undefined {
    let full: string | undefined;
    try {
      full = this.resolve(id);
    } catch {
      return undefined;
    }
    if (!full) return undefined;
    const slash = full.indexOf('/');
    const member = this.members.get(full.slice(0, slash));
    return member ? { member, localId: full.slice(slash + 1) } : undefined;
  }

  private rowsOf(m: FleetMember): RolloutSnapshot[] {
    let source: readonly RolloutSnapshot[];
    try {
      source = m.backend.list();
    } catch (error) {
      // A backend that cannot even list keeps its last rows; its health line says why.
      m.health?.failed(error);
      source = this.listed.get(m.name)?.source ?? [];
    }
    const stale = this.staleness(m);
    const cached = this.listed.get(m.name);
    if (cached && cached.source === source && !stale && !cached.rows.some((r) => r.stale)) return cached.rows;
    const rows = source.map((r) => this.row(m, r, stale));
    this.listed.set(m.name, { source, rows });
    return rows;
  }

  private row(m: FleetMember, r: RolloutSnapshot, memberStale = this.staleness(m)): RolloutSnapshot {
    const { stale: own, ...rest } = r;
    // A backend that watches several scopes (Kubernetes namespaces) marks its own stale rows.
    const stale = memberStale ?? own;
    return { ...rest, id: fullId(m.name, r.id), connection: m.name, ...(stale ? { stale } : {}) };
  }

  private staleness(m: FleetMember): { ageMs: number; reason: string } | undefined {
    if (!m.health || m.staleAfterMs === undefined) return undefined;
    const age = m.health.ageMs();
    if (age <= m.staleAfterMs) return undefined;
    const status = m.health.status();
    const why = status.lastError
      ? `${m.name}: ${status.lastError.message}`
      : `${m.name} has not answered yet`;
    return { ageMs: Number.isFinite(age) ? Math.round(age) : -1, reason: errorText(why) };
  }
}
