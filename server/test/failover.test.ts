import { Client, type Room } from "@colyseus/sdk";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisService } from "../../test/env/redis.ts";
import { issueDevToken } from "../auth.ts";
import type { ServerConfig } from "../config.ts";
import { redisKeys } from "../keys.ts";
import { Leaderboard } from "../leaderboard.ts";
import { createRepositories, type GameResult, type Repositories } from "../repositories.ts";
import { GameResults } from "../results.ts";
import { SessionStore } from "../sessions.ts";
import { TEST_JWT_SECRET, gamesOfPlayer, prepareBackends, testDocumentClient } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";
import { startSwitchProxy, type SwitchProxy } from "./switch-proxy.ts";

// Issue 14, defect 6 (and 5 across a failover): a Redis primary and its replica, real redis-server processes, behind
// endpoints the test flips as ElastiCache flips its primary endpoint. The failover takes longer than the 3 s process
// heartbeat, and the servers' endpoints flip at different times (their DNS caches differ).

let env: Record<string, string>;
let config: ServerConfig;
let repos: Repositories;
const cleanup: (() => Promise<void>)[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  ({ env, config } = await prepareBackends("failover"));
  repos = createRepositories(testDocumentClient(config), config.tables);
});
afterEach(async () => {
  // Each step bounded: leaving a room whose connection already dropped never answers.
  for (const step of cleanup.splice(0).reverse()) await Promise.race([step().catch(() => undefined), sleep(3_000)]);
});
afterAll(() => repos.db.destroy());

interface Pair { primary: RedisService; replica: RedisService; promote(): Promise<void> }

/** A primary and a replica that has caught up with it; promote() is `REPLICAOF NO ONE` on the replica. */
async function primaryAndReplica(): Promise<Pair> {
  const primary = await startRedis();
  cleanup.push(() => primary.stop());
  const replica = await startRedis({ args: ["--replicaof", "127.0.0.1", String(primary.port)] });
  cleanup.push(() => replica.stop());
  const admin = new Redis(replica.port, "127.0.0.1");
  cleanup.push(async () => admin.disconnect());
  const deadline = Date.now() + 10_000;
  while (!(await admin.info("replication")).includes("master_link_status:up")) {
    if (Date.now() > deadline) throw new Error("the replica did not catch up with its primary in 10 s");
    await sleep(100);
  }
  return { primary, replica, promote: async () => void (await admin.replicaof("NO", "ONE")) };
}

/** A primary and its replica behind one endpoint, and a client of that endpoint (the server's retry budget). */
async function clientOfPair(): Promise<{ pair: Pair; proxy: SwitchProxy; redis: Redis }> {
  const pair = await primaryAndReplica();
  const proxy = await endpoint(pair.primary.port);
  const redis = new Redis(`${proxy.url}/0`, { maxRetriesPerRequest: 2 });
  redis.on("error", () => undefined);
  cleanup.push(async () => redis.disconnect());
  return { pair, proxy, redis };
}

async function endpoint(port: number): Promise<SwitchProxy> {
  const proxy = await startSwitchProxy(port);
  cleanup.push(() => proxy.close());
  return proxy;
}

/** A server process on the Redis at `redisUrl` (with its database). */
async function server(redisUrl: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const started = await startServerProcess({ ...env, REDIS_URL: redisUrl, CHECKPOINT_INTERVAL_MS: "300", LOG_LEVEL: "info", ...extra });
  cleanup.push(() => stopServerProcess(started));
  return started;
}

async function join(target: ServerProcess, playerId: string): Promise<Room> {
  const client = new Client(target.endpoint);
  client.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId }, "1h");
  const room = await client.create("arena");
  room.reconnection.enabled = false;
  cleanup.push(async () => void (await room.leave().catch(() => undefined)));
  return room;
}

const game = (gameId: string): GameResult => ({
  gameId, roomId: `room-${gameId}`, endedAt: 1_700_000_000_000, players: [{ playerId: `${gameId}-a`, name: "A", score: 2 }, { playerId: `${gameId}-b`, name: "B", score: 1 }],
});

