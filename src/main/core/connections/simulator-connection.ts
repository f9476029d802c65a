// A simulated fleet as a connection. Its rollouts are judged by its own simulated metrics unless
// `metrics` names a metrics connection.
import { z } from 'zod';
import { connectionNameSchema } from './connection-name';

export const simulatorConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('simulator'),
    /** A fleet file, relative to the workspace; the built-in demo fleet when absent. */
    fleet: z.string().min(1).optional(),
    /** Same seed, same world; the top-level simulator.seed when absent. */
    seed: z.number().int().optional(),
    /** A metrics connection to judge this fleet with instead of its own simulated metrics. */
    metrics: connectionNameSchema.optional(),
  })
  .strict();
export type SimulatorConnection = z.output<typeof simulatorConnectionSchema>;
