// A Kubernetes cluster running Argo Rollouts as a deployment connection: one kubeconfig context,
// its namespaces (all the credentials may list when none are named), and the metrics connection that
// judges its canaries when the control room is asked to. Argo's own AnalysisRuns judge them in the cluster.
import { z } from 'zod';
import { durationSchema } from '../config/duration';
import { connectionNameSchema } from './connection-name';

/** A DNS-1123 label, as Kubernetes names namespaces. */
const namespaceName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a Kubernetes namespace name (lower-case letters, digits, dashes)',
  )
  .max(63);

export const argoRolloutsConnectionSchema = z
  .object({
    name: connectionNameSchema,
    kind: z.literal('argo-rollouts'),
    /** The kubeconfig file, relative to the workspace or absolute; default ~/.kube/config. */
    kubeconfig: z.string().min(1).optional(),
    /** The kubeconfig context; default its current-context. */
    context: z.string().min(1).optional(),
    /** The namespaces to watch; default every namespace the credentials may list. */
    namespaces: z
      .array(namespaceName)
      .min(1)
      .refine((list) => new Set(list).size === list.length, { message: 'names a namespace twice' })
      .optional(),
    /** Every call (a list, a patch) gives up after this long. */
    timeout: durationSchema.default(10_000),
    /**
     * A watch that sends nothing (not even a bookmark) for this long is taken as stalled and made
     * again: a half-open connection never closes by itself.
     */
    watchTimeout: durationSchema.default(90_000),
    /** The metrics connection that draws its rollouts' canary charts. */
    metrics: connectionNameSchema.optional(),
  })
  .strict();
export type ArgoRolloutsConnection = z.output<typeof argoRolloutsConnectionSchema>;
