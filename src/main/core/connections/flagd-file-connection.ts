// A flagd flag-definition file a team keeps in git, as a flags connection: one file is one
// environment, edited in place by the control room with the same audit trail as Unleash.
import { z } from 'zod';
import { connectionNameSchema } from './connection-name';

export const flagdFileConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('flagd-file'),
    /** The file, relative to the workspace folder or absolute. */
    path: z.string().min(1, 'must name the flag file, e.g. flags/production.flagd.json'),
    /** The one environment the file's flags are (a flagd file has no environments of its own). */
    environment: z.string().trim().min(1, 'must name the environment the file serves, e.g. production'),
  })
  .strict();
export type FlagdFileConnection = z.output<typeof flagdFileConnectionSchema>;
