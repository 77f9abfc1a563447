import { Client, type Room } from "@colyseus/sdk";
import { Cluster, Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, setFaults } from "../../test/aws/admin.ts";
import { aws } from "../../test/env/index.ts";
import { startRedisCluster, type RedisClusterService } from "../../test/env/redis-cluster.ts";
import { issueDevToken } from "../auth.ts";
import { loadServerConfig, type ServerConfig } from "../config.ts";
import { Leaderboard } from "../leaderboard.ts";
import { acquireLock, lockToken, releaseLock } from "../locks.ts";
import { createRedis } from "../redis.ts";
import { createRepositories, type Repositories } from "../repositories.ts";
import { GameResults } from "../results.ts";
import { SESSION_FUNCTIONS, SessionStore } from "../sessions.ts";
import { TEST_JWT_SECRET, gamesOfPlayer, prepareBackends, testDocumentClient } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

// REDIS_CLUSTER=true against a real three-master Redis Cluster: every multi-key operation must stay in one slot
// (CROSSSLOT otherwise), every script must declare its keys, and the keys of different players, rooms and
// processes must still spread over the masters.

let cluster: RedisClusterService;
let env: Record<string, string>;
let config: ServerConfig;
let redis: ReturnType<typeof createRedis>;
let repos: Repositories;

beforeAll(async () => {
  cluster = await startRedisCluster();
  const prepared = await prepareBackends("cluster-mode");
  env = { ...prepared.env, REDIS_URL: cluster.url, REDIS_CLUSTER: "true" };
  config = loadServerConfig(env);
  expect(config.redis.cluster).toBe(true);
  redis = createRedis(config.redis);
  repos = createRepositories(testDocumentClient(config), config.tables);
});
afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
});

/** Keys held by each master, read from the nodes themselves rather than through the cluster client. */
async function keysPerNode(): Promise<number[]> {
  return Promise.all(cluster.ports.map(async (port) => {
    const node = new Redis({ host: "127.0.0.1", port, lazyConnect: true });
    try {
      await node.connect();
      return await node.dbsize();
    } finally {
      node.disconnect();
    }
  }));
}

