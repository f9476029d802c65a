// What the sandbox runs: one service in one environment, its stable version on three instances and
// a new version on one, behind one HAProxy backend. HAProxy server names are the instance names.
export interface SandboxInstanceSpec {
  /** The HAProxy server name, also the `server` label of the instance's metrics. */
  name: string;
  version: string;
  /** HAProxy's initial weight: the new version takes no traffic until a rollout gives it some. */
  weight: number;
}

export const SANDBOX_SERVICE = 'checkout';
export const SANDBOX_ENVIRONMENT = 'sandbox';
/** The HAProxy backend that serves the service. */
export const SANDBOX_BACKEND = 'checkout';
export const STABLE_VERSION = '1.0.0';
export const NEW_VERSION = '1.1.0';
/** Requests per second the load generator sends through HAProxy. */
export const LOAD_RATE = 20;

export const SANDBOX_INSTANCES: readonly SandboxInstanceSpec[] = [
  { name: 'checkout-1', version: STABLE_VERSION, weight: 100 },
  { name: 'checkout-2', version: STABLE_VERSION, weight: 100 },
  { name: 'checkout-3', version: STABLE_VERSION, weight: 100 },
  { name: 'checkout-4', version: NEW_VERSION, weight: 0 },
];
