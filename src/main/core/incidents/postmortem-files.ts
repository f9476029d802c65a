// Where a postmortem draft lives (`postmortems/INC-n/`) and how it is saved: atomically, 0600, and
// never over a person's edits without being asked. The hash of the last generated draft is kept
// beside it; a file that no longer matches it was edited. Refusing (rather than silently keeping a
// .bak) is the choice because a second regeneration would overwrite that .bak too: the person is
// told, and with `overwrite` the edited file is kept as postmortem.md.bak before it is replaced.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../api/api-error';
import { writeFileAtomic } from '../persistence/atomic-write';

export const POSTMORTEM_FILE = 'postmortem.md';
const GENERATED_HASH_FILE = '.postmortem.md.generated-sha256';

export function postmortemDir(workspaceDir: string, incidentId: string): string {
  return path.join(workspaceDir, 'postmortems', incidentId);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface SavedPostmortem {
  path: string;
  images: { name: string; path: string }[];
  keptEdits?: string;
}

export function savePostmortem(input: {
  dir: string;
  markdown: string;
  images: { name: string; content: string }[];
  overwrite: boolean;
}): SavedPostmortem {
  const { dir } = input;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, POSTMORTEM_FILE);
  const existing = readText(file);
  const generated = readText(path.join(dir, GENERATED_HASH_FILE))?.trim();
  const edited = existing !== undefined && sha256(existing) !== generated;
  let keptEdits: string | undefined;
  if (edited) {
    if (!input.overwrite)
      throw new ApiError(
        'precondition-failed',
        `${file} was edited since it was drafted; it is left as it is. Redraft with overwrite (CLI: --overwrite) to replace it; the edited one is then kept as ${POSTMORTEM_FILE}.bak.`,
        'overwrite',
      );
    keptEdits = `${file}.bak`;
    writeFileAtomic(keptEdits, existing);
  }
  const images = input.images.map((image) => {
    const imagePath = path.join(dir, image.name);
    writeFileAtomic(imagePath, image.content);
    return { name: image.name, path: imagePath };
  });
  writeFileAtomic(file, input.markdown);
  writeFileAtomic(path.join(dir, GENERATED_HASH_FILE), `${sha256(input.markdown)}\n`);
  return { path: file, images, ...(keptEdits ? { keptEdits } : {}) };
}