describe("a Redis failover longer than the process heartbeat", { timeout: 120_000 }, () => {
  it("leaves a running room live in its one process, and records its result once", async () => {
    const pair = await primaryAndReplica();
    const [toA, toB] = [await endpoint(pair.primary.port), await endpoint(pair.primary.port)];
    const a = await server(`${toA.url}/0`, { MATCH_DURATION_MS: "25000" });
    const room = await join(a, "fo-player");
    const ended = new Promise<{ gameId: string }>((resolve) => room.onMessage("ended", resolve));
    room.onMessage("*", () => undefined);
    const b = await server(`${toB.url}/0`);
    room.send("move", { dx: 1, dy: 0 });
    await sleep(1_000);

    await pair.primary.stop();
    toA.switchTo(undefined);
    toB.switchTo(undefined);
    await sleep(4_000);
    await pair.promote();
    toB.switchTo(pair.replica.port);
    // B reaches the new primary first; A's heartbeat has expired there, but A still runs the room.
    await sleep(4_000);
    toA.switchTo(pair.replica.port);
    await sleep(3_000);

    // No process restored the room: it never went live a second time.
    expect(b.output()).not.toMatch(/restored an orphaned room|room restored from its checkpoint/);
    expect(a.output()).not.toMatch(/restored an orphaned room|room restored from its checkpoint/);
    const registry = new Redis(`${toB.url}/0`);
    cleanup.push(async () => registry.disconnect());
    expect(await registry.hget(redisKeys.liveRooms, room.roomId)).toBe(a.processId);
    const { gameId } = await ended;
    const games = await gamesOfPlayer(config, "fo-player");
    expect(games.map((g) => g.game)).toEqual([gameId]);
    expect((await repos.users.get("fo-player"))?.gamesPlayed).toBe(1);
  });

  it("fences an owner that paused past its lease: its copy is dropped, its client sent to reconnect, the game recorded once", async () => {
    const a = await server(env.REDIS_URL!, { MATCH_DURATION_MS: "20000" });
    const room = await join(a, "fence-player");
    room.onMessage("*", () => undefined);
    const dropped = new Promise<number>((resolve) => {
      room.onDrop((code) => resolve(code));
      room.onLeave((code) => resolve(code));
    });
    const b = await server(env.REDIS_URL!, { MATCH_DURATION_MS: "20000" });
    // A stops dead (a GC pause, a frozen VM) for longer than its lease: B takes the room over.
    a.child.kill("SIGSTOP");
    const deadline = Date.now() + 20_000;
    while (!/restored an orphaned room/.test(b.output())) {
      if (Date.now() > deadline) {
        a.child.kill("SIGCONT");
        throw new Error(`B did not take the room over:\n${b.output()}`);
      }
      await sleep(200);
    }
    a.child.kill("SIGCONT");
    // A's next checkpoint carries its old fencing token, is refused, and A drops its copy with a reconnect code.
    expect(await Promise.race([dropped, sleep(5_000).then(() => "still live in A")])).toBe(4010);
    // The close frame can reach the client before A's log line, written asynchronously, reaches the pipe.
    for (const until = Date.now() + 5_000; !/room taken over by another process/.test(a.output()) && Date.now() < until;) await sleep(100);
    expect(a.output()).toMatch(/room taken over by another process/);
    const registry = new Redis(env.REDIS_URL!);
    cleanup.push(async () => registry.disconnect());
    expect(await registry.hget(redisKeys.liveRooms, room.roomId)).toBe(b.processId);
    const deadlineEnd = Date.now() + 30_000;
    while ((await gamesOfPlayer(config, "fence-player")).length === 0 && Date.now() < deadlineEnd) await sleep(500);
    expect(await gamesOfPlayer(config, "fence-player")).toHaveLength(1);
    expect((await repos.users.get("fence-player"))?.gamesPlayed).toBe(1);
  });

  it("loses no outboxed result and records none twice", async () => {
    const { pair, proxy, redis } = await clientOfPair();
    const refusing = { ...repos, history: Object.assign(Object.create(Object.getPrototypeOf(repos.history) as object) as typeof repos.history, repos.history, { table: "no-such-table" }) };
    const queue = new GameResults(redis, refusing, new Leaderboard(redis, repos.users), new SessionStore(redis));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(`before-${i}`);
      expect(await queue.process(game(`before-${i}`))).toMatchObject({ recorded: false, queued: true });
    }
    await pair.primary.stop();
    proxy.switchTo(undefined);
    for (let i = 0; i < 2; i++) {
      ids.push(`during-${i}`);
      expect(await queue.process(game(`during-${i}`))).toMatchObject({ recorded: false, queued: true });
    }
    await sleep(4_000);
    await pair.promote();
    proxy.switchTo(pair.replica.port);

    const drainers = [0, 1].map(() => new GameResults(redis, repos, new Leaderboard(redis, repos.users), new SessionStore(redis), undefined, { leaseMs: 500 }));
    for (let round = 0; round < 10 && (await drainers[0]!.outboxLength().catch(() => 1)) > 0; round++) {
      await Promise.all(drainers.map((d) => d.drain().catch(() => 0)));
      await sleep(600);
    }
    await Promise.all(drainers.map((d) => d.drain()));
    expect(await drainers[0]!.outboxLength()).toBe(0);
    for (const id of ids) {
      expect(await repos.history.itemsForGame(id), id).toHaveLength(1);
      expect((await repos.users.get(`${id}-a`))?.gamesPlayed, id).toBe(1);
    }
  });
});

describe("sessions across a failover", { timeout: 60_000 }, () => {
  it("keep working on the promoted replica, which has the Functions already, and on a primary restarted empty", async () => {
    const { pair, proxy, redis } = await clientOfPair();
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const session = await sessions.create("hana", 1200, "playing", "room-h");
    const loads = async () => Number(/cmdstat_function\|load:calls=(\d+)/.exec(await redis.info("commandstats"))?.[1] ?? 0);

    await sleep(200); // the replica applies the session it was sent
    await pair.primary.stop();
    await pair.promote();
    proxy.switchTo(pair.replica.port);
    // The replica had the library from its primary (its commandstats count the replicated load): the update runs
    // without loading it again.
    const replicated = await loads();
    expect(await sessions.update(session, { status: "disconnected" })).toBe(true);
    expect(await loads()).toBe(replicated);

    // A primary restarted without persistence: no sessions and no Functions; the next call loads them.
    const empty = await startRedis();
    cleanup.push(() => empty.stop());
    proxy.switchTo(empty.port);
    expect(await sessions.update(session, { status: "playing" })).toBe(false);
    expect(await loads()).toBe(1);
    expect((await sessions.create("hana", 1200, "playing", "room-h")).playerId).toBe("hana");
  });
});
