// Scheduled freeze windows: the shapes the core, the shells and the renderer share. A window freezes
// the environments it names (every one when it names none) while it is in force, by the clock.
import type { FreezeOverride } from './incidents';

/** A window as config.yaml holds it, and as the Settings screen sends it back. */
export interface FreezeWindowSettings {
  name: string;
  /** Absent: every environment. */
  environments?: string[];
  /** IANA zone of the times below; UTC when absent. */
  timezone?: string;
  /** One-off: local date-times in the zone, "2025-12-24T18:00". */
  start?: string;
  end?: string;
  /** Every week: "Fri 16:00" to "Mon 08:00"; with days, times of day on each of those days. */
  weekly?: { from: string; to: string; days?: string[] };
  /** Said on the refused buttons; a default names the window and its times. */
  reason?: string;
}

export type FreezeWindowState = 'in-force' | 'scheduled' | 'ended';

export interface FreezeWindowView {
  name: string;
  settings: FreezeWindowSettings;
  timezone: string;
  environments?: string[];
  /** "every week, Fri 16:00 → Mon 08:00 (Europe/Berlin)". */
  schedule: string;
  state: FreezeWindowState;
  /** While in force: when releases reopen (ISO, UTC). */
  until?: string;
  /** The next closure after now, or after `until`. */
  nextStart?: string;
  nextEnd?: string;
  /** Actions let through this window with a reason (from the audit log), newest last. */
  overrides: FreezeOverride[];
}

export interface FreezeWindowList {
  windows: FreezeWindowView[];
  configPath: string;
  /** The control room's time the states were computed at (ISO). */
  now: string;
  /** config.yaml as it is on disk does not load: nothing can be saved until it is mended. */
  problem?: string;
}

export interface FreezeWindowChangeResult {
  name: string;
  message: string;
  auditSeq: number;
  list: FreezeWindowList;
}

/** Audit record kinds of window edits (overrides are `freeze.overridden` with `details.window`). */
export const FREEZE_WINDOW_AUDIT_KINDS = {
  saved: 'freeze-window.saved',
  removed: 'freeze-window.removed',
} as const;
