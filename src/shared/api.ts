// The one API contract behind Electron IPC, browser-mode HTTP/WebSocket and the CLI's --connect.
// Every input is parsed with these schemas at the boundary; outputs are plain JSON. Each feature
// keeps its part in src/shared/api/; this file joins them.
import type { z } from 'zod';
import { rolloutApiInputSchemas, rolloutOperatorMethods, type RolloutApiOutputs } from './api/rollout-api';
import {
  migrationsApiInputSchemas,
  migrationsOperatorMethods,
  type MigrationsApiOutputs,
} from './api/migrations-api';
import { canaryApiInputSchemas, canaryOperatorMethods, type CanaryApiOutputs } from './api/canary-api';
import { alertsApiInputSchemas, alertsOperatorMethods, type AlertsApiOutputs } from './api/alerts-api';
import {
  connectionsApiInputSchemas,
  connectionsOperatorMethods,
  type ConnectionsApiOutputs,
} from './api/connections-api';
import {
  postmortemApiInputSchemas,
  postmortemOperatorMethods,
  type PostmortemApiOutputs,
} from './api/postmortem-api';
import {
  deliveryApiInputSchemas,
  deliveryOperatorMethods,
  type DeliveryApiOutputs,
} from './api/delivery-api';
import {
  pauseAllApiInputSchemas,
  pauseAllOperatorMethods,
  type PauseAllApiOutputs,
} from './api/pause-all-api';
import {
  notificationsApiInputSchemas,
  notificationsOperatorMethods,
  type NotificationsApiOutputs,
} from './api/notifications-api';
import {
  incidentsApiInputSchemas,
  incidentsOperatorMethods,
  type IncidentsApiOutputs,
} from './api/incidents-api';
import { changesApiInputSchemas, changesOperatorMethods, type ChangesApiOutputs } from './api/changes-api';
import {
  freezeWindowsApiInputSchemas,
  freezeWindowsOperatorMethods,
  type FreezeWindowsApiOutputs,
} from './api/freeze-windows-api';
import { drillsApiInputSchemas, drillsOperatorMethods, type DrillsApiOutputs } from './api/drills-api';
import { flagsApiInputSchemas, flagsOperatorMethods, type FlagsApiOutputs } from './api/flags-api';
import {
  releaseSetsApiInputSchemas,
  releaseSetsOperatorMethods,
  type ReleaseSetsApiOutputs,
} from './api/release-sets-api';

export * from './api/rollout-api';
export * from './api/migrations-api';
export * from './api/canary-api';
export * from './api/connections-api';
export * from './api/postmortem-api';
export * from './api/delivery-api';
export * from './api/pause-all-api';
export * from './api/notifications-api';
export * from './api/incidents-api';
export * from './api/changes-api';
export * from './api/freeze-windows-api';
export * from './api/drills-api';
export * from './api/flags-api';
export * from './api/release-sets-api';
export * from './api/event-stream';
export * from './api/alerts-api';

export const apiInputSchemas = {
  ...rolloutApiInputSchemas,
  ...migrationsApiInputSchemas,
  ...canaryApiInputSchemas,
  ...connectionsApiInputSchemas,
  ...alertsApiInputSchemas,
  ...postmortemApiInputSchemas,
  ...deliveryApiInputSchemas,
  ...pauseAllApiInputSchemas,
  ...notificationsApiInputSchemas,
  ...incidentsApiInputSchemas,
  ...changesApiInputSchemas,
  ...freezeWindowsApiInputSchemas,
  ...drillsApiInputSchemas,
  ...flagsApiInputSchemas,
  ...releaseSetsApiInputSchemas,
} as const;

export type ApiOutputs = RolloutApiOutputs &
  MigrationsApiOutputs &
  CanaryApiOutputs &
  ConnectionsApiOutputs &
  AlertsApiOutputs &
  PostmortemApiOutputs &
  DeliveryApiOutputs &
  PauseAllApiOutputs &
  NotificationsApiOutputs &
  IncidentsApiOutputs &
  ChangesApiOutputs &
  FreezeWindowsApiOutputs &
  DrillsApiOutputs &
  FlagsApiOutputs &
  ReleaseSetsApiOutputs;

export type ApiMethod = keyof typeof apiInputSchemas;
export const API_METHODS = Object.keys(apiInputSchemas) as ApiMethod[];
/** What a caller passes (defaults may be omitted). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputSchemas)[M]>;
/** What a handler receives after parsing. */
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiInputSchemas)[M]>;
export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

/** Methods that change something: observers may not call them. */
export const OPERATOR_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  ...rolloutOperatorMethods,
  ...migrationsOperatorMethods,
  ...canaryOperatorMethods,
  ...connectionsOperatorMethods,
  ...alertsOperatorMethods,
  ...postmortemOperatorMethods,
  ...deliveryOperatorMethods,
  ...pauseAllOperatorMethods,
  ...notificationsOperatorMethods,
  ...incidentsOperatorMethods,
  ...changesOperatorMethods,
  ...freezeWindowsOperatorMethods,
  ...drillsOperatorMethods,
  ...flagsOperatorMethods,
  ...releaseSetsOperatorMethods,
]);

export const API_ERROR_CODES = [
  'invalid-input',
  'not-found',
  'precondition-failed',
  'forbidden',
  'unauthorized',
  'backend-error',
  /** The control room cannot write its audit log or its world right now; nothing was done. */
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one is to blame. */
  field?: string;
}

/** What every transport returns: errors are data, so they survive IPC and HTTP unchanged. */
export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export const HTTP_STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  'invalid-input': 400,
  'not-found': 404,
  'precondition-failed': 409,
  forbidden: 403,
  unauthorized: 401,
  'backend-error': 502,
  unavailable: 503,
  internal: 500,
};
