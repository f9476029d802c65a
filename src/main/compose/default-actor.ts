// Who acts when nobody is named: config.yaml's `actor`, else the OS user running the process.
import { userInfo } from 'node:os';
import type { Config } from '../core/config/config-schema';

export function defaultActor(config: Pick<Config, 'actor'>): string {
  if (config.actor) return config.actor;
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}
