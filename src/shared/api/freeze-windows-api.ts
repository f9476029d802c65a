// The scheduled freeze windows part of the API contract: the windows config.yaml lists with their
// state now (in force until, next closure), and adding, editing and removing them. The shape of a
// window is checked here; whether its times make sense is the config schema's to say, by field.
import { z } from 'zod';
import type { FreezeWindowChangeResult, FreezeWindowList } from '../freeze-windows';
import { text } from './text-input';

const windowName = text().trim().min(1, 'a freeze window needs a name').max(60);
const field = text().trim().max(100);

export const freezeWindowSettingsSchema = z
  .object({
    name: windowName,
    environments: z.array(field).max(100).optional(),
    timezone: field.optional(),
    start: field.optional(),
    end: field.optional(),
    weekly: z
      .object({ from: field, to: field, days: z.array(field).max(7).optional() })
      .strict()
      .optional(),
    reason: text().trim().max(500).optional(),
  })
  .strict();

export const freezeWindowsApiInputSchemas = {
  /** Every freeze window in config.yaml with its state now, and the overrides let through it. */
  'freezeWindows.list': z.object({}).strict(),
  /**
   * Adds a window (no `editing`) or replaces the one named `editing` (renaming it when the names
   * differ). Checked against the whole config schema before anything is written.
   */
  'freezeWindows.save': z
    .object({ window: freezeWindowSettingsSchema, editing: windowName.optional() })
    .strict(),
  'freezeWindows.remove': z.object({ name: windowName }).strict(),
} as const;

export interface FreezeWindowsApiOutputs {
  'freezeWindows.list': FreezeWindowList;
  'freezeWindows.save': FreezeWindowChangeResult;
  'freezeWindows.remove': FreezeWindowChangeResult;
}

export const freezeWindowsOperatorMethods = ['freezeWindows.save', 'freezeWindows.remove'] as const;
