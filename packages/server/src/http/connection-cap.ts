import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Whether the connection has a request being answered, and when it last finished one. */
interface Connection {
  readonly socket: Socket;
  busy: number;
}

/**
 * Holds at most `max` open connections. A new connection beyond the cap sheds the one idle
 * longest (never started TLS, still sending headers, or waiting between keep-alive
 * requests); one with a request being answered is never shed. When every connection is
 * busy, the newcomer is the one closed. An idle-socket flood therefore cannot use up the
 * process's file descriptors and stop logins: each new login pushes out the oldest idler.
 */
export function capConnections(server: Server, max: number): void {
  // Insertion order is idleness order: a connection is moved to the end each time it
  // finishes a request. Keyed by peer address and port, which the TCP socket a TLS
  // server accepts and the TLS socket a request arrives on share.
  const connections = new Map<string, Connection>();
  const keyOf = (socket: Socket) => `${socket.remoteAddress}|${socket.remotePort}`;

  server.on('connection', (socket: Socket) => {
    const key = keyOf(socket);
    if (connections.size >= max && !shedOldestIdle(connections)) {
      socket.destroy();
      return;
    }
    connections.set(key, { socket, busy: 0 });
    socket.once('close', () => {
      if (connections.get(key)?.socket === socket) connections.delete(key);
    });
  });

  server.on('request', (request, response) => {
    const key = keyOf(request.socket);
    const connection = connections.get(key);
    if (!connection) return;
    connection.busy += 1;
    response.once('close', () => {
      connection.busy -= 1;
      if (connections.get(key) !== connection) return;
      connections.delete(key);
      connections.set(key, connection);
    });
  });
}

function shedOldestIdle(connections: Map<string, Connection>): boolean {
  for (const [key, connection] of connections) {
    if (connection.busy > 0) continue;
    connections.delete(key);
    connection.socket.destroy();
    return true;
  }
  return false;
}
