import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection, both sides. */
  drop(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy that pipes each new connection to the backend `pick` names at that moment (undefined:
 * refuse it). The load balancers, DNS flips and partitions the tests model are each a different `pick`.
 */
export async function startTcpProxy(pick: () => { host: string; port: number } | undefined, name = "tcp proxy"): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const backend = pick();
    if (!backend) return void client.destroy();
    const upstream = connect(backend.port, backend.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
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
  if (!address || typeof address === "string") throw new Error(`${name}: no TCP address`);
  const drop = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port: address.port,
    drop,
    close: async () => {
      drop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
