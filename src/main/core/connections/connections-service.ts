// The Settings screen's connections, behind the API: what config.yaml lists with each one's health
// line, testing one, and adding, editing and removing them. A change is checked whole before
// anything is written; secrets go to the secret store and only their references to config.yaml; the
// audit record is the commit point, so when it cannot be written the file and the secrets are put
// back and the answer says nothing was done. Changes run one at a time.
import type {
  ConnectionChangeResult,
  ConnectionKindName,
  ConnectionList,
  ConnectionSuggestions,
  ConnectionTestResult,
  ConnectionView,
  JsonValue,
  SecretField,
  SecretView,
} from '../../../shared/api';
import type { ChangeEvent } from '../../../shared/domain';
import { ApiError } from '../api/api-error';
import type { AuditWriter } from '../audit/audit-writer';
import type { Config } from '../config/config-schema';
import { workspaceConfigSchema } from '../workspace';
import { ConfigConnections, type RawConnection } from './config-connections';
import type { ConnectionDirectory, ReloadOutcome } from './connection-directory';
import { rolesOf } from './connection-roles';
import type { ConnectionKind } from './connection-schema';
import { secretRefsOf } from './secret-fields';
import type { StoringSecretResolver } from './secret-resolver';

export interface ConnectionsServiceOptions {
  configPath: string;
  workspaceDir: string;
  directory: ConnectionDirectory;
  secrets: StoringSecretResolver;
  writer: AuditWriter;
  publish(event: ChangeEvent): void;
}

export interface SaveInput {
  connection: RawConnection;
  replace: boolean;
  secrets: Partial<Record<SecretField, string>>;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What relies on `name`, in words: the canaries its metrics judge. */
function usedBy(name: string, all: RawConnection[]): string[] {
  return all.flatMap((c) => {
    if (c.kind === 'simulator' && c.metrics === name) return [`the canary judge of ${c.name}'s rollouts`];
    if (c.kind !== 'haproxy' || !Array.isArray(c.services)) return [];
    return (c.services as Array<Record<string, unknown>>)
      .filter((s) => s.metrics === name)
      .map((s) => `the canary judge of ${c.name}: ${String(s.service)} in ${String(s.environment)}`);
  });
}

/** What a deployment connection serves, in words. */
function serves(c: RawConnection): string[] {
  if (c.kind === 'simulator')
    return [typeof c.fleet === 'string' ? `the simulated fleet of ${c.fleet}` : 'the built-in demo fleet'];
  if (c.kind !== 'haproxy' || !Array.isArray(c.services)) return [];
  return (c.services as Array<Record<string, unknown>>).map(
    (s) => `${String(s.service)} in ${String(s.environment)} (HAProxy backend ${String(s.backend)})`,
  );
}

/** Secret references named by `{ secret: NAME }` in these connections. */
function storedSecretNames(connections: RawConnection[]): Set<string> {
  return new Set(
    connections.flatMap((c) =>
      secretRefsOf(c.kind, c).flatMap(({ ref }) => ('secret' in ref ? [ref.secret] : [])),
    ),
  );
}

export class ConnectionsService {
  private queue: Promise<unknown> = Promise.resolve();
  /** Connections changed since start that the running control room has not taken up. */
  private readonly pending = new Set<string>();
  private pendingMessage = '';

  constructor(private readonly options: ConnectionsServiceOptions) {}

  private get schema() {
    return workspaceConfigSchema(this.options.workspaceDir);
  }

