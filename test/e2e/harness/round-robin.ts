import { startTcpProxy } from "../../support/tcp-proxy.ts";

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
  let next = 0;
  const proxy = await startTcpProxy(() => {
    const index = next++ % backends.length;
    counts[index]!++;
    return backends[index];
  }, "round-robin proxy");
  return { port: proxy.port, counts, advance: () => { next++; }, close: () => proxy.close() };
}
