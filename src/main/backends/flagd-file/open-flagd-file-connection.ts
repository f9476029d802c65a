// A `flagd-file` connection from config.yaml as a flags backend: its path taken relative to the
// workspace folder unless absolute.
import { resolveConfiguredFile } from '../../core/config/configured-files';
import type { FlagdFileConnection } from '../../core/connections/flagd-file-connection';
import { FlagsFile } from './flags-file';

export function openFlagdFileConnection(c: FlagdFileConnection, workspaceDir: string): FlagsFile {
  return new FlagsFile({
    name: c.name,
    path: resolveConfiguredFile(workspaceDir, c.path),
    environment: c.environment,
  });
}
