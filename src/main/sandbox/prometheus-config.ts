// The sandbox's prometheus.yml: every demo instance scraped every 5 s (job "demo"; the instances
// label their own series with service, environment, version and server), and HAProxy's exporter.
import { stringify } from 'yaml';

export const SCRAPE_INTERVAL_S = 5;

export function prometheusConfig(instancePorts: number[], haproxyStatsPort: number): string {
  const config = {
    global: {
      scrape_interval: `${SCRAPE_INTERVAL_S}s`,
      scrape_timeout: `${SCRAPE_INTERVAL_S - 1}s`,
      evaluation_interval: `${SCRAPE_INTERVAL_S}s`,
    },
    scrape_configs: [
      { job_name: 'demo', static_configs: [{ targets: instancePorts.map((p) => `127.0.0.1:${p}`) }] },
      { job_name: 'haproxy', static_configs: [{ targets: [`127.0.0.1:${haproxyStatsPort}`] }] },
    ],
  };
  return `# Written by control-room sandbox up; rewritten at every start.\n${stringify(config)}`;
}
