// The drills part of the API contract: the live drill of a drill room (status; the facilitator's
// controls and live injects), the scenarios a workspace has, and its drill history and reports.
// A live inject's shape is the scenario schema's to check (core), so it crosses here as an object.
import { z } from 'zod';
import type {
  DrillActionView,
  DrillHistory,
  DrillInjectView,
  DrillReport,
  DrillStatus,
  ScenarioSummary,
} from '../drills';
import type { DrillServerView, StartedDrill } from '../drill-servers';
import { inviteeName, ROLES } from './rollout-api';
import { text } from './text-input';

const runId = text().trim().min(1).max(200);

export const drillsApiInputSchemas = {
  /** The live drill of this room; null when the room is not a drill's. */
  'drill.status': z.object({}).strict(),
  /** The facilitator's controls (anyone else is refused). */
  'drill.control': z
    .object({
      command: z.enum(['start', 'pause', 'step', 'reset', 'end']),
    })
    .strict(),
  'drill.speed': z.object({ speed: z.number().min(1).max(60) }).strict(),
  /** An extra inject, now (the facilitator only); checked against the scenario's inject schema. */
  'drill.inject': z.object({ inject: z.record(z.string(), z.unknown()) }).strict(),
  /** A participant (any operator) reverts a config push the drill made: the fix has no deploy either. */
  'drill.revertConfig': z
    .object({ config: text().trim().min(1).max(200), reason: text().max(2000).optional() })
    .strict(),
  'drills.scenarios': z.object({}).strict(),
  'drills.history': z
    .object({ scenario: text().max(100).optional(), team: text().max(100).optional() })
    .strict(),
  'drills.report': z.object({ id: runId }).strict(),
  /** A drill room in its own process (what `serve --drill` runs); the caller is its facilitator. */
  'drills.start': z
    .object({
      scenario: text().trim().min(1).max(200),
      seed: z.number().int().optional(),
      speed: z.number().min(1).max(60).optional(),
      team: text().trim().min(1).max(100).optional(),
      invite: z
        .array(z.object({ name: inviteeName, role: z.enum(ROLES) }).strict())
        .max(50)
        .optional(),
    })
    .strict()
    .superRefine((input, ctx) => {
      // Each URL signs in one person: a name twice would be two people acting as one.
      const seen = new Set<string>();
      input.invite?.forEach((i, n) => {
        if (seen.has(i.name))
          ctx.addIssue({
            code: 'custom',
            path: ['invite', n, 'name'],
            message: `${i.name} is invited twice`,
          });
        seen.add(i.name);
      });
    }),
  /** The drill rooms this control room started that are still running. */
  'drills.running': z.object({}).strict(),
  /** Ends a drill room this control room started (the one who started it only). */
  'drills.stop': z.object({ pid: z.number().int().positive() }).strict(),
} as const;

export interface DrillsApiOutputs {
  'drill.status': DrillStatus | null;
  'drill.control': DrillStatus;
  'drill.speed': DrillStatus;
  'drill.inject': DrillInjectView;
  'drill.revertConfig': DrillActionView;
  'drills.scenarios': ScenarioSummary[];
  'drills.history': DrillHistory;
  'drills.report': DrillReport;
  'drills.start': StartedDrill;
  'drills.running': DrillServerView[];
  'drills.stop': { pid: number; stopped: true };
}

export const drillsOperatorMethods = [
  'drill.control',
  'drill.speed',
  'drill.inject',
  'drill.revertConfig',
  'drills.start',
  'drills.stop',
] as const;
