// The `freezeWindows:` list of config.yaml, edited as the Settings screen edits connections: read
// fresh for every edit, changed in place through the yaml Document API (comments and every other key
// stay as written), checked whole against the config schema, then replaced atomically (0600).
import fs from 'node:fs';
import { isSeq, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { FreezeWindowSettings } from '../../../shared/freeze-windows';
import { ApiError } from '../api/api-error';
import type { Config } from '../config/config-schema';
import { updateYamlNode } from '../config/update-yaml-node';
import { editableConfigValue, readEditableConfig } from '../config/editable-config-document';
import { writeFileAtomic } from '../persistence/atomic-write';

/** New windows read best with their lists and times on one line: `weekly: { from: Fri 16:00, … }`. */
function flowInner(node: Node): void {
  visit(node, {
    Map: (_, map) => {
      if (!map.has('name')) map.flow = true;
    },
    Seq: (_, seq) => {
      seq.flow = true;
    },
  });
}

export class ConfigFreezeWindows {
  private constructor(
    readonly path: string,
    private readonly doc: Document,
    private readonly before: string | undefined,
  ) {}

  static read(path: string): ConfigFreezeWindows {
    const { doc, before } = readEditableConfig(path);
    return new ConfigFreezeWindows(path, doc, before);
  }

  private value(): Record<string, unknown> {
    return editableConfigValue(this.path, this.doc);
  }

  /** The windows' names in file order. */
  names(): string[] {
    const list = this.value().freezeWindows;
    return Array.isArray(list) ? list.map((w) => String((w as { name?: unknown })?.name ?? '')) : [];
  }

  private sequence() {
    if (this.doc.get('freezeWindows', true) === undefined)
      this.doc.set('freezeWindows', this.doc.createNode([]));
    const seq = this.doc.get('freezeWindows', true);
    if (!isSeq(seq))
      throw new ApiError(
        'precondition-failed',
        `${this.path}: freezeWindows: is not a list; nothing was written.`,
      );
    return seq;
  }

  /** Adds the window (`editing` undefined) or replaces the one named `editing`; returns its index. */
  put(window: FreezeWindowSettings, editing: string | undefined): number {
    const seq = this.sequence();
    const names = this.names().map((n) => n.toLowerCase());
    const index = editing === undefined ? -1 : names.indexOf(editing.toLowerCase());
    if (editing !== undefined && index < 0)
      throw new ApiError('not-found', `No freeze window named ${editing} in config.yaml.`, 'editing');
    const clash = names.indexOf(window.name.toLowerCase());
    if (clash >= 0 && clash !== index)
      throw new ApiError(
        'invalid-input',
        `window.name: "${window.name}" is the name of another freeze window; pick another name, or edit that one.`,
        'window.name',
      );
    if (index < 0) {
      seq.items.push(updateYamlNode(this.doc, undefined, window, flowInner));
      return seq.items.length - 1;
    }
    const existing = seq.items[index];
    const next = updateYamlNode(this.doc, existing, window, flowInner);
    if (next !== existing) seq.items[index] = next;
    return index;
  }

  remove(name: string): void {
    const seq = this.sequence();
    const index = this.names().findIndex((n) => n.toLowerCase() === name.toLowerCase());
    if (index < 0) throw new ApiError('not-found', `No freeze window named ${name} in config.yaml.`, 'name');
    seq.items.splice(index, 1);
  }

  /**
   * The edited config, checked whole. A problem inside the edited window (at `edited`) is reported
   * against its field (`window.weekly.from`); any other one names where it is.
   */
  check(schema: z.ZodType<Config>, edited?: number): Config {
    const result = schema.safeParse(this.value());
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => {
      const [top, index, ...rest] = issue.path;
      const own = top === 'freezeWindows' && edited !== undefined && index === edited;
      const field = own ? ['window', ...rest].join('.') : undefined;
      return { field, text: `${field ?? (issue.path.join('.') || '(top level)')}: ${issue.message}` };
    });
    throw new ApiError(
      'invalid-input',
      `${problems.map((p) => p.text).join('; ')}. Nothing was written: config.yaml is as it was.`,
      problems.find((p) => p.field !== undefined)?.field,
    );
  }

  write(): void {
    writeFileAtomic(this.path, this.doc.toString({ lineWidth: 0 }));
  }

  /** Puts back the file as it was read (after a later step of the same edit failed). */
  restore(): void {
    if (this.before === undefined) fs.rmSync(this.path, { force: true });
    else writeFileAtomic(this.path, this.before);
  }
}
