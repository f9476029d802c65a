// The connections part of the API contract: each connection's health line.
import { z } from 'zod';
import type { ConnectionStatus } from '../connections';

export const connectionsApiInputSchemas = {
  /** Every connection's health line, deployment and metrics, in config order. */
  'connections.status': z.object({}).strict(),
} as const;

export const connectionsOperatorMethods = [] as const;

export interface ConnectionsApiOutputs {
  'connections.status': ConnectionStatus[];
}
