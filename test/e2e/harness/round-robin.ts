import { createServer, connect, type Server, type Socket } from "node:net";

export interface RoundRobinProxy {
  readonly port: number;
  /** Connections handed to each backend, in the order the backends were given. */
  readonly counts: number[];
  /** Skips one backend in the rotation, as another client's connection would. */
  advance(): void;
  close(): Promise<void>;
}

/**
 * A plain TCP load balancer: each new connection goes to the next backend in turn, whatever it carries
 * (HTTP matchmaking, then the WebSocket), like an ALB target group with round-robin and no stickiness.
 * So a client's WebSocket often lands on a process that does not own its room: the relay must carry it.
 */
export async function startRoundRobin(backends: Array<{ host: string; port: number }>): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error("startRoundRobin needs at least one backend");
  const counts = backends.map(() => 0);
  const sockets = new Set<Socket>();
  let next = 0;
  const server: Server = createServer((client) => {
    const index = next++ % backends.length;
    counts[index]!++;
    const backend = backends[index]!;
    const upstream = connect(backend.port, backend.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("round-robin proxy: no TCP address");
  return {
    port: address.port,
    counts,
    advance: () => {
      next++;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
