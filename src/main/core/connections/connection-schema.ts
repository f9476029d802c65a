// `connections:` in config.yaml: every backend the control room talks to, by name. Deployment
// connections (simulator, haproxy, argo-rollouts) make up the fleet; metrics connections
// (prometheus) judge it; flags connections (unleash, flagd-file) hold feature flags. Names are unique and every `metrics:` reference names a metrics connection.
import { z } from 'zod';
import { alertmanagerConnectionSchema } from './alertmanager-connection';
import { argoRolloutsConnectionSchema } from './argo-rollouts-connection';
import { flagdFileConnectionSchema } from './flagd-file-connection';
import { haproxyConnectionSchema } from './haproxy-connection';
import { prometheusConnectionSchema } from './prometheus-connection';
import { simulatorConnectionSchema } from './simulator-connection';
import { unleashConnectionSchema } from './unleash-connection';

export const connectionSchema = z.discriminatedUnion('kind', [
  simulatorConnectionSchema,
  prometheusConnectionSchema,
  haproxyConnectionSchema,
  argoRolloutsConnectionSchema,
  alertmanagerConnectionSchema,
  unleashConnectionSchema,
  flagdFileConnectionSchema,
]);
export type ConnectionConfig = z.output<typeof connectionSchema>;
export type ConnectionKind = ConnectionConfig['kind'];

export const DEPLOYMENT_KINDS: ReadonlySet<ConnectionKind> = new Set([
  'simulator',
  'haproxy',
  'argo-rollouts',
]);
export const METRICS_KINDS: ReadonlySet<ConnectionKind> = new Set(['prometheus', 'simulator']);
/** Alert sources; the simulator raises alerts from its own metrics. */
export const ALERT_KINDS: ReadonlySet<ConnectionKind> = new Set(['alertmanager', 'simulator']);

/** Feature flag sources; the simulator has simulated flags. */
export const FLAGS_KINDS: ReadonlySet<ConnectionKind> = new Set(['unleash', 'flagd-file', 'simulator']);

export const connectionsSchema = z.array(connectionSchema).superRefine((list, ctx) => {
  const byName = new Map<string, ConnectionConfig>();
  list.forEach((c, i) => {
    if (byName.has(c.name))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'name'],
        message: `"${c.name}" is the name of another connection`,
      });
    byName.set(c.name, c);
  });
  const checkMetrics = (ref: string | undefined, path: (string | number)[]) => {
    if (ref === undefined) return;
    const target = byName.get(ref);
    if (!target) ctx.addIssue({ code: 'custom', path, message: `no connection named "${ref}"` });
    else if (target.kind !== 'prometheus' && target.kind !== 'simulator')
      ctx.addIssue({
        code: 'custom',
        path,
        message: `"${ref}" is a ${target.kind} connection, not a metrics one`,
      });
  };
  list.forEach((c, i) => {
    if (c.kind === 'simulator' || c.kind === 'argo-rollouts') checkMetrics(c.metrics, [i, 'metrics']);
    if (c.kind === 'haproxy')
      c.services.forEach((s, j) => checkMetrics(s.metrics, [i, 'services', j, 'metrics']));
  });
});
