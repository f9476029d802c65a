// Each kind of change as a glyph and a word: marks on the lanes and rows of the list are told apart
// by shape and word, the colour only helps.
import type { ChangeKind } from '../../../shared/changes';

export interface KindLook {
  glyph: string;
  word: string;
  /** A CSS colour variable of the theme. */
  color: string;
}

export const KIND_LOOK: Record<ChangeKind, KindLook> = {
  'rollout-started': { glyph: '▶', word: 'started', color: '--c-progressing' },
  'step-advanced': { glyph: '»', word: 'step advanced', color: '--c-progressing' },
  paused: { glyph: '‖', word: 'paused', color: '--c-paused' },
  resumed: { glyph: '▷', word: 'resumed', color: '--c-progressing' },
  aborted: { glyph: '✕', word: 'aborted', color: '--c-critical' },
  promoted: { glyph: '▲', word: 'promoted', color: '--c-healthy' },
  'rolled-forward': { glyph: '⇥', word: 'rolled forward', color: '--c-progressing' },
  undone: { glyph: '↶', word: 'undone', color: '--c-warning' },
  completed: { glyph: '✓', word: 'completed', color: '--c-completed' },
  'migration-phase': { glyph: '◆', word: 'migration phase', color: '--c-awaiting' },
  'flag-changed': { glyph: '⚑', word: 'Flag', color: '--c-awaiting' },
  'config-changed': { glyph: '⚙', word: 'config changed', color: '--c-awaiting' },
  'freeze-declared': { glyph: '❄', word: 'freeze declared', color: '--c-critical' },
  'freeze-overridden': { glyph: '⚠', word: 'freeze overridden', color: '--c-warning' },
  'freeze-lifted': { glyph: '☀', word: 'freeze lifted', color: '--c-healthy' },
  other: { glyph: '•', word: 'other', color: '--c-unknown' },
};
