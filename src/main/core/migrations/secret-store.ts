// Where secrets live when they are not in an environment variable: database passwords and
// connection secrets (a Prometheus token). The OS keychain of the desktop app (Electron
// safeStorage), a 0600 secrets file in browser mode and the CLI. Never in config.yaml.
export interface SecretStore {
  /** In words, for messages: "the OS keychain". */
  readonly name: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Forgets the key; nothing happens when it is not there. */
  delete(key: string): Promise<void>;
}
