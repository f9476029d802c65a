// Holds at most `max` client sockets, so a flood of connections cannot use up the process's file
// descriptors (which the audit log and the world's saves need). When one more arrives, the oldest
// socket that has not shown a valid token makes room; sockets that have are never dropped for it,
// so people who are signed in keep working through a flood.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export class ConnectionLimiter {
  /** In arrival order; true once the socket carried a valid token. */
  private readonly sockets = new Map<Socket, boolean>();

  constructor(private readonly max: number) {}

  watch(server: Server): void {
    server.on('connection', (socket: Socket) => this.admit(socket));
  }

  /** The socket carried a valid token: it is no longer the first to go. */
  prove(socket: Socket): void {
    if (this.sockets.has(socket)) this.sockets.set(socket, true);
  }

  private admit(socket: Socket): void {
    this.sockets.set(socket, false);
    socket.once('close', () => this.sockets.delete(socket));
    if (this.sockets.size <= this.max) return;
    for (const [other, proven] of this.sockets) {
      if (!proven && other !== socket) return this.drop(other);
    }
    this.drop(socket);
  }

  private drop(socket: Socket): void {
    this.sockets.delete(socket);
    socket.destroy();
  }
}