  async list(): Promise<ConnectionList> {
    const { configPath, directory, secrets } = this.options;
    const statuses = new Map(directory.statuses().map((s) => [s.name, s]));
    let connections: RawConnection[] = [];
    let implicit = false;
    let problem: string | undefined;
    try {
      const file = ConfigConnections.read(configPath);
      ({ connections, implicit } = file.list());
      file.check(this.schema);
    } catch (error) {
      problem = errorText(error).replace(/ Nothing was written: config.yaml is as it was\.$/, '');
    }
    const views: ConnectionView[] = problem
      ? // A file that fails its schema may hold anything a person typed, a secret too: no settings then.
        [...statuses.values()].map((s) => ({
          name: s.name,
          kind: s.kind as ConnectionKindName,
          roles: s.roles,
          implicit: false,
          settings: {},
          secrets: [],
          status: s,
          usedBy: [],
          serves: [],
        }))
      : await Promise.all(
          connections.map(async (c) => {
            const status = statuses.get(c.name);
            return {
              name: c.name,
              kind: c.kind as ConnectionKindName,
              roles: rolesOf(c.kind as ConnectionKind),
              implicit,
              settings: c as { [key: string]: JsonValue },
              secrets: await Promise.all(
                secretRefsOf(c.kind, c).map(async ({ field, ref }): Promise<SecretView> => {
                  const base = {
                    field,
                    from: 'env' in ref ? ('env' as const) : ('secret' as const),
                    ref: 'env' in ref ? ref.env : ref.secret,
                    where: secrets.where(ref),
                  };
                  try {
                    return { ...base, state: (await secrets.isSet(ref)) ? 'set' : 'not set' };
                  } catch (error) {
                    return { ...base, state: 'not set', problem: errorText(error) };
                  }
                }),
              ),
              ...(status ? { status } : {}),
              usedBy: usedBy(c.name, connections),
              serves: serves(c),
            };
          }),
        );
    return {
      connections: views,
      configPath,
      secretStore: secrets.store.name,
      ...(problem ? { problem } : {}),
      ...(this.pending.size > 0
        ? { pending: { names: [...this.pending], message: this.pendingMessage } }
        : {}),
    };
  }

  test(name: string): Promise<ConnectionTestResult> {
    return this.options.directory.test(name);
  }

  async suggest(name: string, label: string): Promise<ConnectionSuggestions> {
    return { name, label, values: await this.options.directory.suggest(name, label) };
  }

  save(input: SaveInput, actor: string): Promise<ConnectionChangeResult> {
    return this.exclusive(async () => {
      this.options.writer.refuseIfReadOnly();
      const { connection } = input;
      const file = ConfigConnections.read(this.options.configPath);
      const before = file.list().connections;
      const index = file.put(connection, input.replace);
      const refs = secretRefsOf(connection.kind, connection);
      const toStore = Object.entries(input.secrets).map(([field, value]) => {
        const ref = refs.find((r) => r.field === field)?.ref;
        if (!ref)
          throw new ApiError(
            'invalid-input',
            `secrets.${field}: ${connection.name} has no ${field} { secret: NAME } to store it under.`,
            `secrets.${field}`,
          );
        if ('env' in ref)
          throw new ApiError(
            'invalid-input',
            `secrets.${field}: ${field} of ${connection.name} comes from the environment variable ${ref.env}; set it there (the control room never writes environment variables), or store it as { secret: NAME }.`,
            `secrets.${field}`,
          );
        return { field, secret: ref.secret, value: value as string };
      });
      const config = file.check(this.schema, index);
      const after = file.list().connections;
      const created = !before.some((c) => c.name === connection.name);
      const old = before.filter((c) => c.name === connection.name);
      const forgotten = this.unreferenced(old, after);
      return this.commit(file, config, connection.name, actor, {
        kind: 'connection.saved',
        secrets: [...toStore, ...forgotten.map((secret) => ({ secret, value: undefined }))],
        details: {
          kind: connection.kind,
          created,
          settings: connection,
          ...(toStore.length > 0 ? { secretsStored: toStore.map((s) => s.field) } : {}),
          ...(forgotten.length > 0 ? { secretsDeleted: forgotten } : {}),
        },
        done: `${created ? 'Added' : 'Saved'} ${connection.name} (${connection.kind}) to config.yaml${
          toStore.length > 0
            ? `; its ${toStore.map((s) => s.field).join(' and ')} went to ${this.storeName}`
            : ''
        }.`,
      });
    });
  }

  remove(name: string, actor: string): Promise<ConnectionChangeResult> {
    return this.exclusive(async () => {
      this.options.writer.refuseIfReadOnly();
      const file = ConfigConnections.read(this.options.configPath);
      const removed = file.remove(name);
      let config: Config;
      try {
        config = file.check(this.schema);
      } catch (error) {
        if (error instanceof ApiError)
          throw new ApiError('precondition-failed', `${name} cannot be removed: ${error.message}`, 'name');
        throw error;
      }
      const forgotten = this.unreferenced([removed], file.list().connections);
      return this.commit(file, config, name, actor, {
        kind: 'connection.removed',
        secrets: forgotten.map((secret) => ({ secret, value: undefined })),
        details: { kind: removed.kind, ...(forgotten.length > 0 ? { secretsDeleted: forgotten } : {}) },
        done: `Removed ${name} from config.yaml${forgotten.length > 0 ? `; its secrets were deleted from ${this.storeName}` : ''}.`,
      });
    });
  }