describe("on a Redis Cluster", () => {
  it("creates, updates, replaces, keeps alive and deletes sessions, spread over the masters", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const players = Array.from({ length: 24 }, (_, i) => `spread-${i}`);
    const created = await Promise.all(players.map((p, i) => sessions.create(p, 1000 + i, "playing", `room-${i}`)));
    expect((await keysPerNode()).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

    const first = created[0]!;
    expect(await sessions.get(first.sessionId)).toMatchObject({ playerId: "spread-0", status: "playing", rating: 1000, roomId: "room-0" });
    expect((await sessions.forPlayer("spread-0"))?.sessionId).toBe(first.sessionId);
    expect(await sessions.update(first, { status: "disconnected", rating: 1010 })).toBe(true);
    expect(await sessions.get(first.sessionId)).toMatchObject({ status: "disconnected", rating: 1010 });

    // Replacing a player's session deletes the old one in the same script.
    const replaced = await sessions.create("spread-0", 1010);
    expect(await sessions.get(first.sessionId)).toBeUndefined();
    expect((await sessions.forPlayer("spread-0"))?.sessionId).toBe(replaced.sessionId);
    expect(await sessions.update(first, { status: "playing" })).toBe(false);

    await sessions.keepAlive(created.slice(1));
    expect(await sessions.ttlMs(created[5]!.sessionId)).toBeGreaterThan(50_000);

    await sessions.delete(replaced.sessionId);
    expect(await sessions.forPlayer("spread-0")).toBeUndefined();
  });

  it("loads the sessions' Redis Functions on every master, again after the masters lost them", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const onEachMaster = (command: string[]) => Promise.all(cluster.ports.map(async (port) => {
      const node = new Redis({ host: "127.0.0.1", port, lazyConnect: true });
      try {
        await node.connect();
        return await node.call(command[0]!, ...command.slice(1));
      } finally {
        node.disconnect();
      }
    }));
    await onEachMaster(["FUNCTION", "FLUSH"]);
    // Players whose sessions land on every master: each call may reach a node without the library.
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => sessions.create(`functions-${i}`, 1000, "playing", "room-f")));
    expect((await onEachMaster(["FUNCTION", "LIST", "LIBRARYNAME", SESSION_FUNCTIONS.library])).map((list) => (list as unknown[]).length)).toEqual(cluster.ports.map(() => 1));
    await onEachMaster(["FUNCTION", "FLUSH"]);
    expect(await Promise.all(created.map((session) => sessions.update(session, { status: "disconnected" })))).toEqual(created.map(() => true));
    expect(await sessions.get(created[7]!.sessionId)).toMatchObject({ playerId: "functions-7", status: "disconnected" });
  });

  it("replaces a session while another create for the same player races it, leaving exactly one", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const racing = await Promise.all(Array.from({ length: 8 }, () => sessions.create("racer", 1200)));
    const live = (await Promise.all(racing.map((s) => sessions.get(s.sessionId)))).filter((s) => s !== undefined);
    expect(live).toHaveLength(1);
    expect((await sessions.forPlayer("racer"))?.sessionId).toBe(live[0]!.sessionId);
  });

  it("takes and releases locks", async () => {
    const token = lockToken();
    expect(await acquireLock(redis, "lock:cluster-test", token, 5_000)).toBe(true);
    expect(await acquireLock(redis, "lock:cluster-test", lockToken(), 5_000)).toBe(false);
    await releaseLock(redis, "lock:cluster-test", lockToken());
    expect(await acquireLock(redis, "lock:cluster-test", lockToken(), 5_000)).toBe(false);
    await releaseLock(redis, "lock:cluster-test", token);
    expect(await acquireLock(redis, "lock:cluster-test", lockToken(), 5_000)).toBe(true);
  });

  it("fills the leaderboard, updates it atomically and invalidates it", async () => {
    await repos.users.getOrCreate("board-top", "Top");
    const board = new Leaderboard(redis, repos.users, { ttlMs: 30_000 });
    await board.invalidate();
    const cold = await Promise.all(Array.from({ length: 5 }, () => board.top(3)));
    expect(board.fills).toBe(1);
    expect(cold[0]!.length).toBeGreaterThan(0);
    await board.update([{ playerId: "board-new", name: "New", rating: 9000 }, { playerId: "board-top", name: "Top", rating: 8000 }]);
    expect(await board.top(2)).toEqual([{ playerId: "board-new", name: "New", rating: 9000 }, { playerId: "board-top", name: "Top", rating: 8000 }]);
    await board.invalidate();
    expect(board.fills).toBe(1);
    await board.top(1);
    expect(board.fills).toBe(2);
  });

  it("records a game end, keeps a refused result in the outbox, drains it and parks an unreadable entry", async () => {
    const sessions = new SessionStore(redis);
    const board = new Leaderboard(redis, repos.users);
    const results = new GameResults(redis, repos, board, sessions);
    const seated = await sessions.create("cm-1", 1200, "playing", "cm-room");
    const done = await results.process({ gameId: "cm-game", roomId: "cm-room", endedAt: 1_700_000_200_000, players: [
      { playerId: "cm-1", name: "One", score: 5 }, { playerId: "cm-2", name: "Two", score: 1 },
    ] });
    expect(done.recorded).toBe(true);
    expect((await sessions.get(seated.sessionId))?.rating).toBe(1216);

    await setFaults(aws().endpoint, { rate: 1, kinds: ["5xx"], services: ["dynamodb"] });
    try {
      const queued = await results.process({ gameId: "cm-outboxed", roomId: "cm-room", endedAt: 1_700_000_300_000, players: [
        { playerId: "cm-3", name: "Three", score: 1 }, { playerId: "cm-4", name: "Four", score: 2 },
      ] });
      expect(queued.recorded).toBe(false);
      expect(await results.outboxLength()).toBe(1);
    } finally {
      await clearFaults(aws().endpoint);
    }
    expect(await results.drain()).toBe(1);
    expect(await results.outboxLength()).toBe(0);
    expect(await repos.history.itemsForGame("cm-outboxed")).toHaveLength(1);

    // The only way to put an unreadable entry in the outbox is from outside; the drain parks it in one script.
    await redis.xadd(results.outboxKey, "*", "result", "{not json");
    expect(await results.drain()).toBe(0);
    expect(await results.outboxLength()).toBe(0);
    expect(await redis.lrange(`${results.outboxKey}:unreadable`, 0, -1)).toEqual(["{not json"]);
  });
});

