// A TCP port on 127.0.0.1 that nothing listens on right now, for servers the tests, benchmarks and
// sandbox start (PostgreSQL, Prometheus, HAProxy, demo services).
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
