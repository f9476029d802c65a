// Where database passwords live when they are not in an environment variable: the OS keychain of the
// desktop app (Electron safeStorage). Never in config.yaml.
export interface SecretStore {
  /** In words, for messages: "the OS keychain". */
  readonly name: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}
