// The Settings screen's Test of an argo-rollouts connection, through the same kubeconfig loading and
// API client the fleet uses: the kubeconfig and context, the API server's version with these
// credentials, and whether rollouts, ReplicaSets and AnalysisRuns may be listed where they are watched.
import type { ConnectionCheck } from '../../../shared/api';
import type { ArgoRolloutsConnection } from '../../core/connections/argo-rollouts-connection';
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { KubeList } from '../argo-rollouts/kube-client';
import { openKubeClient } from '../argo-rollouts/open-argo-connection';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function argoRolloutsProbe(workspaceDir: string): ConnectionProbe<ArgoRolloutsConnection> {
  return async (c, health) => {
    const client = openKubeClient(c, workspaceDir, health);
    const version = await client.request<{ gitVersion?: string }>('GET', '/version');
    const checks: ConnectionCheck[] = [
      {
        name: 'Kubeconfig',
        ok: true,
        detail: `${client.kubeconfig.path}, context ${client.kubeconfig.context}, ${client.server}`,
      },
      {
        name: 'API server answers',
        ok: true,
        detail: `Kubernetes ${version.gitVersion ?? '(version not given)'}`,
      },
    ];
    const scopes: (string | undefined)[] = c.namespaces ?? [undefined];
    for (const namespace of scopes)
      for (const [group, resource] of [
        ['/apis/argoproj.io/v1alpha1', 'rollouts'],
        ['/apis/apps/v1', 'replicasets'],
        ['/apis/argoproj.io/v1alpha1', 'analysisruns'],
      ] as const) {
        const path = namespace ? `${group}/namespaces/${namespace}/${resource}` : `${group}/${resource}`;
        const where = namespace ? `in namespace ${namespace}` : 'in every namespace';
        try {
          const list = await client.request<KubeList>('GET', path);
          checks.push({
            name: `List ${resource} ${where}`,
            ok: true,
            detail: plural(list.items.length, resource.replace(/s$/, '')),
          });
        } catch (error) {
          checks.push({
            name: `List ${resource} ${where}`,
            ok: false,
            detail: error instanceof Error ? error.message : String(error),
          });
        }
      }
    // What the actions need, asked as `kubectl auth can-i` asks: a refusal is known before a person clicks.
    for (const namespace of c.namespaces ?? [client.kubeconfig.namespace ?? 'default'])
      for (const [verb, resource, subresource] of [
        ['patch', 'rollouts', undefined],
        ['patch', 'rollouts', 'status'],
      ] as const) {
        const what = `${verb} ${resource}${subresource ? `/${subresource}` : ''} in namespace ${namespace}`;
        const review = await client.request<{ status?: { allowed?: boolean; reason?: string } }>(
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          {
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: {
                resourceAttributes: {
                  namespace,
                  verb,
                  group: 'argoproj.io',
                  resource,
                  ...(subresource ? { subresource } : {}),
                },
              },
            },
          },
        );
        const allowed = review.status?.allowed === true;
        checks.push({
          name: `May ${what}`,
          ok: allowed,
          detail: allowed
            ? `yes: ${subresource ? 'promote, abort and retry' : 'pause, restart, undo and roll forward'} can be sent`
            : `forbidden: cannot ${what}${review.status?.reason ? ` (${review.status.reason})` : ''}`,
        });
      }
    return checks;
  };
}
