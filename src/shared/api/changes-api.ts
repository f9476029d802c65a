// The what-changed part of the API contract: every change across every connection in a time range,
// one lane per service × environment with its error-rate burn, and the firing alerts on the same axis.
import { z } from 'zod';
import type { AlertSpan } from '../alerts';
import type { Change } from '../changes';
import { text } from './text-input';

export const CHANGE_WINDOWS = ['15m', '1h', '6h', '24h'] as const;
export type ChangeWindow = (typeof CHANGE_WINDOWS)[number];
export const CHANGE_WINDOW_MS: Record<ChangeWindow, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
};

/** One bucket of a lane's error rate (a ratio); null where the version served nothing. */
export interface BurnPoint {
  time: string;
  stable: number | null;
  canary: number | null;
}

export interface ChangeLane {
  service: string;
  environment: string;
  /** The rollout the lane reads its metrics from, when the fleet has one. */
  rollout?: string;
  /** The error rate, bucketed; or why it cannot be read now (never drawn as a flat zero). */
  burn: { points: BurnPoint[] } | { unavailable: string };
  /** The last change before an alert began or the error rate rose in this lane, and why. */
  suspect?: { changeId: string; why: string };
}

export interface ChangesListResult {
  from: string;
  to: string;
  /** Newest first. */
  changes: Change[];
  lanes: ChangeLane[];
  alerts: AlertSpan[];
  /** Set when the alert sources could not be read: the alerts shown are not the whole story. */
  alertsUnavailable?: string;
  /** Everyone who made a change in the range (before the actor filter), for the filter menu. */
  actors: string[];
  /** Every connection, environment and service of the fleet, for the filter menus. */
  facets: { connections: string[]; environments: string[]; services: string[] };
  /** Set when the range held more changes than one answer carries: the newest are kept. */
  truncated?: { total: number; kept: number };
}

const filter = () => text().max(200).optional();

export const changesApiInputSchemas = {
  /** A window ending now, or an explicit from/to (ISO 8601); default the last hour. */
  'changes.list': z
    .object({
      window: z.enum(CHANGE_WINDOWS).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      connection: filter(),
      environment: filter(),
      service: filter(),
      actor: filter(),
    })
    .strict()
    .refine((q) => q.window === undefined || (q.from === undefined && q.to === undefined), {
      message: 'give a window or from/to, not both',
      path: ['window'],
    })
    .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
      message: 'from must not be after to',
      path: ['from'],
    }),
} as const;

export interface ChangesApiOutputs {
  'changes.list': ChangesListResult;
}

export const changesOperatorMethods = [] as const;
