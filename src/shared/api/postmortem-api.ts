// The postmortem part of the API contract: draft (or redraft) an incident's blameless postmortem
// from its time range, saved in the workspace beside its charts.
import { z } from 'zod';
import { text } from './text-input';

export interface PostmortemImage {
  /** File name beside the Markdown, as the Markdown references it. */
  name: string;
  /** Workspace path of the image. */
  path: string;
  /** The SVG itself, so a shell can show or export it without reading the workspace. */
  svg: string;
}

export interface PostmortemDraft {
  markdown: string;
  /** Workspace path of `postmortems/INC-n/postmortem.md`. */
  path: string;
  images: PostmortemImage[];
  /** Where the person's edited draft was kept when `overwrite` replaced it. */
  keptEdits?: string;
}

export const postmortemApiInputSchemas = {
  /**
   * Draft the postmortem of an incident. A draft a person has edited is not replaced unless
   * `overwrite` is true; then the edited one is kept as `postmortem.md.bak`.
   */
  'incidents.postmortem': z
    .object({
      id: text().regex(/^INC-\d+$/, 'an incident id like INC-3'),
      overwrite: z.boolean().default(false),
    })
    .strict(),
} as const;

/** Writes only the workspace's draft, never the fleet; still a change an observer may not make. */
export const postmortemOperatorMethods = ['incidents.postmortem'] as const;

export interface PostmortemApiOutputs {
  'incidents.postmortem': PostmortemDraft;
}
