// The connections a config describes: its `connections:` list, or the one implicit simulator a
// config without one runs (configured under `simulator:`). The fleet and the Settings screen's tests
// both start from this, so they never disagree about what exists.
import type { Config } from '../config/config-schema';
import { DEFAULT_SIMULATOR } from './connection-name';
import type { ConnectionConfig } from './connection-schema';

export function configuredConnections(config: Config): ConnectionConfig[] {
  if (config.connections) return config.connections;
  return [
    {
      name: DEFAULT_SIMULATOR,
      kind: 'simulator',
      ...(config.simulator.fleet ? { fleet: config.simulator.fleet } : {}),
      seed: config.simulator.seed,
    },
  ];
}
