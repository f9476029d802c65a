// A flags backend narrowed to some environments (an `unleash` connection's `environments:`): the
// others are neither listed nor changed, as if the backend had none of them.
import { FlagNotFound, type FlagsBackend } from './flags-backend';

export function environmentsOnly(backend: FlagsBackend, environments: readonly string[]): FlagsBackend {
  const shown = new Set(environments);
  const refuse = (key: string, environment: string): never => {
    throw new FlagNotFound(
      `${backend.name} shows only ${[...shown].join(', ')}, not ${environment} (flag ${key})`,
    );
  };
  return {
    name: backend.name,
    kind: backend.kind,
    get problem() {
      return backend.problem;
    },
    ...(backend.timeoutMs === undefined ? {} : { timeoutMs: backend.timeoutMs }),
    ...(backend.pollIntervalMs === undefined ? {} : { pollIntervalMs: backend.pollIntervalMs }),
    async list(environment) {
      if (environment !== undefined && !shown.has(environment)) return [];
      return (await backend.list(environment)).filter((f) => shown.has(f.environment));
    },
    async get(key, environment) {
      return shown.has(environment) ? backend.get(key, environment) : undefined;
    },
    enable: (key, environment, options) =>
      shown.has(environment) ? backend.enable(key, environment, options) : refuse(key, environment),
    disable: (key, environment, options) =>
      shown.has(environment) ? backend.disable(key, environment, options) : refuse(key, environment),
    setRollout: (key, environment, options) =>
      shown.has(environment) ? backend.setRollout(key, environment, options) : refuse(key, environment),
  };
}
