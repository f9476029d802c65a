// The Settings screen's Test of a Prometheus connection, through the metrics backend's own client
// (credentials, redirects refused, Prometheus's words on failure): its build info, then every
// metric's PromQL as the judge will run it (validate()), each a check naming the metric and the
// line:col Prometheus gives for a query it cannot parse.
import type { ConnectionCheck } from '../../../shared/api';
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { PrometheusConnection } from '../../core/connections/prometheus-connection';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import { PrometheusHttp } from '../prometheus/prometheus-http';
import { createPrometheusMetrics } from '../prometheus/prometheus-metrics';

/** The metrics configured, as validate() names them: `errorRate`, `cpu of checkout`. */
function configuredMetrics(c: PrometheusConnection): { name: string; path: string }[] {
  return [
    ...Object.keys(c.metrics).map((m) => ({ name: m, path: `metrics.${m}.query` })),
    ...Object.entries(c.services).flatMap(([service, { metrics }]) =>
      Object.keys(metrics).map((m) => ({
        name: `${m} of ${service}`,
        path: `services.${service}.metrics.${m}.query`,
      })),
    ),
  ];
}

export function prometheusProbe(secrets: SecretResolver): ConnectionProbe<PrometheusConnection> {
  return async (c, health) => {
    const http = new PrometheusHttp(c, secrets, health);
    const data = (await http.call('test', 'api/v1/status/buildinfo', [], 'GET')) as
      { version?: unknown } | undefined;
    if (typeof data?.version !== 'string')
      throw new Error(`${c.url} did not answer as the Prometheus HTTP API does: is this Prometheus?`);
    const credential = c.bearerToken ? 'bearer token' : c.basicAuth ? 'basic auth' : undefined;
    const checks: ConnectionCheck[] = [
      { name: 'API answers', ok: true, detail: `Prometheus ${data.version}` },
      ...(credential ? [{ name: 'Credentials', ok: true, detail: `${credential} accepted` }] : []),
    ];
    const problems = await createPrometheusMetrics(c, { secrets, health }).validate();
    const lost = problems.find((p) => p.metric === undefined);
    for (const { name, path } of configuredMetrics(c)) {
      const problem = problems.find((p) => p.path.join('.') === path);
      checks.push({
        name: `Query ${name}`,
        ok: problem === undefined && lost === undefined,
        detail: problem?.message ?? (lost ? `not checked: ${lost.message}` : 'Prometheus runs it'),
      });
    }
    return checks;
  };
}
