import { Client, type Room } from "@colyseus/sdk";
import { Redis } from "ioredis";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRoundRobin, type RoundRobinProxy } from "../../test/e2e/harness/round-robin.ts";
import { issueDevToken } from "../auth.ts";
import { redisKeys } from "../keys.ts";
import { TEST_JWT_SECRET, prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

// Issue 14, defect 8: SIGTERM on a process that relays another process's client completes, within a stated bound,
// and sends that client to reconnect rather than dropping it with 1006.

/** The bound server/README.md states for a SIGTERM with nothing unusual going on (DynamoDB and Redis answering). */
const SHUTDOWN_BOUND_MS = 10_000;

let env: Record<string, string>;
const running: ServerProcess[] = [];
let proxy: RoundRobinProxy | undefined;
const rooms: Room[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  ({ env } = await prepareBackends("shutdown"));
});
afterEach(async () => {
  for (const room of rooms.splice(0)) await Promise.race([room.leave().catch(() => undefined), sleep(1_000)]);
  await proxy?.close();
  await Promise.all(running.splice(0).map(stopServerProcess));
});

async function client(endpoint: string, playerId: string): Promise<Client> {
  const c = new Client(endpoint);
  c.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId }, "1h");
  return c;
}

async function relayedCount(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.endpoint}/metrics`)).text();
  return Number(/game_relayed_connections_total (\d+)/.exec(text)?.[1] ?? 0);
}

describe("SIGTERM on a process relaying another process's client", { timeout: 90_000 }, () => {
  it(`closes the relayed socket with 4010 (the client reconnects) and exits within ${SHUTDOWN_BOUND_MS / 1000} s`, async () => {
    const a = await startServerProcess({ ...env, CHECKPOINT_INTERVAL_MS: "300" });
    running.push(a);
    const b = await startServerProcess({ ...env, CHECKPOINT_INTERVAL_MS: "300" });
    running.push(b);
    proxy = await startRoundRobin([a, b].map((s) => ({ host: "127.0.0.1", port: s.port })));
    const endpoint = `http://127.0.0.1:${proxy.port}`;

    const host = await (await client(a.endpoint, "sd-host")).create("arena");
    rooms.push(host);
    host.onMessage("*", () => undefined);
    const registry = new Redis(env.REDIS_URL!);
    const ownerId = await registry.hget(redisKeys.liveRooms, host.roomId);
    registry.disconnect();
    const [owner, relay] = ownerId === a.processId ? [a, b] : [b, a];

    // Through the balancer until the guest's WebSocket lands on the process that does not own the room.
    let guest: Room | undefined;
    for (let attempt = 0; attempt < 8 && !guest; attempt++) {
      const before = await relayedCount(relay);
      const joined = await (await client(endpoint, "sd-guest")).joinById(host.roomId);
      // Each join opens one new connection for its WebSocket (the HTTP one is kept alive): the next try lands on the other.
      if ((await relayedCount(relay)) > before) guest = joined;
      else await joined.leave();
    }
    if (!guest) throw new Error("the balancer never sent the guest's WebSocket to the non-owner");
    rooms.push(guest);
    guest.onMessage("*", () => undefined);
    // Only the close code matters here: the SDK's retries are the room's business (onDrop and allowReconnection).
    guest.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => {
      guest.onDrop((code) => resolve(code));
      guest.onLeave((code) => resolve(code));
    });

    const signalled = Date.now();
    relay.child.kill("SIGTERM");
    const exit = await Promise.race([relay.exited, sleep(SHUTDOWN_BOUND_MS + 5_000).then(() => "still running")]);
    const tookMs = Date.now() - signalled;
    expect(exit, `the relaying process after SIGTERM:\n${relay.output()}`).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_BOUND_MS);
    expect(await closed).toBe(4010);

    // The room never left its owner: the guest comes back through the balancer, to it or through a relay.
    const back = await (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await (await client(endpoint, "sd-guest")).joinById(host.roomId);
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(300);
        }
      }
    })();
    rooms.push(back);
    await new Promise<void>((resolve) => back.onStateChange.once(() => resolve()));
    expect(back.state.players.get("sd-host")).toBeDefined();
    expect(owner.child.exitCode).toBeNull();
  });
});
