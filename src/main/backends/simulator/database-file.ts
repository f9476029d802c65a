// The schema of the simulator's database file (resources/demo-databases.yaml): tables with row
// counts and backfill progress, indexes, constraints, which services connect. Enough to answer every
// built-in check template, so demo plans and drills work without PostgreSQL.
import { z } from 'zod';

const count = z.number().int().min(0);

const columnSchema = z
  .object({
    nullable: z.boolean().default(true),
    /** Rows in which the column is set; default: all of them. */
    filled: count.optional(),
    /** Filled rows whose value disagrees with the column it is copied from. */
    drift: count.default(0),
  })
  .strict();

export const simulatedDatabaseSchema = z
  .object({
    tables: z.record(
      z.string(),
      z.object({ rows: count, columns: z.record(z.string(), columnSchema) }).strict(),
    ),
    /** Backfill jobs running since the simulator started. */
    backfills: z
      .array(
        z.object({ table: z.string(), column: z.string(), rowsPerSecond: z.number().positive() }).strict(),
      )
      .default([]),
    indexes: z
      .record(z.string(), z.object({ table: z.string(), valid: z.boolean().default(true) }).strict())
      .default({}),
    constraints: z
      .record(z.string(), z.object({ table: z.string(), validated: z.boolean().default(true) }).strict())
      .default({}),
    /** Services whose instances connect with application_name "<service>/<version>". */
    clients: z.array(z.string()).default([]),
    /** Connections per environment of a client service at full traffic. */
    connectionsPerEnvironment: z.number().int().min(1).default(8),
    longTransactions: z.array(z.object({ ageSec: z.number().min(0) }).strict()).default([]),
    blockedSessions: count.default(0),
    /** Canned first rows for hand-written queries, by their text (whitespace-insensitive). */
    queries: z
      .record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])))
      .default({}),
  })
  .strict();

export const databaseFileSchema = z
  .object({ databases: z.record(z.string(), simulatedDatabaseSchema) })
  .strict();

export type SimulatedDatabaseSpec = z.output<typeof simulatedDatabaseSchema>;
export type DatabaseFile = z.output<typeof databaseFileSchema>;
