import { connect, createServer, type Server, type Socket } from "node:net";

export interface SwitchProxy {
  readonly port: number;
  readonly url: string;
  /** Points new connections at another backend (undefined: refuse them) and drops the open ones. */
  switchTo(port: number | undefined): void;
  close(): Promise<void>;
}

/**
 * A TCP endpoint whose backend the test flips, as ElastiCache's primary endpoint (a DNS name) moves to the promoted
 * replica in a failover: open connections die with the old primary, new ones reach the new one, and in between
 * nothing answers.
 */
export async function startSwitchProxy(initial: number | undefined): Promise<SwitchProxy> {
  let target = initial;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (target === undefined) return void client.destroy();
    const upstream = connect(target, "127.0.0.1");
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
  if (!address || typeof address === "string") throw new Error("switch proxy: no TCP address");
  const drop = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port: address.port,
    url: `redis://127.0.0.1:${address.port}`,
    switchTo: (port) => {
      target = port;
      drop();
    },
    close: async () => {
      drop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
