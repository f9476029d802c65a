// The sandbox's haproxy.cfg: one frontend for the service, one backend whose servers are the demo
// instances (health-checked every second, roundrobin so weights can move), a stats page with
// HAProxy's Prometheus exporter, and the Runtime API at admin level on a 0600 unix socket.
import { SANDBOX_BACKEND, type SandboxInstanceSpec } from './sandbox-topology';

export interface HaproxyConfigInput {
  socket: string;
  frontendPort: number;
  statsPort: number;
  servers: { spec: SandboxInstanceSpec; port: number }[];
}

export function haproxyConfig(input: HaproxyConfigInput): string {
  const servers = input.servers.map(
    ({ spec, port }) => `  server ${spec.name} 127.0.0.1:${port} check weight ${spec.weight}`,
  );
  return [
    '# Written by control-room sandbox up; rewritten at every start.',
    'global',
    `  stats socket ${input.socket} mode 600 level admin`,
    '  stats timeout 30s',
    // Without SO_REUSEPORT a port someone else holds fails the bind instead of sharing its traffic.
    '  noreuseport',
    '  nbthread 1',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout http-request 10s',
    '  default-server inter 1s fall 2 rise 1',
    '',
    'frontend sandbox',
    `  bind 127.0.0.1:${input.frontendPort}`,
    // The demo service's fault switch is for `control-room sandbox fault`, not for users.
    '  http-request deny deny_status 404 if { path_beg /_control }',
    `  default_backend ${SANDBOX_BACKEND}`,
    '',
    `backend ${SANDBOX_BACKEND}`,
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    '  http-check expect status 200',
    ...servers,
    '',
    'listen stats',
    `  bind 127.0.0.1:${input.statsPort}`,
    '  http-request use-service prometheus-exporter if { path /metrics }',
    '  stats enable',
    '  stats uri /',
    '  stats refresh 2s',
    '',
  ].join('\n');
}
