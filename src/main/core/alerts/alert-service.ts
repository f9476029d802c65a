// The alerts of every alert source, each with its playbook: read on each source's beat into a cache
// the API answers from, so a slow or dead source never blocks a screen. A source that cannot answer
// keeps its last alerts, marked stale with their age: never "no alerts".
import type {
  Alert,
  AlertSourceStatus,
  AlertSpan,
  AlertWithPlaybook,
  PlaybookCoverage,
  ResolvedCountermeasure,
} from '../../../shared/alerts';
import type { AlertsOverview, SilenceResult } from '../../../shared/api/alerts-api';
import type { ChangeEvent } from '../../../shared/domain';
import { INCIDENT_AUDIT_KINDS } from '../../../shared/incidents';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import { isoTime, type Clock } from '../clock';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import type { AlertSource } from './alert-source';
import { HISTORY_DAYS, type AlertHistory } from './alert-history';
import type { PlaybookLibrary } from './playbook-library';

export interface PolledSource {
  source: AlertSource;
  pollMs: number;
  /** Older than this, its alerts are stale (a missed beat or two is not yet news). */
  staleAfterMs: number;
}

export interface AlertServiceDeps {
  sources: PolledSource[];
  playbooks: PlaybookLibrary;
  history: AlertHistory;
  /** Wall time: alert sources live in real time. */
  clock: Clock;
  /** The fleet now, to name the rollout a countermeasure would act on. */
  rollouts: () => RolloutSnapshot[];
  /** Writes one audit record durably (the room's writer); throws when the log cannot take it. */
  record: (entry: AuditEntry) => number;
  publish: (event: ChangeEvent) => void;
}

interface Reading {
  alerts: Alert[];
  at?: number;
  error?: string;
  polling?: Promise<void>;
}

const SEVERITY_ORDER: Record<string, number> = { critical: 0, page: 0, error: 1, warning: 2, info: 3 };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const IN_FLIGHT: ReadonlySet<RolloutSnapshot['phase']> = new Set([
  'progressing',
  'paused',
  'awaiting-promotion',
]);

export class AlertService {
  private readonly readings = new Map<string, Reading>();
  private readonly firingListeners = new Set<(alert: Alert) => void>();
  private readonly problems: string[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private running = false;

  constructor(private readonly deps: AlertServiceDeps) {
    for (const { source } of deps.sources) this.readings.set(source.name, { alerts: [] });
    if (deps.history.problem) this.problems.push(deps.history.problem);
  }

  /** Reads every source on its own beat; returns the function that stops it. */
  start(): () => void {
    this.running = true;
    for (const polled of this.deps.sources) {
      const beat = (): void => {
        void this.poll(polled.source.name).finally(() => {
          if (!this.running) return;
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            beat();
          }, polled.pollMs);
          // The beat never keeps a CLI command alive.
          timer.unref?.();
          this.timers.add(timer);
        });
      };
      beat();
    }
    return () => this.stop();
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Reads every source once now (a CLI command, a test); concurrent callers share a read. */
  async pollAll(): Promise<void> {
    await Promise.all(this.deps.sources.map((s) => this.poll(s.source.name)));
  }

  onNewFiring(listener: (alert: Alert) => void): () => void {
    this.firingListeners.add(listener);
    return () => this.firingListeners.delete(listener);
  }

  private poll(name: string): Promise<void> {
    const reading = this.readings.get(name);
    const polled = this.deps.sources.find((s) => s.source.name === name);
    if (!reading || !polled) return Promise.resolve();
    reading.polling ??= (async () => {
      try {
        const alerts = await polled.source.list();
        const now = this.deps.clock.now();
        const changed = signature(alerts) !== signature(reading.alerts) || reading.error !== undefined;
        reading.alerts = alerts;
        reading.at = now;
        delete reading.error;
        const fresh = this.deps.history.observe(
          name,
          alerts.filter((a) => a.state === 'firing'),
          now,
        );
        const saveProblem = this.deps.history.save();
        if (saveProblem && !this.problems.includes(saveProblem)) this.problems.push(saveProblem);
        for (const alert of fresh) for (const listener of this.firingListeners) listener(alert);
        if (changed || fresh.length > 0) this.deps.publish({ type: 'alerts' });
      } catch (error) {
        const had = reading.error;
        reading.error = errorText(error);
        if (had === undefined) this.deps.publish({ type: 'alerts' });
      }
    })().finally(() => {
      delete reading.polling;
    });
    return reading.polling;
  }

  private sourceStatus(polled: PolledSource): AlertSourceStatus {
    const reading = this.readings.get(polled.source.name) ?? { alerts: [] };
    const now = this.deps.clock.now();
    const age = reading.at === undefined ? undefined : now - reading.at;
    const stale = reading.error !== undefined || age === undefined || age > polled.staleAfterMs;
    return {
      name: polled.source.name,
      kind: polled.source.kind,
      ok: reading.error === undefined && reading.at !== undefined,
      ...(reading.at === undefined ? {} : { asOf: isoTime(reading.at) }),
      ...(age === undefined ? {} : { ageMs: age }),
      ...(reading.error === undefined ? {} : { error: reading.error }),
      stale,
    };
  }

