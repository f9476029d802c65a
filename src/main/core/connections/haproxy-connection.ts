// An HAProxy-fronted fleet as a deployment connection. HAProxy has no idea of a rollout: the control
// room is the controller, and each service here says which HAProxy backend serves it, how its
// servers map to versions, its strategy, and which metrics connection judges it.
import { z } from 'zod';
import { durationSchema } from '../config/duration';
import { connectionNameSchema } from './connection-name';

const localName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

export const haproxyServiceSchema = z
  .object({
    service: localName,
    environment: localName,
    /** The HAProxy backend (proxy) whose servers run this service. */
    backend: z.string().min(1),
    /** Server name → version. Or versionPattern, a regex with a named group `version`. */
    servers: z.record(z.string().min(1), z.union([z.string(), z.number()]).transform(String)).optional(),
    versionPattern: z.string().min(1).optional(),
    /** The rollout strategy and its steps, as in a fleet file. */
    strategy: z.enum(['canary', 'shedding', 'rolling', 'blueGreen']).default('canary'),
    steps: z.array(z.record(z.string(), z.unknown())).min(1).optional(),
    /** The metrics connection that judges this service's canaries. */
    metrics: connectionNameSchema.optional(),
  })
  .strict()
  .refine((s) => (s.servers === undefined) !== (s.versionPattern === undefined), {
    message: 'give either servers (server → version) or versionPattern, exactly one',
    path: ['servers'],
  });

export const haproxyConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('haproxy'),
    /** The Runtime API (stats socket at admin level): a unix socket path, or tcp://host:port. */
    socket: z.string().min(1),
    timeout: durationSchema.default(3_000),
    services: z.array(haproxyServiceSchema).min(1),
  })
  .strict();
export type HaproxyConnection = z.output<typeof haproxyConnectionSchema>;