  setSecret(name: string, field: SecretField, value: string, actor: string): Promise<ConnectionChangeResult> {
    return this.exclusive(async () => {
      this.options.writer.refuseIfReadOnly();
      const file = ConfigConnections.read(this.options.configPath);
      const connection = file.list().connections.find((c) => c.name === name);
      if (!connection) throw new ApiError('not-found', `No connection named ${name} in config.yaml.`, 'name');
      const ref = secretRefsOf(connection.kind, connection).find((r) => r.field === field)?.ref;
      if (!ref)
        throw new ApiError(
          'precondition-failed',
          `${name} has no ${field}: edit the connection to add one first.`,
          'field',
        );
      if ('env' in ref)
        throw new ApiError(
          'precondition-failed',
          `${field} of ${name} comes from the environment variable ${ref.env}: set it there (the control room never writes environment variables).`,
          'field',
        );
      return this.commit(undefined, file.check(this.schema), name, actor, {
        kind: 'connection.secret-set',
        secrets: [{ secret: ref.secret, value }],
        details: { field, secret: ref.secret },
        done: `Stored the new ${field} of ${name} in ${this.storeName}.`,
      });
    });
  }

  private get storeName(): string {
    return this.options.secrets.store.name;
  }

  /** Stored secrets `old` referenced that nothing in `remaining` does any more. */
  private unreferenced(old: RawConnection[], remaining: RawConnection[]): string[] {
    const still = storedSecretNames(remaining);
    return [...storedSecretNames(old)].filter((s) => !still.has(s));
  }

  /**
   * Stores (or, with no value, deletes) the secrets, writes config.yaml, then the audit record. A
   * failing step undoes the ones before it, so nothing was done unless the record was written.
   */
  private async commit(
    file: ConfigConnections | undefined,
    config: Config,
    name: string,
    actor: string,
    change: {
      kind: string;
      secrets: Array<{ secret: string; value: string | undefined }>;
      details: Record<string, unknown>;
      done: string;
    },
  ): Promise<ConnectionChangeResult> {
    const { store } = this.options.secrets;
    const previous = new Map<string, string | undefined>();
    const putBack = async (): Promise<void> => {
      for (const [secret, value] of previous)
        await (value === undefined ? store.delete(secret) : store.set(secret, value)).catch(() => {});
    };
    try {
      for (const { secret, value } of change.secrets) {
        previous.set(secret, await store.get(secret));
        await (value === undefined ? store.delete(secret) : store.set(secret, value));
      }
    } catch (error) {
      await putBack();
      throw new ApiError(
        'backend-error',
        `Could not write ${store.name}: ${errorText(error)}. Nothing was done.`,
      );
    }
    try {
      file?.write();
    } catch (error) {
      await putBack();
      throw new ApiError(
        'backend-error',
        `config.yaml could not be written (${errorText(error)}). Nothing was done.`,
      );
    }
    let seq: number;
    try {
      const [record] = this.options.writer.write([
        { actor, kind: change.kind, target: name, reason: '', details: change.details },
      ]);
      seq = record?.seq ?? 0;
    } catch (error) {
      try {
        file?.restore();
      } finally {
        await putBack();
      }
      throw error;
    }
    this.options.publish({ type: 'audit', seq });
    const outcome = await this.reload(config);
    if (outcome.live) this.pending.clear();
    else {
      this.pending.add(name);
      this.pendingMessage = outcome.message;
    }
    return {
      name,
      message: `${change.done} ${outcome.message}`,
      auditSeq: seq,
      live: outcome.live,
      list: await this.list(),
    };
  }

  private async reload(config: Config): Promise<ReloadOutcome> {
    try {
      return await this.options.directory.reload(config);
    } catch (error) {
      return {
        live: false,
        message: `The running control room could not take it up (${errorText(error)}); it will at the next start.`,
      };
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}
