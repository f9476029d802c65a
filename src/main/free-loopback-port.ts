// A free loopback port, as the kernel hands one out. Another process can still take it before the
// caller binds it; launchers that cannot bind port 0 themselves retry when that happens.
import { createServer } from 'node:net';

export type PortPicker = () => Promise<number>;

export const freeLoopbackPort: PortPicker = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
