// Pause everything: one confirmed move that pauses every in-flight rollout of the fleet, of one
// environment or of one connection, with a result per rollout.
import { z } from 'zod';
import { text } from './text-input';

const scopeName = text()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a name: letters, digits, dot, dash or underscore');

export const pauseAllRequestSchema = z
  .object({
    /** Only rollouts of this environment; absent: every environment. */
    environment: scopeName.optional(),
    /** Only rollouts of this connection; absent: every connection. */
    connection: scopeName.optional(),
    reason: text().max(2000).optional(),
    /** One per intent: a retried bulk request with the same key applies once. */
    idempotencyKey: text().min(8).max(200),
  })
  .strict();
export type PauseAllRequest = z.infer<typeof pauseAllRequestSchema>;

export const PAUSE_OUTCOMES = ['paused', 'already-paused', 'failed'] as const;
export type PauseOutcome = (typeof PAUSE_OUTCOMES)[number];

export interface PauseAllRolloutResult {
  id: string;
  service: string;
  environment: string;
  connection: string;
  outcome: PauseOutcome;
  /** What the backend said, or why it failed (a backend error, a read-only log, a refusal). */
  message: string;
}

export interface PauseAllResult {
  /** False when this is the answer to a retried request that was already applied. */
  applied: boolean;
  scope: { environment?: string; connection?: string };
  results: PauseAllRolloutResult[];
  counts: Record<PauseOutcome, number>;
  /** The bulk record (kind rollouts.pause-all). */
  auditSeq: number;
}

export const pauseAllApiInputSchemas = {
  'rollouts.pauseAll': pauseAllRequestSchema,
} as const;

export interface PauseAllApiOutputs {
  'rollouts.pauseAll': PauseAllResult;
}

export const pauseAllOperatorMethods = ['rollouts.pauseAll'] as const;
