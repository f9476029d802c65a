// Scheduled freeze windows as a FreezeSource: which windows are in force by the room's clock, their
// overrides (folded from the audit log, since there is no incident to hang them on), and the Settings
// screen's edits of `freezeWindows:` in config.yaml. An edit is checked whole before anything is
// written; the audit record is the commit point (when it cannot be written the file is put back and
// the answer says nothing was done); the running room takes the new windows up at once.
import type { AuditRecord, ChangeEvent } from '../../../shared/domain';
import {
  FREEZE_WINDOW_AUDIT_KINDS,
  type FreezeWindowChangeResult,
  type FreezeWindowList,
  type FreezeWindowSettings,
  type FreezeWindowView,
} from '../../../shared/freeze-windows';
import { INCIDENT_AUDIT_KINDS, type Freeze, type FreezeOverride } from '../../../shared/incidents';
import { WEEKDAYS, zonedLabel } from '../../../shared/zoned-time';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import type { AuditWriter } from '../audit/audit-writer';
import type { Clock } from '../clock';
import type { Config } from '../config/config-schema';
import type { FreezeOverrideRequest, FreezeSource } from '../incidents/freeze-source';
import { ConfigFreezeWindows } from './config-freeze-windows';
import type { FreezeWindow } from './freeze-window-schema';
import { windowState, type WeekTime } from './window-schedule';
import type { z } from 'zod';

