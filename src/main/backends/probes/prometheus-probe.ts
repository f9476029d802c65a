// The Settings screen's Test of a Prometheus connection, through the same HTTP client the metrics
// backend uses (credentials, redirects refused, Prometheus's own words on failure): its build info.
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { PrometheusConnection } from '../../core/connections/prometheus-connection';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import { PrometheusHttp } from '../prometheus/prometheus-http';

export function prometheusProbe(secrets: SecretResolver): ConnectionProbe<PrometheusConnection> {
  return async (c, health) => {
    const http = new PrometheusHttp(c, secrets, health);
    const data = (await http.call('test', 'api/v1/status/buildinfo', [], 'GET')) as
      { version?: unknown } | undefined;
    if (typeof data?.version !== 'string')
      throw new Error(`${c.url} did not answer as the Prometheus HTTP API does: is this Prometheus?`);
    const credential = c.bearerToken ? 'bearer token' : c.basicAuth ? 'basic auth' : undefined;
    return [
      { name: 'API answers', ok: true, detail: `Prometheus ${data.version}` },
      ...(credential ? [{ name: 'Credentials', ok: true, detail: `${credential} accepted` }] : []),
    ];
  };
}
