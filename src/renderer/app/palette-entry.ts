// The one shape every palette entry has, whichever feature offers it: what it is called, what it
// acts on, whether it can run now (and why not), and what it runs. Features build these in their own
// hooks (features/<name>/use-*-palette-entries.ts); command-palette.tsx only gathers and renders.
import type { PaletteCommand } from './palette-rank';

export interface PaletteEntry extends PaletteCommand {
  /** The heading it is listed under when nothing is typed. */
  group: string;
  /** Shown on the right: why it is disabled, a phase, the versions. */
  detail?: string;
  shortcut?: string;
  /** About the thing on screen (the open rollout, migration, canary): listed first. */
  onScreen?: boolean;
  /** Runs the same request as the view's control, so the same confirmation and audit apply. */
  run: () => void;
}
