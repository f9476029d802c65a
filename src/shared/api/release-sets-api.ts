// The release sets part of the API contract: the sets defined, one set with its runs, and starting,
// pausing (every member), resuming and aborting (every member, reverse order) a set in one environment.
import { z } from 'zod';
import type { ReleaseSetRun, ReleaseSetSummary } from '../release-sets';
import { text } from './text-input';

const setName = text()
  .trim()
  .min(1, 'must name a release set')
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a set name: letters, digits, dot, dash or underscore');
const environment = text().trim().min(1, 'must name an environment').max(100);
const act = z
  .object({
    set: setName,
    environment,
    reason: text().trim().max(2000).optional(),
    idempotencyKey: text().min(8).max(200),
  })
  .strict();

export const releaseSetsApiInputSchemas = {
  'sets.list': z.object({}).strict(),
  /** One set with its run in each environment (or in one). */
  'sets.show': z.object({ set: setName, environment: environment.optional() }).strict(),
  /** Starts the set's first member; later members start as their gates hold. Refused by a freeze. */
  'sets.start': act,
  /** Pauses every member that is rolling out, first to last; no member starts until resumed. */
  'sets.pause': act,
  'sets.resume': act,
  /** Aborts every started member, last to first, and stops the set. */
  'sets.abort': act,
} as const;

export interface ReleaseSetsApiOutputs {
  'sets.list': ReleaseSetSummary[];
  'sets.show': ReleaseSetSummary;
  'sets.start': ReleaseSetRun;
  'sets.pause': ReleaseSetRun;
  'sets.resume': ReleaseSetRun;
  'sets.abort': ReleaseSetRun;
}

export const releaseSetsOperatorMethods = ['sets.start', 'sets.pause', 'sets.resume', 'sets.abort'] as const;
