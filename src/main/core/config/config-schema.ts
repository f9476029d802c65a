// config.yaml in the workspace folder. Strict: an unknown key is an error, not silently ignored.
import { z } from 'zod';
import { text } from '../../../shared/api/text-input';
import { connectionsSchema } from '../connections/connection-schema';
import { databaseProfileSchema } from './database-profile';
import { freezeWindowsSchema } from '../freeze-windows/freeze-window-schema';
import { releaseSetsSchema } from '../release-sets/set-definition-schema';

export const configSchema = z
  .object({
    /** Name written to the audit log for actions taken here; defaults to the OS user. */
    actor: text().min(1).max(100).optional(),
    /**
     * Every backend, by name. Without it, one simulator named "simulator" (configured under
     * `simulator:`) is the whole fleet, as before connections existed.
     */
    connections: connectionsSchema.optional(),
    simulator: z
      .object({
        seed: z.number().int().default(42),
        /** Simulated seconds per real second. */
        speed: z.number().min(0.1).max(3600).default(1),
        /** A fleet file; the built-in demo fleet when absent. */
        fleet: z.string().min(1).optional(),
        /** The simulated databases migration checks run against; the built-in demo ones when absent. */
        databases: z.string().min(1).optional(),
      })
      .strict()
      .default({ seed: 42, speed: 1 }),
    /** PostgreSQL connection profiles for migration checks, by the name plans use. */
    databases: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), databaseProfileSchema).default({}),
    /** Scheduled release freezes (deny windows), one-off or weekly, per environment. */
    freezeWindows: freezeWindowsSchema.default([]),
    /** Components released together, in order, with gates between them (more in the workspace's sets/). */
    releaseSets: releaseSetsSchema,
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(0),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 0 }),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
