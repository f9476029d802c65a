// The feature flags part of the API contract: every flag per environment from every flags
// connection, one flag with what the room recorded of it, a change (enable, the kill switch, a
// rollout share) and a before/after comparison of a metric around a flip, judged like a canary.
import { z } from 'zod';
import type { JudgeReport } from '../canary';
import type { Change } from '../changes';
import type { FlagChangeResult, FlagList, FlagRow } from '../flags';
import { text } from './text-input';

const flagKey = text()
  .trim()
  .min(1, 'must name a flag')
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
    'must be a flag key: letters, digits, dot, dash, colon or underscore',
  );
const environment = text().trim().min(1, 'must name an environment').max(100);
const connection = text().trim().min(1).max(100);

export const flagChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enable') }).strict(),
  z.object({ kind: z.literal('disable') }).strict(),
  z
    .object({
      kind: z.literal('set-rollout'),
      percent: z
        .number({ error: 'percent must be a whole number from 0 to 100' })
        .int('percent must be a whole number from 0 to 100')
        .min(0, 'percent must be from 0 to 100')
        .max(100, 'percent must be from 0 to 100'),
      groupId: text().trim().min(1).max(100).optional(),
    })
    .strict(),
]);

export const flagsApiInputSchemas = {
  /** Every flag in every (or one) environment; `changedWithinSec` keeps those changed that recently. */
  'flags.list': z
    .object({
      environment: environment.optional(),
      changedWithinSec: z
        .number()
        .int()
        .min(1)
        .max(30 * 86400)
        .optional(),
    })
    .strict(),
  /** One flag in one environment, with the changes the room recorded for it (newest first). */
  'flags.show': z.object({ flag: flagKey, environment, connection: connection.optional() }).strict(),
  /**
   * Changes a flag. `expected` is the flag's `version` the caller decided on: refused with what
   * changed when the flag moved since (absent: the CLI reads it first). Refused by a release freeze
   * except `disable`, the kill switch. Idempotent by key and by state (`already`).
   */
  'flags.change': z
    .object({
      flag: flagKey,
      environment,
      connection: connection.optional(),
      change: flagChangeSchema,
      expected: text().min(1).max(200).optional(),
      reason: text().trim().max(2000).optional(),
      idempotencyKey: text().min(8).max(200),
    })
    .strict(),
  /**
   * A metric of the services the flag touches, before and after a flip (the change recorded at
   * `auditSeq`, or the flag's last), judged with the canary judge; or flag-on vs flag-off cohorts
   * when the metrics carry the flag.
   */
  'flags.compare': z
    .object({
      flag: flagKey,
      environment,
      connection: connection.optional(),
      auditSeq: z.number().int().min(1).optional(),
      windowSec: z.number().int().min(60).max(86400).default(600),
    })
    .strict(),
} as const;

export interface FlagDetail {
  flag: FlagRow;
  /** Stale flag: the backend's last answer; see `flag.stale`/`asOf`. Changes from the audit log. */
  changes: Change[];
}

export interface FlagComparison {
  flag: string;
  environment: string;
  /** `before-after` around a flip, or `cohorts` (flag-on vs flag-off) when the metrics carry the flag. */
  mode: 'before-after' | 'cohorts';
  /** The flip compared around (absent for cohorts). */
  flip?: { at: string; auditSeq?: number; summary: string };
  /** One report per service the flag touches: "baseline" is before (or off), "canary" after (or on). */
  reports: { service: string; report: JudgeReport }[];
  /** Why a comparison could not be made (no flip yet, too little data after it), in words. */
  problem?: string;
}

export interface FlagsApiOutputs {
  'flags.list': FlagList;
  'flags.show': FlagDetail;
  'flags.change': FlagChangeResult & { auditSeq?: number };
  'flags.compare': FlagComparison;
}

export const flagsOperatorMethods = ['flags.change'] as const;
