// The Settings screen's Test of an HAProxy connection, through the same Runtime API client and state
// parser the fleet uses: that the socket answers, at admin level (weights cannot be set below it),
// and that every configured backend exists with the servers config.yaml maps to versions.
import type { ConnectionCheck } from '../../../shared/api';
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { HaproxyConnection } from '../../core/connections/haproxy-connection';
import { isStaticAlgorithm, parseLiveState, type LiveBackend } from '../haproxy/haproxy-state';
import { RuntimeApi } from '../haproxy/runtime-api';
import { serverVersions } from '../haproxy/weight-plan';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function serviceCheck(
  service: HaproxyConnection['services'][number],
  live: LiveBackend | undefined,
  all: string[],
): ConnectionCheck {
  const name = `Backend ${service.backend}`;
  const serving = `for ${service.service} in ${service.environment}`;
  if (!live)
    return {
      name,
      ok: false,
      detail: `HAProxy has no backend ${service.backend} (${serving}; it has ${all.join(', ') || 'none'})`,
    };
  let versions: Map<string, string>;
  try {
    versions = serverVersions(service, live);
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  // Canary and shedding need weights between 0% and 100%; a static algorithm takes only those two.
  if (service.strategy !== 'blueGreen' && isStaticAlgorithm(live.algo, service.hashType))
    return {
      name,
      ok: false,
      detail: `balances by ${live.algo}, a static algorithm: HAProxy only takes weights of 0% or 100% there, so a ${service.strategy} cannot run (${serving})`,
    };
  const up = [...versions.keys()].filter((s) => live.servers.get(s)?.up).length;
  return {
    name,
    ok: true,
    detail: `${plural(versions.size, 'server')}, ${up} up, ${plural(new Set(versions.values()).size, 'version')} (${serving})`,
  };
}

export const haproxyProbe: ConnectionProbe<HaproxyConnection> = async (c, health) => {
  const api = new RuntimeApi(c.socket, health, c.timeout);
  const info = await api.send('show info');
  const version = /^Version: (.+)$/m.exec(info)?.[1];
  if (!version)
    throw new Error(`${c.socket} answered, but not as HAProxy's Runtime API does: ${info.slice(0, 120)}`);
  const level = (await api.send('show cli level')).trim();
  const checks: ConnectionCheck[] = [
    { name: 'Runtime API answers', ok: true, detail: `HAProxy ${version}` },
    {
      name: 'Admin level',
      ok: level === 'admin',
      detail:
        level === 'admin'
          ? 'admin: weights and server states can be set'
          : `${level}: the control room needs "level admin" on this stats socket to set weights`,
    },
  ];
  // Below admin level HAProxy still shows state, so the services are checked either way.
  const live = parseLiveState(await api.send('show servers state'), await api.send('show stat'));
  const names = [...live.keys()];
  for (const service of c.services) checks.push(serviceCheck(service, live.get(service.backend), names));
  return checks;
};
