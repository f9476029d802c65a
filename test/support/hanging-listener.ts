// A TCP listener that accepts every connection and never answers: the backend that hangs. It holds
// the sockets open (as a wedged server does) until closed.
import { createServer, type Socket } from 'node:net';

export interface HangingListener {
  port: number;
  /** How many connections it has accepted (and never answered). */
  accepted: () => number;
  close: () => Promise<void>;
}

export async function startHangingListener(): Promise<HangingListener> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('hanging listener has no port');
  return {
    port: address.port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
