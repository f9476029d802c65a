// The Settings screen's Test of a flagd flag file: it reads and passes the schema, and how many
// flags it holds.
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { FlagdFileConnection } from '../../core/connections/flagd-file-connection';
import { openFlagdFileConnection } from '../flagd-file/open-flagd-file-connection';

export function flagdFileProbe(workspaceDir: string): ConnectionProbe<FlagdFileConnection> {
  return (c, health) =>
    health.call('test', 2000, async () => {
      const file = openFlagdFileConnection(c, workspaceDir);
      const flags = await file.list();
      if (file.problem) throw new Error(file.problem);
      return [
        { name: 'File reads', ok: true, detail: `${c.path} serves ${c.environment}` },
        { name: 'Flags', ok: true, detail: `${flags.length} flags` },
      ];
    });
}