  overview(): AlertsOverview {
    const sources = this.deps.sources.map((s) => this.sourceStatus(s));
    const alerts: AlertWithPlaybook[] = [];
    for (const status of sources) {
      const reading = this.readings.get(status.name);
      for (const alert of reading?.alerts ?? []) alerts.push(this.withPlaybook(alert, status));
    }
    alerts.sort(
      (a, b) =>
        Number(a.state !== 'firing') - Number(b.state !== 'firing') ||
        (SEVERITY_ORDER[a.severity ?? ''] ?? 4) - (SEVERITY_ORDER[b.severity ?? ''] ?? 4) ||
        b.startsAt.localeCompare(a.startsAt),
    );
    return {
      alerts,
      sources,
      problems: [...this.problems, ...this.deps.playbooks.list().problems],
      coverage: this.coverage(),
    };
  }

  private withPlaybook(alert: Alert, status: AlertSourceStatus): AlertWithPlaybook {
    const playbook = this.deps.playbooks.forAlert(alert.name);
    const runbook = alert.annotations.runbook_url;
    return {
      ...alert,
      ...(playbook ? { playbook } : {}),
      countermeasures: (playbook?.countermeasures ?? []).map((c) => this.resolve(c, alert)),
      ...(runbook && /^https?:\/\//.test(runbook) ? { runbookUrl: runbook } : {}),
      ...(status.stale
        ? {
            stale: {
              asOf: status.asOf ?? '',
              ageMs: status.ageMs ?? 0,
              reason: status.error ?? `not read for ${Math.round((status.ageMs ?? 0) / 1000)} s`,
            },
          }
        : {}),
    };
  }

  /** The rollout a countermeasure acts on now: the newest in flight of its service and environment. */
  private resolve(c: ResolvedCountermeasure, alert: Alert): ResolvedCountermeasure {
    const environment = c.environment ?? alert.environment;
    const service = c.service ?? alert.service;
    const resolved: ResolvedCountermeasure = {
      ...c,
      ...(environment ? { environment } : {}),
      ...(service ? { service } : {}),
    };
    if (c.action === 'pause-all') return resolved;
    if (!service) return { ...resolved, unavailable: 'the alert names no service (no service label)' };
    const candidates = this.deps
      .rollouts()
      .filter(
        (r) =>
          r.service === service &&
          (environment === undefined || r.environment === environment) &&
          IN_FLIGHT.has(r.phase),
      )
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const newest = candidates[0];
    if (newest) return { ...resolved, rollout: newest.id };
    return {
      ...resolved,
      unavailable: `no rollout of ${service}${environment ? ` in ${environment}` : ''} is in flight`,
    };
  }

  coverage(): PlaybookCoverage {
    const since = this.deps.clock.now() - HISTORY_DAYS * 86_400_000;
    const names = this.deps.history.namesSince(since);
    const withPlaybook = names.filter((n) => this.deps.playbooks.forAlert(n) !== undefined);
    const withoutPlaybook = names.filter((n) => this.deps.playbooks.forAlert(n) === undefined);
    return {
      days: HISTORY_DAYS,
      withPlaybook,
      withoutPlaybook,
      ...(names.length > 0 ? { ratio: withPlaybook.length / names.length } : {}),
    };
  }

  spans(from: number, to: number): AlertSpan[] {
    return this.deps.history.between(from, to);
  }

  /** Silences one alert (every label matched exactly) until `until`, audited with the reason. */
  async silence(input: { id: string; until: string; reason: string }, actor: string): Promise<SilenceResult> {
    const alert = this.find(input.id);
    const source = this.deps.sources.find((s) => s.source.name === alert.connection)?.source;
    if (!source) throw new ApiError('not-found', `No alert source named "${alert.connection}"`);
    const now = this.deps.clock.now();
    const until = Date.parse(input.until);
    if (!(until > now))
      throw new ApiError('invalid-input', `until must be in the future (it is ${input.until})`, 'until');
    const matchers = Object.entries(alert.labels).map(([name, value]) => ({
      name,
      value,
      isRegex: false,
      isEqual: true,
    }));
    let silenceId: string;
    try {
      silenceId = await source.silence({
        matchers,
        startsAt: isoTime(now),
        endsAt: isoTime(until),
        createdBy: actor,
        comment: input.reason,
      });
    } catch (error) {
      throw new ApiError(
        'backend-error',
        `${alert.name} was not silenced: ${errorText(error)}. Nothing was done.`,
      );
    }
    let auditSeq: number;
    try {
      auditSeq = this.deps.record({
        actor,
        kind: INCIDENT_AUDIT_KINDS.silenced,
        target: alert.id,
        reason: input.reason,
        details: {
          silenceId,
          alert: alert.name,
          connection: alert.connection,
          endsAt: isoTime(until),
          matchers,
        },
      });
    } catch (error) {
      throw new ApiError(
        'unavailable',
        `${alert.name} was silenced in ${alert.connection} (silence ${silenceId}, until ${isoTime(until)}), but the audit log could not record it: ${errorText(error)}. Expire the silence there if it must not stand unrecorded.`,
      );
    }
    void this.poll(alert.connection);
    return { silenceId, alert: alert.id, endsAt: isoTime(until), auditSeq };
  }

  private find(id: string): Alert {
    for (const reading of this.readings.values()) {
      const alert = reading.alerts.find((a) => a.id === id);
      if (alert) return alert;
    }
    throw new ApiError(
      'not-found',
      `No alert with id "${id}". List them with: control-room alerts list`,
      'id',
    );
  }
}

function signature(alerts: readonly Alert[]): string {
  return alerts
    .map((a) => `${a.id}:${a.state}`)
    .sort()
    .join(',');
}
