import { Client, type Room } from "@colyseus/sdk";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { issueDevToken } from "../auth.ts";
import type { ServerConfig } from "../config.ts";
import { TEST_JWT_SECRET, gamesOfPlayer, prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

let env: Record<string, string>;
let config: ServerConfig;
const running: ServerProcess[] = [];

beforeAll(async () => {
  ({ env, config } = await prepareBackends("cluster"));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(stopServerProcess));
});

async function start(extra: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ ...env, CHECKPOINT_INTERVAL_MS: "300", ...extra });
  running.push(server);
  return server;
}

/** The SDK would retry the dead process's own address for over a minute before onLeave; these tests rejoin through the survivor. */
function withoutAutoReconnect(room: Room): Room {
  room.reconnection.enabled = false;
  return room;
}

async function client(server: ServerProcess, playerId: string): Promise<Client> {
  const c = new Client(server.endpoint);
  c.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId }, "1h");
  return c;
}

interface PlayerView { x: number; y: number; score: number; connected: boolean }
const player = (room: Room, id: string) => room.state.players.get(id) as PlayerView | undefined;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

/** Steers toward the orb until the player has scored, so a restore has a score to keep. */
async function scoreOnce(room: Room, playerId: string): Promise<void> {
  await waitFor("a score", () => {
    const me = player(room, playerId);
    if (!me) return undefined;
    if (me.score > 0) {
      room.send("move", { dx: 0, dy: 0 });
      return true;
    }
    const dx = room.state.orbX - me.x;
    const dy = room.state.orbY - me.y;
    const length = Math.hypot(dx, dy) || 1;
    room.send("move", { dx: dx / length, dy: dy / length });
    return undefined;
  }, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 800));
}

describe("several processes sharing Redis", { timeout: 120_000 }, () => {
  it("relays a client that reaches process B to the room owned by process A", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const host = await (await client(a, "host")).create("arena");
    const guest = await (await client(b, "guest")).joinById(host.roomId);
    await waitFor("both players in both views", () => (player(host, "guest") && player(guest, "host") ? true : undefined));
    guest.send("move", { dx: 1, dy: 1 });
    const start0 = player(guest, "guest")!.x;
    await waitFor("the guest's move seen by the host", () => (player(host, "guest")!.x !== start0 || start0 >= 100 ? true : undefined));
    // The matchmaker picks the least-loaded process for a new room, so either process may own it; the other relays.
    const relayed = await Promise.all([a, b].map(async (s) => /game_relayed_connections_total (\d+)/.exec(await (await fetch(`${s.endpoint}/metrics`)).text())?.[1]));
    expect(relayed.map(Number).sort()).toEqual([0, 1]);
    await guest.leave();
    await host.leave();
  });

  it("keeps a seated player's session past its TTL while the match runs, and lets it expire after leaving", async () => {
    const server = await start({ SESSION_TTL_MS: "1500" });
    const room = await (await client(server, "marathon")).create("arena");
    const session = await new Promise<{ sessionId: string }>((resolve) => room.onMessage("session", resolve));
    const lookup = async () => (await fetch(`${server.endpoint}/sessions/${session.sessionId}`)).status;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await lookup()).toBe(200);
    await room.leave();
    await waitFor("the session to expire once its player has left", async () => ((await lookup()) === 404 ? true : undefined), 6_000);
  });

  it("restores a room after SIGTERM on another process, with scores and positions intact", async () => {
    // B starts after the room exists, so the room is A's (the matchmaker would otherwise pick the emptier process).
    const a = await start();
    const room = withoutAutoReconnect(await (await client(a, "keeper")).create("arena"));
    const session = await new Promise<{ sessionId: string }>((resolve) => room.onMessage("session", resolve));
    const b = await start();
    await scoreOnce(room, "keeper");
    const before = { ...player(room, "keeper")! };
    const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(await left).toBeGreaterThan(0);
    // The session token survives the restart in Redis and leads back to the room, now restored on B.
    const found = await (await fetch(`${b.endpoint}/sessions/${session.sessionId}`)).json() as { roomId: string };
    expect(found.roomId).toBe(room.roomId);
    const back = await waitFor("rejoining the restored room through B", async () => (await client(b, "keeper")).joinById(found.roomId));
    await waitFor("restored state", () => (player(back, "keeper") ? true : undefined));
    const after = player(back, "keeper")!;
    expect(after.score).toBe(before.score);
    expect(after.x).toBeCloseTo(before.x, 3);
    expect(after.y).toBeCloseTo(before.y, 3);
    await back.leave();
  });

  it("restores from the last checkpoint after SIGKILL and still records the finished game", async () => {
    const a = await start({ MATCH_DURATION_MS: "20000" });
    const room = withoutAutoReconnect(await (await client(a, "survivor")).create("arena"));
    const b = await start({ MATCH_DURATION_MS: "20000" });
    await scoreOnce(room, "survivor");
    const scored = player(room, "survivor")!.score;
    const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    a.child.kill("SIGKILL");
    await a.exited;
    expect(await left).toBeGreaterThan(0);
    const back = await waitFor("rejoining after SIGKILL", async () => (await client(b, "survivor")).joinById(room.roomId), 20_000)
      .catch((error: unknown) => { throw new Error(`${String(error)}\nprocess B said:\n${b.output()}`); });
    await waitFor("restored state", () => (player(back, "survivor") ? true : undefined));
    expect(player(back, "survivor")!.score).toBe(scored);
    const items = await waitFor("the game's history item", async () => {
      const found = await gamesOfPlayer(config, "survivor");
      return found.length > 0 ? found : undefined;
    }, 40_000);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ score: scored });
  });
});
