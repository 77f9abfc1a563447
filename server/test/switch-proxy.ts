import { startTcpProxy } from "../../test/support/tcp-proxy.ts";

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
  const proxy = await startTcpProxy(() => (target === undefined ? undefined : { host: "127.0.0.1", port: target }), "switch proxy");
  return {
    port: proxy.port,
    url: `redis://127.0.0.1:${proxy.port}`,
    switchTo: (port) => {
      target = port;
      proxy.drop();
    },
    close: () => proxy.close(),
  };
}
