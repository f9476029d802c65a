// Connection secrets in browser mode and the CLI: one JSON file in the workspace, mode 0600, replaced
// atomically on every change. A file others can read is refused, as ssh refuses a readable key: its
// secrets may have leaked, and the person should know. No message ever quotes the file's contents.
import fs from 'node:fs';
import { z } from 'zod';
import type { SecretStore } from '../migrations/secret-store';
import { writeFileAtomic } from '../persistence/atomic-write';

const fileSchema = z.object({ secrets: z.record(z.string(), z.string()) }).strict();

export function secretsFile(path: string): SecretStore {
  const read = (): Record<string, string> => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
      throw new Error(
        `the secrets file ${path} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}): make it private with chmod 600; its secrets are not used until then`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
    } catch {
      // JSON.parse quotes the text it choked on: that could be a secret.
      throw new Error(`the secrets file ${path} is not valid JSON: restore it or remove it`);
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success)
      throw new Error(`the secrets file ${path} is not a secrets file ({ "secrets": { NAME: VALUE } })`);
    return result.data.secrets;
  };
  const write = (secrets: Record<string, string>): void =>
    writeFileAtomic(path, `${JSON.stringify({ secrets }, null, 2)}\n`);
  return {
    name: `the secrets file ${path}`,
    async get(key) {
      const secrets = read();
      return Object.hasOwn(secrets, key) ? secrets[key] : undefined;
    },
    async set(key, value) {
      write({ ...read(), [key]: value });
    },
    async delete(key) {
      const secrets = read();
      if (!Object.hasOwn(secrets, key)) return;
      const { [key]: _gone, ...rest } = secrets;
      write(rest);
    },
  };
}
