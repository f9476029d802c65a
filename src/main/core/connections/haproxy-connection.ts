// An HAProxy-fronted fleet as a deployment connection. HAProxy has no idea of a rollout: the control
// room is the controller, and each service here says which HAProxy backend serves it, how its
// servers map to versions, its strategy and steps, and which metrics connection judges it.
import { z } from 'zod';
import type { RolloutStep } from '../../../shared/domain';
import { durationSchema } from '../config/duration';
import { stepsSchema } from '../rollouts/rollout-steps';
import { connectionNameSchema } from './connection-name';

const localName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const version = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, 'must look like a version, e.g. 2.4.1'));

export const HAPROXY_STRATEGIES = ['canary', 'shedding', 'rolling', 'blueGreen'] as const;
export type HaproxyStrategy = (typeof HAPROXY_STRATEGIES)[number];

/** The steps a service gets when config.yaml names none. */
export const DEFAULT_STEPS: Record<HaproxyStrategy, RolloutStep[]> = {
  canary: [
    { kind: 'setWeight', weight: 10 },
    { kind: 'pause' },
    { kind: 'setWeight', weight: 50 },
    { kind: 'pause' },
  ],
  shedding: [
    { kind: 'setWeight', weight: 25 },
    { kind: 'pause' },
    { kind: 'setWeight', weight: 50 },
    { kind: 'pause' },
    { kind: 'setWeight', weight: 75 },
    { kind: 'pause' },
  ],
  blueGreen: [{ kind: 'pause' }, { kind: 'switch' }],
  rolling: [{ kind: 'setWeight', weight: 100 }],
};

/** How a rolling upgrade takes servers out of service and brings them back. */
export const upgradeSchema = z
  .object({
    /**
     * The hook that upgrades one server, as argv (no shell), relative to the workspace. It gets
     * HAPROXY_BACKEND, HAPROXY_SERVER, SERVER_ADDRESS, SERVER_PORT, FROM_VERSION, TO_VERSION, SERVICE and
     * ENVIRONMENT in its environment; exit 0 means upgraded. It may run again after a crash.
     */
    command: z.array(z.string().min(1)).min(1),
    /** Versions the hook can install besides those the servers run now (roll forward offers them). */
    versions: z.array(version).default([]),
    /** Servers out of service at once. */
    batch: z.number().int().min(1).default(1),
    /** How long a draining server may keep sessions (scur > 0) before it is put in maintenance. */
    drainTimeout: durationSchema.default(30_000),
    /** How long an upgraded server has to pass its health check. */
    healthTimeout: durationSchema.default(120_000),
    /** How long the hook may run. */
    timeout: durationSchema.default(300_000),
  })
  .strict();
export type UpgradeConfig = z.output<typeof upgradeSchema>;

export const haproxyServiceSchema = z
  .object({
    service: localName,
    environment: localName,
    /** The HAProxy backend (proxy) whose servers run this service. */
    backend: z.string().min(1),
    /** Server name → version. Or versionPattern, a regex with a named group `version`. */
    servers: z.record(z.string().min(1), version).optional(),
    versionPattern: z
      .string()
      .min(1)
      .superRefine((pattern, ctx) => {
        try {
          new RegExp(pattern);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
          return;
        }
        if (!pattern.includes('(?<version>'))
          ctx.addIssue({
            code: 'custom',
            message: 'needs a named group (?<version>…), e.g. ^web-(?<version>[0-9.]+)-[0-9]+$',
          });
      })
      .optional(),
    /** The rollout strategy and its steps, in a fleet file's step syntax. */
    strategy: z.enum(HAPROXY_STRATEGIES).default('canary'),
    steps: stepsSchema.optional(),
    /** A rolling upgrade's hook and pace. */
    upgrade: upgradeSchema.optional(),
    /**
     * For a backend balanced by a hash (source, uri, hdr, …): whether it uses `hash-type consistent`,
     * which HAProxy's Runtime API does not tell. The default, map-based, only takes weights 0%/100%.
     */
    hashType: z.enum(['map-based', 'consistent']).default('map-based'),
    /** The metrics connection that judges this service's canaries. */
    metrics: connectionNameSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.servers === undefined) === (s.versionPattern === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['servers'],
        message: 'give either servers (server → version) or versionPattern, exactly one',
      });
    if (s.servers !== undefined && Object.keys(s.servers).length === 0)
      ctx.addIssue({ code: 'custom', path: ['servers'], message: 'names no server' });
    if (s.strategy === 'rolling') {
      if (!s.upgrade)
        ctx.addIssue({
          code: 'custom',
          path: ['upgrade'],
          message: 'a rolling upgrade needs upgrade: { command: [...] }, the hook that upgrades one server',
        });
      if (s.servers === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['versionPattern'],
          message:
            'a rolling upgrade changes the version a server runs, so it needs servers (server → version), not a naming rule',
        });
      const weights = (s.steps ?? []).filter((x) => x.kind === 'setWeight').map((x) => x.weight);
      if (s.steps && weights.at(-1) !== 100)
        ctx.addIssue({
          code: 'custom',
          path: ['steps'],
          message:
            'the last setWeight of a rolling upgrade must be 100: it completes when every server runs the new version',
        });
    } else if (s.upgrade)
      ctx.addIssue({
        code: 'custom',
        path: ['upgrade'],
        message: `only a rolling upgrade uses it, not ${s.strategy}`,
      });
  })
  .transform((s) => ({ ...s, steps: s.steps ?? DEFAULT_STEPS[s.strategy] }));
export type HaproxyService = z.output<typeof haproxyServiceSchema>;

export const haproxyConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('haproxy'),
    /** The Runtime API (stats socket at admin level): a unix socket path, or tcp://host:port. */
    socket: z
      .string()
      .min(1)
      .refine((s) => !s.includes('://') || /^tcp:\/\/[^/:]+:\d{1,5}$/.test(s), {
        message: 'must be a unix socket path or tcp://host:port',
      }),
    /** Every call to the socket gives up after this long. */
    timeout: durationSchema.default(3_000),
    services: z
      .array(haproxyServiceSchema)
      .min(1)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((s, i) => {
          const id = `${s.service}-${s.environment}`;
          if (seen.has(id))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'environment'],
              message: `${s.service} in ${s.environment} is listed twice`,
            });
          seen.add(id);
        });
      }),
  })
  .strict();
export type HaproxyConnection = z.output<typeof haproxyConnectionSchema>;
