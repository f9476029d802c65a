// The load generator's status file (resources/sandbox/load-generator.mjs writes it every second):
// the error rate users of the sandbox saw, in all, over the last seconds, and by version and server.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const tally = z.object({
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** errors / requests; null before the first request. */
  errorRate: z.number().nullable(),
});

export const loadStatusSchema = z.object({
  pid: z.number().int().positive(),
  target: z.string(),
  ratePerSecond: z.number(),
  startedAt: z.string(),
  updatedAt: z.string(),
  inFlight: z.number().int(),
  total: tally.extend({ dropped: z.number().int().nonnegative() }),
  recent: tally.extend({ seconds: z.number(), byVersion: z.record(z.string(), tally) }),
  byVersion: z.record(z.string(), tally),
  byServer: z.record(z.string(), tally),
});
export type LoadStatus = z.output<typeof loadStatusSchema>;

export function readLoadStatus(path: string): LoadStatus {
  return loadStatusSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
