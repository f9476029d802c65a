// The canary analysis part of the API contract: every analysis run of a rollout, and judging a
// chosen window on demand.
import { z } from 'zod';
import { rolloutIdSchema } from './rollout-api';
import type { JudgeReport } from '../canary';

export type AnalysisTrigger = 'step' | 'background' | 'manual';
/** What the rollout did because of the verdict. */
export type AnalysisDecision = 'continue' | 'pause' | 'abort' | 'none';

export interface CanaryAnalysis {
  /** 1-based, per rollout, in the order the runs were judged. */
  index: number;
  rolloutId: string;
  /** The analysis step judged, or null for background and on-demand runs. */
  stepIndex: number | null;
  trigger: AnalysisTrigger;
  window: { from: string; to: string };
  baselineVersion: string;
  canaryVersion: string;
  judgedAt: string;
  actor: string;
  decision: AnalysisDecision;
  /** The audit record of this run. */
  auditSeq: number;
  report: JudgeReport;
}

const rolloutId = rolloutIdSchema;

export const canaryApiInputSchemas = {
  /** Every analysis run of the rollout, newest first. */
  'canary.analyses': z.object({ id: rolloutId }).strict(),
  /**
   * Judge a window now: `windowSec` seconds ending at `to` (default: now). Recorded, but changes
   * nothing about the rollout.
   */
  'canary.judge': z
    .object({
      id: rolloutId,
      windowSec: z.number().int().min(60).max(86_400).default(600),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
} as const;

export const canaryOperatorMethods = ['canary.judge'] as const;

export interface CanaryApiOutputs {
  'canary.analyses': CanaryAnalysis[];
  'canary.judge': CanaryAnalysis;
}