describe("server processes on a Redis Cluster", { timeout: 120_000 }, () => {
  const running: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(stopServerProcess));
  });
  const start = async (extra: Record<string, string> = {}) => {
    const server = await startServerProcess({ ...env, CHECKPOINT_INTERVAL_MS: "300", ...extra });
    running.push(server);
    return server;
  };
  const client = async (server: ServerProcess, playerId: string) => {
    const c = new Client(server.endpoint);
    c.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId }, "1h");
    return c;
  };
  const quiet = (room: Room) => {
    room.onMessage("*", () => undefined);
    return room;
  };
  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
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
  /** Redis failures the server only logs: a cross-slot pipeline or script, a redirect a plain client cannot follow. */
  const redisErrors = /CROSSSLOT|MOVED|restore pass failed|should belong to the same slot/;

  it("relays a join, plays a match to the end and records the result", async () => {
    const [a, b] = await Promise.all([start({ MATCH_DURATION_MS: "4000" }), start({ MATCH_DURATION_MS: "4000" })]);
    const host = quiet(await (await client(a, "cm-host")).create("arena"));
    const guest = quiet(await (await client(b, "cm-guest")).joinById(host.roomId));
    await Promise.all([host, guest].map((room) => new Promise<void>((resolve) => {
      room.onStateChange((state: { phase: string }) => { if (state.phase === "ended") resolve(); });
    })));

    const items = await waitFor("the game's history item", async () => {
      const found = await gamesOfPlayer(config, "cm-guest");
      return found.length > 0 ? found : undefined;
    });
    expect(items).toHaveLength(1);
    for (const server of [a, b]) {
      expect((await fetch(`${server.endpoint}/ready`)).status).toBe(200);
      const board = await fetch(`${server.endpoint}/leaderboard`);
      expect(board.status).toBe(200);
      expect(((await board.json()) as { entries: { playerId: string }[] }).entries.map((e) => e.playerId)).toContain("cm-guest");
    }
    // Whichever process the matchmaker gave the room, exactly one of the two connections was relayed to it.
    const relayed = await Promise.all([a, b].map(async (s) => /game_relayed_connections_total (\d+)/.exec(await (await fetch(`${s.endpoint}/metrics`)).text())?.[1]));
    expect(relayed.map(Number).sort()).toEqual([0, 1]);
    // Neither process logged a Redis error: the restore pass and heartbeats ran on the cluster too.
    for (const server of [a, b]) expect(server.output()).not.toMatch(redisErrors);
    await Promise.all([host.leave(), guest.leave()]);
  });

  it("restores a room after SIGTERM on its owner, and a process started later still finds it", async () => {
    // B starts after the room exists, so the room is A's.
    const a = await start();
    const room = quiet(await (await client(a, "cm-keeper")).create("arena"));
    room.reconnection.enabled = false;
    const session = await new Promise<{ sessionId: string }>((resolve) => room.onMessage("session", resolve));
    const b = await start();
    const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    await left;
    const found = await (await fetch(`${b.endpoint}/sessions/${session.sessionId}`)).json() as { roomId: string };
    expect(found.roomId).toBe(room.roomId);
    const back = quiet(await waitFor("rejoining the restored room through B", async () => (await client(b, "cm-keeper")).joinById(found.roomId)));
    // C's start-up health check of the other processes (Colyseus asks PUBSUB CHANNELS, which a cluster answers per
    // node) must not drop B's live room from the listing.
    const c = await start();
    const late = quiet(await waitFor("joining through C", async () => (await client(c, "cm-late")).joinById(found.roomId)));
    expect(late.roomId).toBe(room.roomId);
    for (const server of [b, c]) expect(server.output()).not.toMatch(redisErrors);
    await Promise.all([back.leave(), late.leave()]);
  });
});

describe("on a Redis Cluster with TLS and an AUTH token, as ElastiCache with in-transit encryption", { timeout: 120_000 }, () => {
  const token = "cluster-auth-token-0123456789";
  let secure: RedisClusterService;
  let secureEnv: Record<string, string>;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    secure = await startRedisCluster({ tls: true, password: token });
    secureEnv = { ...env, REDIS_URL: secure.url, REDIS_CLUSTER: "true", REDIS_AUTH_MODE: "token", REDIS_AUTH_TOKEN: token };
  });
  afterAll(async () => {
    await stopServerProcess(server);
    await secure?.stop();
  });

  it("reaches every node with TLS and the token, from the server's client and from a server process", async () => {
    const secureConfig = loadServerConfig(secureEnv);
    expect(secureConfig.redis).toMatchObject({ tls: true, cluster: true, authMode: "token" });
    // The test CA is not in Node's store: the client is given it, the process below gets NODE_EXTRA_CA_CERTS.
    const client = createRedis(secureConfig.redis, { tls: { ca: secure.ca!.pem } });
    try {
      // ElastiCache's nodes are host names their certificates name: the client must connect by name, not by IP.
      expect(client instanceof Cluster).toBe(true);
      const lookedUp = await new Promise((resolve) => (client as Cluster).options.dnsLookup!("node-0001.cache.example", (_error, address) => resolve(address)));
      expect(lookedUp).toBe("node-0001.cache.example");
      const sessions = new SessionStore(client, { ttlMs: 60_000 });
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) => sessions.create(`tls-${i}`, 1200)));
      expect((await Promise.all(created.map((s) => sessions.get(s.sessionId)))).every((s) => s !== undefined)).toBe(true);
    } finally {
      client.disconnect();
    }

    server = await startServerProcess({ ...secureEnv, NODE_EXTRA_CA_CERTS: secure.ca!.file });
    expect((await fetch(`${server.endpoint}/ready`)).status).toBe(200);
    const c = new Client(server.endpoint);
    c.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId: "tls-player", name: "tls-player" }, "1h");
    const room = await c.create("arena");
    room.onMessage("*", () => undefined);
    const session = await new Promise<{ sessionId: string }>((resolve) => room.onMessage("session", resolve));
    expect((await fetch(`${server.endpoint}/sessions/${session.sessionId}`)).status).toBe(200);
    expect(server.output()).not.toMatch(/CROSSSLOT|MOVED|restore pass failed|certificate|NOAUTH|WRONGPASS/);
    await room.leave();
  });
});
