// The delivery-metrics part of the API contract: DORA's five software delivery metrics (dora.dev,
// 2024/2025 definitions) per service and environment over a period, from the audit log.
import { z } from 'zod';

/** A rate with its sample: a rate of 1 out of 2 is not the rate of 50 out of 100. */
export interface SampledRate {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when the denominator is 0. */
  rate: number | null;
  /** Set when the sample is too small to call a rate: say so rather than show a bare percentage. */
  note?: string;
}

/** Durations with how many were measured and how many could not be. */
export interface SampledDuration {
  samples: number;
  /** Median in ms; null without samples. */
  medianMs: number | null;
  /** Cases the log cannot time (no change time known, not recovered yet). */
  unknown: number;
  note?: string;
}

export interface DeliveryDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  deployments: number;
  failed: number;
}

export interface DeliveryFigures {
  deployments: number;
  /** Deployments per day over the period. */
  deploymentFrequency: { perDay: number; perWeek: number; note?: string };
  changeLeadTime: SampledDuration;
  changeFailRate: SampledRate;
  /**
   * The change fail rate's changes split by what changed: rollouts (completed or aborted) and flag
   * changes (an enable or ramp up; failed when it had to be taken back).
   */
  changeSplit: { deploys: { changes: number; failed: number }; flags: { changes: number; failed: number } };
  failedDeploymentRecoveryTime: SampledDuration;
  deploymentReworkRate: SampledRate;
  days: DeliveryDay[];
}

export interface DeliveryGroup extends DeliveryFigures {
  service: string;
  environment: string;
}

export type DeliveryMetricName =
  | 'deploymentFrequency'
  | 'changeLeadTime'
  | 'changeFailRate'
  | 'failedDeploymentRecoveryTime'
  | 'deploymentReworkRate';

export interface DeliveryMetrics {
  since: string;
  until: string;
  groups: DeliveryGroup[];
  /** Every service and environment together. */
  total: DeliveryFigures;
  /** One sentence per metric, as computed here; the view prints each under its chart. */
  definitions: Record<DeliveryMetricName, string>;
}

const time = z.iso.datetime({ offset: true });

export const deliveryApiInputSchemas = {
  /** `since` is a time or a duration back from now ("30d", "12h"); `until` defaults to now. */
  'delivery.metrics': z
    .object({
      since: z
        .union([time, z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a time or a duration like 30d')])
        .default('30d'),
      until: time.optional(),
    })
    .strict(),
} as const;

export const deliveryOperatorMethods = [] as const;

export interface DeliveryApiOutputs {
  'delivery.metrics': DeliveryMetrics;
}
