// One command on HAProxy's Runtime API (the stats socket): connect, send the line, read the answer
// until HAProxy closes the connection. The sandbox uses it to tell when HAProxy is ready.
import { createConnection } from 'node:net';

export function runtimeApiCommand(socket: string, command: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = createConnection(socket);
    let answer = '';
    connection.setEncoding('utf8');
    connection.setTimeout(timeoutMs, () =>
      connection.destroy(new Error(`no answer to "${command}" within ${timeoutMs} ms`)),
    );
    connection.on('connect', () => connection.write(`${command}\n`));
    connection.on('data', (chunk: string) => (answer += chunk));
    connection.on('end', () => resolve(answer));
    connection.on('error', reject);
  });
}
