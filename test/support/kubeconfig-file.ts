// Real kubeconfig files for tests (clusters, users, contexts as kubectl writes them) and an exec
// credential plugin that prints a client.authentication.k8s.io/v1 ExecCredential, for the three ways
// @kubernetes/client-node authenticates: bearer token, client certificate, exec plugin.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigUser {
  token?: string;
  certFile?: string;
  keyFile?: string;
  exec?: { command: string; args?: string[]; env?: { name: string; value: string }[] };
}

export interface KubeconfigContext {
  name: string;
  user: KubeconfigUser;
  namespace?: string;
  /** The API server's URL; the test server's own by default. */
  server?: string;
  /** The CA to trust; the test server's own by default. */
  certificateAuthority?: string;
  insecureSkipTlsVerify?: boolean;
}

function userEntry(user: KubeconfigUser): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  if (user.token !== undefined) entry.token = user.token;
  if (user.certFile) entry['client-certificate'] = user.certFile;
  if (user.keyFile) entry['client-key'] = user.keyFile;
  if (user.exec)
    entry.exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: user.exec.command,
      ...(user.exec.args ? { args: user.exec.args } : {}),
      ...(user.exec.env ? { env: user.exec.env } : {}),
      interactiveMode: 'Never',
      provideClusterInfo: false,
    };
  return entry;
}

/** Writes a kubeconfig with one cluster and one user per context, named after the context. */
export function writeKubeconfigFile(
  path: string,
  defaults: { server: string; certificateAuthority: string },
  contexts: KubeconfigContext[],
  currentContext?: string,
): void {
  if (contexts.length === 0) throw new Error('a kubeconfig needs at least one context');
  const current = currentContext ?? (contexts[0] as KubeconfigContext).name;
  if (!contexts.some((c) => c.name === current))
    throw new Error(`current context "${current}" is not one of ${contexts.map((c) => c.name).join(', ')}`);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: contexts.map((c) => ({
      name: `${c.name}-cluster`,
      cluster: {
        server: c.server ?? defaults.server,
        ...(c.insecureSkipTlsVerify
          ? { 'insecure-skip-tls-verify': true }
          : { 'certificate-authority': c.certificateAuthority ?? defaults.certificateAuthority }),
      },
    })),
    users: contexts.map((c) => ({ name: `${c.name}-user`, user: userEntry(c.user) })),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: {
        cluster: `${c.name}-cluster`,
        user: `${c.name}-user`,
        ...(c.namespace ? { namespace: c.namespace } : {}),
      },
    })),
    'current-context': current,
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}

export interface ExecCredentialOptions {
  /** `status.expirationTimestamp`: until then @kubernetes/client-node reuses the credential. */
  expirationTimestamp?: string;
  /** Fail as a broken or expired plugin does: this exit code, this on stderr. */
  exitCode?: number;
  stderr?: string;
}

let scripts = 0;

/** Writes an executable node script printing an ExecCredential with `token`; returns its path. */
export function writeExecCredentialScript(
  dir: string,
  token: string,
  options: ExecCredentialOptions = {},
): string {
  const credential = {
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    status: {
      token,
      ...(options.expirationTimestamp ? { expirationTimestamp: options.expirationTimestamp } : {}),
    },
  };
  const body =
    options.exitCode !== undefined && options.exitCode !== 0
      ? `process.stderr.write(${JSON.stringify(options.stderr ?? 'credential plugin failed')});\nprocess.exit(${options.exitCode});`
      : `process.stdout.write(${JSON.stringify(JSON.stringify(credential))});`;
  const path = join(dir, `exec-credential-${(scripts += 1)}-${process.pid}.cjs`);
  writeFileSync(path, `#!${process.execPath}\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