export interface FreezeWindowServiceDeps {
  windows: FreezeWindow[];
  configPath: string;
  /** config.yaml's whole schema (with the workspace's checks): an edit must pass it to be written. */
  schema: z.ZodType<Config>;
  writer: AuditWriter;
  clock: Clock;
  publish(event: ChangeEvent): void;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const weekTime = (t: WeekTime): string => `${WEEKDAYS[t.day] ?? ''} ${clock(t.minute)}`;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** "every week, Fri 16:00 → Mon 08:00 (Europe/Berlin)", as the list and the CLI say it. */
export function scheduleWords(w: FreezeWindow, withZone = true): string {
  const s = w.schedule;
  const zone = withZone ? ` (${w.timezone})` : '';
  if (s.kind === 'once') {
    const at = (l: typeof s.start) =>
      `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`;
    return `once, ${at(s.start)} → ${at(s.end)}${zone}`;
  }
  const days = w.settings.weekly?.days;
  const [first] = s.spans;
  if (days && first)
    return `${s.spans.map((x) => WEEKDAYS[x.from.day]).join(', ')} ${clock(first.from.minute)} → ${clock(first.to.minute)}${first.to.minute <= first.from.minute ? ' next day' : ''}${zone}`;
  return `every week, ${s.spans.map((x) => `${weekTime(x.from)} → ${weekTime(x.to)}`).join(', ')}${zone}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export class FreezeWindowService implements FreezeSource {
  private windows: FreezeWindow[];
  private readonly overrides = new Map<string, FreezeOverride[]>();
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The freezes in force, kept until the next window opens or closes (at most a minute, so the
   * reopen date in the reason stays current): every rollout's buttons and each tick ask for them.
   */
  private cache: { at: number; validUntil: number; freezes: Freeze[] } | undefined;
  /** The windows in force at the last look, to tell the screens when one begins or ends. */
  private inForceAtLastLook = '';

  constructor(private readonly deps: FreezeWindowServiceDeps) {
    this.windows = deps.windows;
    for (const record of deps.writer.log.history()) this.learn(record);
    this.inForceAtLastLook = this.inForceNames();
  }

  active(): Freeze[] {
    const now = this.deps.clock.now();
    const c = this.cache;
    if (c && now >= c.at && now < c.validUntil) return [...c.freezes];
    let validUntil = now + 60_000;
    const freezes = this.windows.flatMap((w): Freeze[] => {
      const state = windowState(w, now);
      const change = state.inForce ? state.until : state.nextStart;
      if (change !== undefined) validUntil = Math.min(validUntil, change);
      if (!state.inForce || state.until === undefined) return [];
      const where = w.environments ? `in ${w.environments.join(', ')}` : 'everywhere';
      const reopens = zonedLabel(state.until, w.timezone, now);
      return [
        {
          reason:
            `Releases are frozen ${where} by the freeze window “${w.name}” (${scheduleWords(w, false)}) until ${reopens}` +
            `${w.reason ? `: ${w.reason.replace(/[.\s]+$/, '')}` : ''}. Pause, abort and undo stay allowed; override with a reason.`,
          source: { kind: 'window', name: w.name },
          until: new Date(state.until).toISOString(),
          timezone: w.timezone,
          ...(w.environments ? { environments: [...w.environments] } : {}),
        },
      ];
    });
    this.cache = { at: now, validUntil, freezes };
    return [...freezes];
  }

  recordOverride(request: FreezeOverrideRequest): number {
    const { freeze } = request;
    if (freeze.source.kind !== 'window')
      throw new ApiError('internal', 'an incident freeze reached the freeze windows');
    const [record] = this.deps.writer.write([
      {
        actor: request.actor,
        kind: INCIDENT_AUDIT_KINDS.overridden,
        target: request.rollout,
        reason: request.reason,
        details: {
          action: request.action,
          rollout: request.rollout,
          window: freeze.source.name,
          freeze: freeze.reason,
          ...(freeze.until ? { until: freeze.until } : {}),
        },
      },
    ]);
    if (!record) throw new ApiError('internal', 'the audit log returned no record');
    this.learn(record);
    this.deps.publish({ type: 'audit', seq: record.seq });
    this.deps.publish({ type: 'freeze-windows' });
    return record.seq;
  }

  list(): FreezeWindowList {
    const now = this.deps.clock.now();
    let problem: string | undefined;
    try {
      ConfigFreezeWindows.read(this.deps.configPath).check(this.deps.schema);
    } catch (error) {
      problem = errorText(error).replace(/ Nothing was written: config.yaml is as it was\.$/, '');
    }
    return {
      windows: this.windows.map((w) => this.view(w, now)),
      configPath: this.deps.configPath,
      now: new Date(now).toISOString(),
      ...(problem ? { problem } : {}),
    };
  }

  /** Called on the controller's beat: true when a window began or ended since the last look. */
  observe(): boolean {
    const names = this.inForceNames();
    if (names === this.inForceAtLastLook) return false;
    this.inForceAtLastLook = names;
    return true;
  }

  /** Adds a window (`editing` undefined) or replaces the one named `editing` (a rename too). */
  save(
    window: FreezeWindowSettings,
    editing: string | undefined,
    actor: string,
  ): Promise<FreezeWindowChangeResult> {
    return this.exclusive(() => {
      this.deps.writer.refuseIfReadOnly();
      const file = ConfigFreezeWindows.read(this.deps.configPath);
      const index = file.put(window, editing);
      const config = file.check(this.deps.schema, index);
      const created = editing === undefined;
      const renamed = editing !== undefined && editing !== window.name ? { renamedFrom: editing } : {};
      return this.commit(file, config, window.name, actor, {
        kind: FREEZE_WINDOW_AUDIT_KINDS.saved,
        details: { created, settings: window, ...renamed },
        done: `${created ? 'Added' : 'Saved'} the freeze window ${window.name} to config.yaml.`,
      });
    });
  }

  remove(name: string, actor: string): Promise<FreezeWindowChangeResult> {
    return this.exclusive(() => {
      this.deps.writer.refuseIfReadOnly();
      const file = ConfigFreezeWindows.read(this.deps.configPath);
      const removed = this.windows.find((w) => w.name.toLowerCase() === name.toLowerCase());
      file.remove(name);
      const config = file.check(this.deps.schema);
      return this.commit(file, config, removed?.name ?? name, actor, {
        kind: FREEZE_WINDOW_AUDIT_KINDS.removed,
        details: removed ? { settings: removed.settings } : {},
        done: `Removed the freeze window ${removed?.name ?? name} from config.yaml.`,
      });
    });
  }

  private commit(
    file: ConfigFreezeWindows,
    config: Config,
    name: string,
    actor: string,
    change: { kind: string; details: Record<string, unknown>; done: string },
  ): FreezeWindowChangeResult {
    const wasFrozen = this.active().length > 0;
    try {
      file.write();
    } catch (error) {
      throw new ApiError(
        'backend-error',
        `config.yaml could not be written (${errorText(error)}). Nothing was done.`,
      );
    }
    let record: AuditRecord | undefined;
    try {
      [record] = this.deps.writer.write([
        { actor, kind: change.kind, target: name, reason: '', details: change.details } satisfies AuditEntry,
      ]);
    } catch (error) {
      file.restore();
      throw error;
    }
    this.windows = config.freezeWindows;
    this.cache = undefined;
    this.inForceAtLastLook = this.inForceNames();
    const seq = record?.seq ?? 0;
    this.deps.publish({ type: 'audit', seq });
    this.deps.publish({ type: 'freeze-windows' });
    const frozen = this.active().length > 0;
    const effect =
      frozen === wasFrozen
        ? 'In force now in the running control room.'
        : frozen
          ? 'Releases are frozen now.'
          : 'Releases are open now.';
    return { name, message: `${change.done} ${effect}`, auditSeq: seq, list: this.list() };
  }

  private view(w: FreezeWindow, now: number): FreezeWindowView {
    const state = windowState(w, now);
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const until = iso(state.until);
    const nextStart = iso(state.nextStart);
    const nextEnd = iso(state.nextEnd);
    return {
      name: w.name,
      settings: w.settings,
      timezone: w.timezone,
      ...(w.environments ? { environments: w.environments } : {}),
      schedule: scheduleWords(w),
      state: state.inForce ? 'in-force' : nextStart ? 'scheduled' : 'ended',
      ...(until ? { until } : {}),
      ...(nextStart ? { nextStart } : {}),
      ...(nextEnd ? { nextEnd } : {}),
      overrides: [...(this.overrides.get(w.name.toLowerCase()) ?? [])],
    };
  }

  private inForceNames(): string {
    return this.active()
      .map((f) => (f.source.kind === 'window' ? f.source.name : ''))
      .join('\n');
  }

  private learn(record: AuditRecord): void {
    if (record.kind !== INCIDENT_AUDIT_KINDS.overridden) return;
    const window = text(record.details.window);
    if (!window) return;
    const key = window.toLowerCase();
    const list = this.overrides.get(key) ?? [];
    list.push({
      time: record.time,
      actor: record.actor,
      reason: record.reason,
      action: record.details.action as FreezeOverride['action'],
      rollout: text(record.details.rollout) || record.target,
      auditSeq: record.seq,
    });
    this.overrides.set(key, list);
  }

  private exclusive<T>(work: () => T): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}
