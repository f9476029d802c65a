// The drill scenario file: briefing, fleet, steady-state hypothesis, timeline of injects, expected
// and forbidden responses, scoring rubric. Checked with zod; cross-field faults (unknown service or
// version, overlapping injects, duplicate ids) carry a path so parseYamlText names their file:line.
import { z } from 'zod';
import { ACTIONS } from '../../../shared/domain';
import { durationSchema, parseDuration } from '../config/duration';

/** What the scenario checks needs to know of a fleet (the simulator's fleet file has more). */
export interface DrillFleet {
  environments: string[];
  services: Record<string, { stable: string; versions: Record<string, unknown> }>;
  rollouts: { service: string; environment: string; canary: string }[];
  /** The fleet's feature flags, for a flag-flip inject and a flag-disable response. */
  flags?: { key: string }[];
}

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const versionText = z.union([z.string(), z.number()]).transform(String);

/** An offset from the drill's start: "0", "90s", "5m"; never negative. */
export const offsetSchema = z.union([z.literal(0), z.string()]).transform((given, ctx) => {
  const text = String(given).trim();
  if (text === '0') return 0;
  if (text.startsWith('-')) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is a negative time: offsets count from the drill's start (0) onwards`,
    });
    return z.NEVER;
  }
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an offset like 0, 90s, 5m or 1h30m` });
    return z.NEVER;
  }
  return ms;
});

/** The metrics a fault can push: error rate, latency (every percentile), saturation (CPU). */
export const FAULT_EFFECTS = ['error-rate', 'latency', 'saturation'] as const;
export type FaultEffect = (typeof FAULT_EFFECTS)[number];

const common = {
  id,
  at: offsetSchema,
  /** How long the fault lasts by itself; absent: until the drill ends (or it is reverted). */
  duration: durationSchema.optional(),
  /** What participants see in the timeline when it happens (the facilitator sees every inject). */
  note: z.string().optional(),
};

const metricFault = z
  .object({
    ...common,
    kind: z.literal('metric-fault'),
    service: id,
    environment: id.optional(),
    version: versionText.optional(),
    effect: z.enum(FAULT_EFFECTS),
    factor: z.number().positive(),
  })
  .strict();

const slowLeak = z
  .object({
    ...common,
    kind: z.literal('slow-leak'),
    service: id,
    environment: id.optional(),
    version: versionText.optional(),
    effects: z.array(z.enum(FAULT_EFFECTS)).min(1).default(['latency', 'saturation']),
    /** The factor grows by `growth` every `every`: 1 at the start, 1 + growth after one `every`. */
    growth: z.number().positive(),
    every: durationSchema,
  })
  .strict();

const metricsOutage = z.object({ ...common, kind: z.literal('metrics-outage') }).strict();

const deployWritesRefused = z.object({ ...common, kind: z.literal('deploy-writes-refused') }).strict();

const rollbackFails = z
  .object({
    ...common,
    kind: z.literal('rollback-fails'),
    rollout: id,
    /** What the deployment backend answers to the abort. */
    message: z.string().default('the previous ReplicaSet failed to start (ImagePullBackOff)'),
  })
  .strict();

const alertFiring = z
  .object({
    ...common,
    kind: z.literal('alert'),
    name: z.string().min(1),
    service: id,
    environment: id,
    summary: z.string().min(1),
  })
  .strict();

const migrationPhase = z
  .object({
    ...common,
    kind: z.literal('migration-phase'),
    migration: id,
    phase: z.enum(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']),
    service: id,
    environment: id.optional(),
    /** The releases that still use the old shape, and fail once it is gone. */
    breaks: z.array(versionText).min(1),
    factor: z.number().positive(),
  })
  .strict();

const configPush = z
  .object({
    ...common,
    kind: z.literal('config-push'),
    service: id,
    environment: id.optional(),
    key: z.string().min(1),
    value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
    effect: z.enum(FAULT_EFFECTS),
    factor: z.number().positive(),
  })
  .strict();

const databaseFailover = z
  .object({
    ...common,
    kind: z.literal('database-failover'),
    database: z.string().min(1),
    services: z.array(id).min(1),
    environment: id,
    duration: durationSchema,
    factor: z.number().positive().default(12),
  })
  .strict();

/** Someone turns a flag on (for a share of users) in an environment; it stays on until turned off. */
const flagFlip = z
  .object({
    ...common,
    kind: z.literal('flag-flip'),
    flag: z.string().min(1),
    environment: id,
    rolloutPercent: z.number().int().min(0).max(100).default(100),
    /** Who the flag's last change names (the Flags view shows it). */
    by: z.string().min(1).default('release-bot'),
  })
  .strict();

const INJECT_SCHEMAS = [
  metricFault,
  slowLeak,
  metricsOutage,
  deployWritesRefused,
  rollbackFails,
  alertFiring,
  migrationPhase,
  configPush,
  databaseFailover,
  flagFlip,
] as const;

export const INJECT_KINDS = INJECT_SCHEMAS.map((s) => s.shape.kind.value);

export const injectSchema = z.discriminatedUnion('kind', INJECT_SCHEMAS, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `an inject needs a kind the simulator can do: ${INJECT_KINDS.join(', ')}`
      : undefined,
});
export type Inject = z.output<typeof injectSchema>;
export type InjectKind = Inject['kind'];

const probeSchema = z
  .object({
    name: z.string().min(1),
    metric: z.enum(['errorRate', 'latencyP50', 'latencyP90', 'latencyP99', 'cpu']),
    service: id,
    environment: id,
    /** The mean over the window of every version serving there must stay within these bounds. */
    max: z.number().optional(),
    min: z.number().optional(),
    window: durationSchema.default(120_000),
  })
  .strict()
  .refine((p) => p.max !== undefined || p.min !== undefined, {
    message: 'a probe needs a tolerance: max, min or both',
  });
export type Probe = z.output<typeof probeSchema>;

const ACTION_NAMES = [...ACTIONS, 'revert-config', 'flag-disable'] as const;
export type DrillActionName = (typeof ACTION_NAMES)[number];

const expectedSchema = z
  .object({
    id,
    /** The inject the response answers; the deadline counts from its time. */
    after: id,
    /** Any one of these actions (succeeded) on the rollout counts. */
    actions: z.array(z.enum(ACTION_NAMES)).min(1),
    rollout: id.optional(),
    /** For revert-config: the config-push inject to revert. */
    config: id.optional(),
    /** For flag-disable: the flag to turn off (the kill switch). */
    flag: z.string().min(1).optional(),
    within: durationSchema,
    why: z.string().min(1),
  })
  .strict();
export type ExpectedResponse = z.output<typeof expectedSchema>;

const forbiddenSchema = z
  .object({
    actions: z.array(z.enum(ACTION_NAMES)).min(1),
    /** Absent: on any rollout. */
    rollout: id.optional(),
    /** The window it is forbidden in: while an inject lasts, or while the steady state is broken. */
    during: id.optional(),
    while: z.literal('steady-state-broken').optional(),
    why: z.string().min(1),
  })
  .strict();
export type ForbiddenAction = z.output<typeof forbiddenSchema>;

const weight = z.number().min(0);
const scoringSchema = z
  .object({
    /** The inject whose detection and mitigation are timed; the first inject when absent. */
    fault: id.optional(),
    detect: z.object({ weight, within: durationSchema }).strict().default({ weight: 20, within: 300_000 }),
    mitigate: z.object({ weight, within: durationSchema }).strict().default({ weight: 30, within: 900_000 }),
    responses: z.object({ weight }).strict().default({ weight: 30 }),
    forbidden: z.object({ weight }).strict().default({ weight: 20 }),
    /** Alerts that fired answered by a step of their playbook; weighs nothing when none fired. */
    playbook: z.object({ weight }).strict().default({ weight: 10 }),
    /** Release-changing actions on rollouts whose release no inject implicates: half the weight each. */
    collateral: z.object({ weight }).strict().default({ weight: 10 }),
  })
  .strict();
export type ScoringRubric = z.output<typeof scoringSchema>;

const DEFAULT_START = '2026-03-04T09:00:00Z';

function scenarioObject<F extends DrillFleet>(fleet: z.ZodType<F>) {
  return z
    .object({
      id,
      title: z.string().min(1),
      briefing: z.string().min(1),
      /** The simulated time the drill starts at (it shapes the daily traffic curve). */
      start: z
        .string()
        .default(DEFAULT_START)
        .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time like 2026-03-04T09:00:00Z')
        .transform((s) => Date.parse(s)),
      /** How long the drill runs in simulated time. */
      duration: durationSchema,
      seed: z.number().int().default(7),
      /** The fleet inline, or `fleetFile` naming a fleet file beside the scenario. */
      fleet: fleet.optional(),
      fleetFile: z.string().min(1).optional(),
      steadyState: z.object({ title: z.string().min(1), probes: z.array(probeSchema).min(1) }).strict(),
      timeline: z.array(injectSchema).min(1),
      expected: z.array(expectedSchema).default([]),
      forbidden: z.array(forbiddenSchema).default([]),
      scoring: scoringSchema.default({
        detect: { weight: 20, within: 300_000 },
        mitigate: { weight: 30, within: 900_000 },
        responses: { weight: 30 },
        forbidden: { weight: 20 },
        playbook: { weight: 10 },
        collateral: { weight: 10 },
      }),
    })
    .strict();
}

export type ScenarioFile<F extends DrillFleet = DrillFleet> = Omit<
  z.output<ReturnType<typeof scenarioObject<F>>>,
  'fleet' | 'fleetFile'
> & { fleet: F };

/** How a scenario's `fleetFile:` is read: the caller parses it (with its own file:line errors). */
export type FleetLoader<F> = (reference: string) => F;

/**
 * The scenario schema over a fleet schema (the simulator's): core knows the drill, the simulator
 * knows the fleet. Every reference is checked against the fleet it resolves to.
 */
export function scenarioSchema<F extends DrillFleet>(fleet: z.ZodType<F>, loadFleet: FleetLoader<F>) {
  return scenarioObject(fleet).transform((s, ctx): ScenarioFile<F> => {
    if ((s.fleet === undefined) === (s.fleetFile === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: s.fleet ? ['fleetFile'] : [],
        message: 'give the fleet either inline (fleet:) or as a file (fleetFile:), exactly one',
      });
      return z.NEVER;
    }
    const resolved = s.fleet ?? loadFleet(s.fleetFile as string);
    const { fleet: _f, fleetFile: _ff, ...rest } = s;
    const scenario = { ...rest, fleet: resolved };
    for (const problem of scenarioProblems(scenario)) ctx.addIssue({ code: 'custom', ...problem });
    return scenario;
  });
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/** Every version the fleet publishes of a service, its canaries included. */
function versionsOf(fleet: DrillFleet, service: string): string[] {
  const profile = fleet.services[service];
  if (!profile) return [];
  const canaries = fleet.rollouts.filter((r) => r.service === service).map((r) => r.canary);
  return [...new Set([profile.stable, ...Object.keys(profile.versions), ...canaries])];
}

/** The local rollout ids of the simulated fleet: one per service and environment. */
export function rolloutIdsOf(fleet: DrillFleet): string[] {
  return Object.keys(fleet.services).flatMap((s) => fleet.environments.map((e) => `${s}-${e}`));
}

/** Which metric target an inject pushes, for the overlap check; undefined for non-metric injects. */
function metricTargets(
  inject: Inject,
): { service: string; environment?: string; versions?: string[]; effects: FaultEffect[] }[] {
  const one = (environment: string | undefined, version: string | undefined) => ({
    ...(environment === undefined ? {} : { environment }),
    ...(version === undefined ? {} : { versions: [version] }),
  });
  switch (inject.kind) {
    case 'metric-fault':
      return [
        { service: inject.service, ...one(inject.environment, inject.version), effects: [inject.effect] },
      ];
    case 'slow-leak':
      return [
        { service: inject.service, ...one(inject.environment, inject.version), effects: inject.effects },
      ];
    case 'config-push':
      return [{ service: inject.service, ...one(inject.environment, undefined), effects: [inject.effect] }];
    case 'migration-phase':
      return [
        {
          service: inject.service,
          ...one(inject.environment, undefined),
          versions: inject.breaks,
          effects: ['error-rate'],
        },
      ];
    case 'database-failover':
      return inject.services.map((service) => ({
        service,
        environment: inject.environment,
        effects: ['error-rate', 'latency'] as FaultEffect[],
      }));
    default:
      return [];
  }
}

/** A key for injects that cannot overlap one another whatever their metric target. */
function exclusiveKey(inject: Inject): string | undefined {
  if (inject.kind === 'metrics-outage' || inject.kind === 'deploy-writes-refused') return inject.kind;
  if (inject.kind === 'rollback-fails') return `rollback-fails:${inject.rollout}`;
  return undefined;
}

const overlaps = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
  a === undefined || b === undefined || a.some((x) => b.includes(x));

export function scenarioProblems(s: ScenarioFile): Problem[] {
  const problems: Problem[] = [];
  const fleet = s.fleet;
  const rollouts = rolloutIdsOf(fleet);
  const service = (name: string, path: (string | number)[]) => {
    if (fleet.services[name]) return true;
    problems.push({
      path,
      message: `unknown service "${name}" (the fleet has ${Object.keys(fleet.services).join(', ')})`,
    });
    return false;
  };
  const environment = (name: string | undefined, path: (string | number)[]) => {
    if (name === undefined || fleet.environments.includes(name)) return;
    problems.push({
      path,
      message: `unknown environment "${name}" (the fleet has ${fleet.environments.join(', ')})`,
    });
  };
  const version = (svc: string, v: string | undefined, path: (string | number)[]) => {
    if (v === undefined || !fleet.services[svc]) return;
    const known = versionsOf(fleet, svc);
    if (!known.includes(v))
      problems.push({ path, message: `${svc} has no version "${v}" (known: ${known.join(', ')})` });
  };
  const rollout = (name: string | undefined, path: (string | number)[]) => {
    if (name === undefined || rollouts.includes(name)) return;
    problems.push({
      path,
      message: `unknown rollout "${name}": rollouts are <service>-<environment>, e.g. ${rollouts[0] ?? '(none)'}`,
    });
  };

  const flags = (fleet.flags ?? []).map((f) => f.key);
  const flag = (key: string | undefined, path: (string | number)[]) => {
    if (key === undefined || flags.includes(key)) return;
    problems.push({
      path,
      message: `unknown flag "${key}" (the fleet has ${flags.length > 0 ? flags.join(', ') : 'no flags'})`,
    });
  };

  s.steadyState.probes.forEach((p, i) => {
    service(p.service, ['steadyState', 'probes', i, 'service']);
    environment(p.environment, ['steadyState', 'probes', i, 'environment']);
  });

  const ids = new Map<string, number>();
  s.timeline.forEach((inject, i) => {
    const at = (field: string) => ['timeline', i, field];
    if (ids.has(inject.id))
      problems.push({
        path: at('id'),
        message: `duplicate inject id "${inject.id}" (also timeline ${ids.get(inject.id)})`,
      });
    else ids.set(inject.id, i);
    if (inject.at >= s.duration)
      problems.push({
        path: at('at'),
        message: `the inject is at or after the drill's end (${s.duration / 60_000}m)`,
      });
    if ('service' in inject && service(inject.service, at('service')) && 'version' in inject)
      version(inject.service, inject.version, at('version'));
    if ('environment' in inject) environment(inject.environment, at('environment'));
    if (inject.kind === 'migration-phase')
      inject.breaks.forEach((v, j) => version(inject.service, v, ['timeline', i, 'breaks', j]));
    if (inject.kind === 'database-failover')
      inject.services.forEach((svc, j) => service(svc, ['timeline', i, 'services', j]));
    if (inject.kind === 'rollback-fails') rollout(inject.rollout, at('rollout'));
    if (inject.kind === 'flag-flip') {
      flag(inject.flag, at('flag'));
      if (inject.duration !== undefined)
        problems.push({
          path: at('duration'),
          message: 'a flipped flag stays on until someone turns it off: drop duration',
        });
    }
  });

  // Two injects on one target at once would make the drill's outcome depend on how they combine.
  const windows = s.timeline.map((inject) => ({
    from: inject.at,
    to: inject.duration === undefined ? Number.POSITIVE_INFINITY : inject.at + inject.duration,
  }));
  s.timeline.forEach((a, i) => {
    for (let j = 0; j < i; j++) {
      const b = s.timeline[j] as Inject;
      const wa = windows[i] as { from: number; to: number };
      const wb = windows[j] as { from: number; to: number };
      if (!(wa.from < wb.to && wb.from < wa.to)) continue;
      const exclusive = exclusiveKey(a) !== undefined && exclusiveKey(a) === exclusiveKey(b);
      const metric = metricTargets(a).some((ta) =>
        metricTargets(b).some(
          (tb) =>
            ta.service === tb.service &&
            (ta.environment === undefined ||
              tb.environment === undefined ||
              ta.environment === tb.environment) &&
            overlaps(ta.versions, tb.versions) &&
            overlaps(ta.effects, tb.effects),
        ),
      );
      if (exclusive || metric)
        problems.push({
          path: ['timeline', i, 'at'],
          message: `inject "${a.id}" overlaps inject "${b.id}" on the same target; give the first a duration that ends before this one starts, or target something else`,
        });
    }
  });

  const injectIds = new Set(s.timeline.map((t) => t.id));
  const injectRef = (name: string | undefined, path: (string | number)[]) => {
    if (name === undefined || injectIds.has(name)) return;
    problems.push({ path, message: `no inject "${name}" in the timeline (${[...injectIds].join(', ')})` });
  };
  const expectedIds = new Set<string>();
  s.expected.forEach((e, i) => {
    if (expectedIds.has(e.id))
      problems.push({ path: ['expected', i, 'id'], message: `duplicate expected response id "${e.id}"` });
    expectedIds.add(e.id);
    injectRef(e.after, ['expected', i, 'after']);
    rollout(e.rollout, ['expected', i, 'rollout']);
    injectRef(e.config, ['expected', i, 'config']);
    flag(e.flag, ['expected', i, 'flag']);
    const onRollout = e.actions.some((a) => a !== 'revert-config' && a !== 'flag-disable');
    if (onRollout && e.rollout === undefined)
      problems.push({ path: ['expected', i], message: 'an expected rollout action needs the rollout' });
    if (e.actions.includes('revert-config') && e.config === undefined)
      problems.push({
        path: ['expected', i],
        message: 'an expected revert-config needs config: <inject id>',
      });
    if (e.actions.includes('flag-disable') && e.flag === undefined)
      problems.push({ path: ['expected', i], message: 'an expected flag-disable needs flag: <flag key>' });
  });
  s.forbidden.forEach((f, i) => {
    rollout(f.rollout, ['forbidden', i, 'rollout']);
    injectRef(f.during, ['forbidden', i, 'during']);
    if (f.during !== undefined && f.while !== undefined)
      problems.push({
        path: ['forbidden', i, 'while'],
        message: 'give the window as during or while, not both',
      });
  });
  injectRef(s.scoring.fault, ['scoring', 'fault']);
  return problems;
}
