// The Settings screen's Test of a Prometheus connection: its build-info endpoint, with the
// connection's credentials. A refused credential or a redirect is a failure that says so; the
// credential itself never reaches a message.
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { PrometheusConnection } from '../../core/connections/prometheus-connection';
import type { SecretResolver } from '../../core/connections/secret-resolver';

const errorText = (error: unknown): string => {
  // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, …).
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
};

async function authorization(c: PrometheusConnection, secrets: SecretResolver): Promise<string | undefined> {
  if (c.bearerToken) return `Bearer ${await secrets.resolve(c.bearerToken, `${c.name}: bearerToken`)}`;
  if (!c.basicAuth) return undefined;
  const password = await secrets.resolve(c.basicAuth.password, `${c.name}: basicAuth.password`);
  return `Basic ${Buffer.from(`${c.basicAuth.user}:${password}`).toString('base64')}`;
}

export function prometheusProbe(secrets: SecretResolver): ConnectionProbe<PrometheusConnection> {
  return async (c, signal) => {
    const auth = await authorization(c, secrets);
    const url = new URL('api/v1/status/buildinfo', c.url.endsWith('/') ? c.url : `${c.url}/`);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', ...(auth ? { authorization: auth } : {}) },
        // A redirect could carry the credential elsewhere: give the final URL instead.
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw new Error(`${url.origin}: ${errorText(error)}`, { cause: error });
    }
    if (response.status >= 300 && response.status < 400)
      throw new Error(
        `${url.href} redirects (HTTP ${response.status}) to ${response.headers.get('location') ?? 'elsewhere'}: give that URL instead`,
      );
    if (response.status === 401 || response.status === 403)
      throw new Error(
        `${url.origin} refused ${auth ? 'the credentials' : 'a call without credentials'} (HTTP ${response.status}): check ${c.bearerToken ? 'bearerToken' : 'basicAuth'}`,
      );
    if (!response.ok) throw new Error(`${url.href} answered HTTP ${response.status}: is this Prometheus?`);
    const body = (await response.json().catch(() => undefined)) as
      { status?: string; data?: { version?: string } } | undefined;
    if (body?.status !== 'success')
      throw new Error(`${url.href} did not answer as the Prometheus HTTP API does: is this Prometheus?`);
    return [
      { name: 'API answers', ok: true, detail: `Prometheus ${body.data?.version ?? '(version unknown)'}` },
      ...(auth
        ? [
            {
              name: 'Credentials',
              ok: true,
              detail: `${c.bearerToken ? 'bearer token' : 'basic auth'} accepted`,
            },
          ]
        : []),
    ];
  };
}
