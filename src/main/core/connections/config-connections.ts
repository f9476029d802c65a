// The `connections:` list of config.yaml, edited through the yaml library's Document API: the file is
// read fresh for every edit (so hand edits made meanwhile stay), changed in place (so comments and
// every unrelated key stay as written), checked whole against the config schema, and only then
// replaced atomically (0600). A refused edit names the field and writes nothing.
import fs from 'node:fs';
import { isSeq, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ApiError } from '../api/api-error';
import type { Config } from '../config/config-schema';
import { updateYamlNode } from '../config/update-yaml-node';
import { editableConfigValue, readEditableConfig } from '../config/editable-config-document';
import { writeFileAtomic } from '../persistence/atomic-write';
import { DEFAULT_SIMULATOR } from './connection-name';
import { secretRefSchema } from './secret-ref';

/** A connection's settings as config.yaml holds them (durations as written, secrets as references). */
export type RawConnection = { name: string; kind: string; [key: string]: unknown };

/** New secret references read best on one line: `bearerToken: { secret: prom.bearer-token }`. */
function flowSecretRefs(node: Node): void {
  visit(node, {
    Map: (_, map) => {
      if (secretRefSchema.safeParse(map.toJSON()).success) map.flow = true;
    },
  });
}

export class ConfigConnections {
  private constructor(
    readonly path: string,
    private readonly doc: Document,
    /** The file as it was read; undefined when there was none. */
    private readonly before: string | undefined,
  ) {}

  static read(path: string): ConfigConnections {
    const { doc, before } = readEditableConfig(path);
    return new ConfigConnections(path, doc, before);
  }

  private value(): Record<string, unknown> {
    return editableConfigValue(this.path, this.doc);
  }

  /** Every connection config.yaml lists; without `connections:`, the one simulator that implies. */
  list(): { connections: RawConnection[]; implicit: boolean } {
    const value = this.value();
    if (Array.isArray(value.connections)) return { connections: value.connections, implicit: false };
    const simulator = value.simulator as { fleet?: unknown } | undefined;
    return {
      connections: [
        {
          name: DEFAULT_SIMULATOR,
          kind: 'simulator',
          ...(typeof simulator?.fleet === 'string' ? { fleet: simulator.fleet } : {}),
        },
      ],
      implicit: true,
    };
  }

  /**
   * The `connections:` list node. A config without one first gets the simulator it implied written
   * out, so adding a Prometheus connection does not take the fleet away.
   */
  private sequence() {
    const { connections, implicit } = this.list();
    if (implicit) this.doc.set('connections', this.doc.createNode(connections));
    const seq = this.doc.get('connections', true);
    if (!isSeq(seq))
      throw new ApiError(
        'precondition-failed',
        `${this.path}: connections: is not a list; nothing was written.`,
      );
    return { seq, names: this.list().connections.map((c) => c.name) };
  }

  /** Adds the connection, or replaces the one of its name (`replace`); returns its index. */
  put(connection: RawConnection, replace: boolean): number {
    const { seq, names } = this.sequence();
    const index = names.indexOf(connection.name);
    if (index < 0 && replace)
      throw new ApiError(
        'not-found',
        `No connection named ${connection.name} in config.yaml.`,
        'connection.name',
      );
    if (index >= 0 && !replace)
      throw new ApiError(
        'invalid-input',
        `connection.name: "${connection.name}" is the name of another connection; pick another name, or edit that one.`,
        'connection.name',
      );
    if (index < 0) {
      seq.items.push(updateYamlNode(this.doc, undefined, connection, flowSecretRefs));
      return seq.items.length - 1;
    }
    const existing = seq.items[index];
    const next = updateYamlNode(this.doc, existing, connection, flowSecretRefs);
    if (next !== existing) seq.items[index] = next;
    return index;
  }

  remove(name: string): RawConnection {
    const { seq, names } = this.sequence();
    const index = names.indexOf(name);
    if (index < 0) throw new ApiError('not-found', `No connection named ${name} in config.yaml.`, 'name');
    const removed = this.list().connections[index] as RawConnection;
    seq.items.splice(index, 1);
    return removed;
  }

  /**
   * The edited config, checked whole. A problem inside the edited connection (at `edited`) is
   * reported against its field (`connection.url`); any other one names where it is.
   */
  check(schema: z.ZodType<Config>, edited?: number): Config {
    const result = schema.safeParse(this.value());
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => {
      const [top, index, ...rest] = issue.path;
      const own = top === 'connections' && index === edited && edited !== undefined;
      return {
        field: own ? ['connection', ...rest].join('.') : undefined,
        text: `${own ? ['connection', ...rest].join('.') : issue.path.join('.') || '(top level)'}: ${issue.message}`,
      };
    });
    const field = problems.find((p) => p.field !== undefined)?.field;
    throw new ApiError(
      'invalid-input',
      `${problems.map((p) => p.text).join('; ')}. Nothing was written: config.yaml is as it was.`,
      field,
    );
  }

  text(): string {
    return this.doc.toString({ lineWidth: 0 });
  }

  write(): void {
    writeFileAtomic(this.path, this.text());
  }

  /** Puts back the file as it was read (after a later step of the same edit failed). */
  restore(): void {
    if (this.before === undefined) fs.rmSync(this.path, { force: true });
    else writeFileAtomic(this.path, this.before);
  }
}
