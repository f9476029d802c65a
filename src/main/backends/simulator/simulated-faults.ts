// The faults a drill injects into the simulator, each in effect over a window of simulated time so
// history stays consistent: a metric read of any past window sees the fault exactly where it was.
import type { MetricName } from '../../../shared/domain';
import type { DrillWorld } from '../../core/drills/drill-world';
import type { FaultEffect, Inject } from '../../core/drills/scenario-schema';

const EFFECT_METRICS: Record<FaultEffect, MetricName[]> = {
  'error-rate': ['errorRate'],
  latency: ['latencyP50', 'latencyP90', 'latencyP99'],
  saturation: ['cpu'],
};

interface Window {
  id: string;
  from: number;
  to: number;
}

interface MetricFault extends Window {
  service: string;
  environment?: string;
  /** Absent: every version. */
  versions?: string[];
  metrics: Map<MetricName, number>;
  /** A slow leak: the factor grows by `growth` per `everyMs` since `from`. */
  leak?: { growth: number; everyMs: number };
}

const inWindow = (w: Window, at: number) => at >= w.from && at < w.to;

/** What a flag-flip inject needs of the simulator's flags (simulated-flags.ts). */
export interface DrillFlags {
  flip(
    key: string,
    environment: string,
    setting: { enabled?: boolean; rolloutPercent?: number },
    by: string,
    at: number,
  ): boolean;
  share(key: string, environment: string, at: number): number;
}

export class SimulatedFaults implements DrillWorld {
  private readonly metricFaults: MetricFault[] = [];
  private readonly outages: Window[] = [];
  private readonly refusedWrites: Window[] = [];
  private readonly failingRollbacks: (Window & { rollout: string; message: string })[] = [];
  /** Injects with nothing to do in the simulator (an alert): only their window is kept. */
  private readonly signals: Window[] = [];
  /** The alert injects, for the drill's alert source (participants see them under Alerts). */
  private readonly alerts: (Window & { inject: Extract<Inject, { kind: 'alert' }> })[] = [];
  /** Flags the scenario turned on: in effect while the flag stays on (until someone kills it). */
  private readonly flagFlips: (Window & { flag: string; environment: string })[] = [];
  private flags: DrillFlags | undefined;

  /** The simulator's flags, which a flag-flip inject turns on (they exist only once it is built). */
  useFlags(flags: DrillFlags): void {
    this.flags = flags;
  }

  inject(inject: Inject, at: number): void {
    const window = {
      id: inject.id,
      from: at,
      to: inject.duration === undefined ? Infinity : at + inject.duration,
    };
    const effects = (list: readonly FaultEffect[], factor: number) =>
      new Map(list.flatMap((e) => EFFECT_METRICS[e].map((m) => [m, factor] as const)));
    const where = (environment: string | undefined) => (environment === undefined ? {} : { environment });
    switch (inject.kind) {
      case 'metric-fault':
        this.metricFaults.push({
          ...window,
          service: inject.service,
          ...where(inject.environment),
          ...(inject.version === undefined ? {} : { versions: [inject.version] }),
          metrics: effects([inject.effect], inject.factor),
        });
        return;
      case 'slow-leak':
        this.metricFaults.push({
          ...window,
          service: inject.service,
          ...where(inject.environment),
          ...(inject.version === undefined ? {} : { versions: [inject.version] }),
          metrics: effects(inject.effects, 1),
          leak: { growth: inject.growth, everyMs: inject.every },
        });
        return;
      case 'config-push':
        this.metricFaults.push({
          ...window,
          service: inject.service,
          ...where(inject.environment),
          metrics: effects([inject.effect], inject.factor),
        });
        return;
      case 'migration-phase':
        this.metricFaults.push({
          ...window,
          service: inject.service,
          ...where(inject.environment),
          versions: inject.breaks,
          metrics: effects(['error-rate'], inject.factor),
        });
        return;
      case 'database-failover':
        for (const service of inject.services)
          this.metricFaults.push({
            ...window,
            service,
            environment: inject.environment,
            metrics: new Map([
              ...effects(['error-rate'], inject.factor),
              ...effects(['latency'], Math.max(1, inject.factor / 4)),
            ]),
          });
        return;
      case 'metrics-outage':
        this.outages.push(window);
        return;
      case 'deploy-writes-refused':
        this.refusedWrites.push(window);
        return;
      case 'rollback-fails':
        this.failingRollbacks.push({ ...window, rollout: inject.rollout, message: inject.message });
        return;
      case 'flag-flip': {
        if (!this.flags) throw new Error(`inject ${inject.id}: this drill's world has no flags to flip`);
        const { flag, environment, rolloutPercent, by } = inject;
        this.flags.flip(flag, environment, { enabled: true, rolloutPercent }, by, at);
        this.flagFlips.push({ ...window, flag, environment });
        return;
      }
      case 'alert': {
        const signal = { ...window, inject };
        this.signals.push(signal);
        this.alerts.push(signal);
        return;
      }
    }
  }

  end(injectId: string, at: number): boolean {
    let ended = false;
    for (const f of this.flagFlips)
      if (f.id === injectId && this.flagOn(f, at)) {
        this.flags?.flip(f.flag, f.environment, { enabled: false }, 'drill-facilitator', at);
        ended = true;
      }
    for (const list of [
      this.metricFaults,
      this.outages,
      this.refusedWrites,
      this.failingRollbacks,
      this.signals,
    ])
      for (const w of list as Window[])
        if (w.id === injectId && inWindow(w, at)) {
          w.to = at;
          ended = true;
        }
    return ended;
  }

  active(injectId: string, at: number): boolean {
    if (this.flagFlips.some((f) => f.id === injectId && this.flagOn(f, at))) return true;
    return [this.metricFaults, this.outages, this.refusedWrites, this.failingRollbacks, this.signals].some(
      (list) => (list as Window[]).some((w) => w.id === injectId && inWindow(w, at)),
    );
  }

  private flagOn(f: Window & { flag: string; environment: string }, at: number): boolean {
    return inWindow(f, at) && (this.flags?.share(f.flag, f.environment, at) ?? 0) > 0;
  }

  /** The factor every fault in effect multiplies one metric of one version by, at `at`. */
  factor(service: string, environment: string, version: string, metric: MetricName, at: number): number {
    let product = 1;
    for (const f of this.metricFaults) {
      if (f.service !== service || !inWindow(f, at)) continue;
      if (f.environment !== undefined && f.environment !== environment) continue;
      if (f.versions !== undefined && !f.versions.includes(version)) continue;
      const base = f.metrics.get(metric);
      if (base === undefined) continue;
      product *= f.leak ? 1 + (f.leak.growth * (at - f.from)) / f.leak.everyMs : base;
    }
    return product;
  }

  /** The metrics backend does not answer at `at`, and keeps no samples of that time. */
  /** The injected alerts firing at `at`, with when each began. */
  firingAlerts(at: number): { inject: Extract<Inject, { kind: 'alert' }>; since: number }[] {
    return this.alerts.filter((w) => inWindow(w, at)).map((w) => ({ inject: w.inject, since: w.from }));
  }

  metricsDown(at: number): boolean {
    return this.outages.some((w) => inWindow(w, at));
  }

  writesRefused(at: number): boolean {
    return this.refusedWrites.some((w) => inWindow(w, at));
  }

  /** Why an abort (rollback) of the rollout fails at `at`, if it does. */
  rollbackFailure(rollout: string, at: number): string | undefined {
    return this.failingRollbacks.find((w) => w.rollout === rollout && inWindow(w, at))?.message;
  }
}
