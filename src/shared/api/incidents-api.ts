// The incidents and release-freeze part of the API contract.
import { z } from 'zod';
import { SEVERITIES, type Freeze, type Incident } from '../incidents';
import { inviteeName } from './rollout-api';
import { text } from './text-input';

const incidentId = text()
  .trim()
  .regex(/^INC-[1-9][0-9]*$/i, 'must be an incident id such as INC-3')
  .transform((id) => id.toUpperCase());

export const incidentsApiInputSchemas = {
  'incidents.list': z.object({}).strict(),
  'incidents.get': z.object({ id: incidentId }).strict(),
  /** Declares an incident: releases freeze everywhere until it is resolved with a root cause. */
  'incidents.declare': z
    .object({
      title: text().trim().min(1, 'an incident needs a title: what is broken').max(200),
      severity: z.enum(SEVERITIES),
      /** Who leads the response; the caller when absent. */
      commander: inviteeName.optional(),
    })
    .strict(),
  /**
   * Resolves it and lifts its freeze. `rca` (a root-cause note or a link) is checked by the core, so
   * that a resolve without one is refused with a record of the refusal.
   */
  'incidents.resolve': z.object({ id: incidentId, rca: text().max(4000).optional() }).strict(),
  /** Every freeze in force now, with its reason, source, reopen time and environments. */
  'freeze.status': z.object({}).strict(),
} as const;

export interface FreezeStatus {
  frozen: boolean;
  freezes: Freeze[];
}

export interface IncidentsApiOutputs {
  'incidents.list': Incident[];
  'incidents.get': Incident;
  'incidents.declare': Incident;
  'incidents.resolve': Incident;
  'freeze.status': FreezeStatus;
}

export const incidentsOperatorMethods = ['incidents.declare', 'incidents.resolve'] as const;
