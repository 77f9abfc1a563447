import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, setFaults } from "../../test/aws/admin.ts";
import { aws } from "../../test/env/index.ts";
import type { ServerConfig } from "../config.ts";
import { redisKeys } from "../keys.ts";
import { Leaderboard } from "../leaderboard.ts";
import { PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { leaderboardIndex, leaderboardPartition } from "../../src/contract/game-server.ts";
import { createRepositories, recordGameEnd, type Repositories, type UserRepository } from "../repositories.ts";
import { GameResults } from "../results.ts";
import { SESSION_FUNCTIONS, SessionStore } from "../sessions.ts";
import { startRedis } from "../../test/env/redis.ts";
import { gamesOfPlayer, prepareBackends, testDocumentClient } from "./fixtures.ts";

let config: ServerConfig;
let redis: Redis;
let repos: Repositories;

beforeAll(async () => {
  ({ config } = await prepareBackends("data"));
  redis = new Redis(config.redis.url);
  repos = createRepositories(testDocumentClient(config), config.tables);
});
afterAll(() => redis.disconnect());

describe("sessions", () => {
  it("creates a hash with a TTL and an index by player, and updates atomically", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const session = await sessions.create("alice", 1200);
    expect(await redis.hgetall(redisKeys.session(session.sessionId))).toMatchObject({ player_id: "alice", status: "lobby", rating: "1200" });
    expect(await sessions.ttlMs(session.sessionId)).toBeGreaterThan(50_000);
    expect((await sessions.forPlayer("alice"))?.sessionId).toBe(session.sessionId);
    expect(await sessions.update(session, { status: "playing", rating: 1234, roomId: "r1" })).toBe(true);
    expect(await sessions.get(session.sessionId)).toMatchObject({ status: "playing", rating: 1234, roomId: "r1" });
    const replaced = await sessions.create("alice", 1234);
    expect(await sessions.get(session.sessionId)).toBeUndefined();
    expect((await sessions.forPlayer("alice"))?.sessionId).toBe(replaced.sessionId);
  });

  it("starts a session in its room in the same call, and an update refreshes the by-player index", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const session = await sessions.create("carol", 1300, "playing", "room-1");
    expect(session.roomId).toBe("room-1");
    expect(await sessions.get(session.sessionId)).toMatchObject({ playerId: "carol", status: "playing", rating: 1300, roomId: "room-1" });
    await redis.pexpire(redisKeys.playerSession("carol"), 1_000);
    expect(await sessions.update(session, { status: "disconnected" })).toBe(true);
    expect(await redis.pttl(redisKeys.playerSession("carol"))).toBeGreaterThan(50_000);
    expect(await sessions.get(session.sessionId)).toMatchObject({ status: "disconnected", roomId: "room-1" });
  });

  it("does not resurrect an expired session on update", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 50 });
    const session = await sessions.create("bob", 1200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await sessions.update(session, { status: "playing" })).toBe(false);
    expect(await redis.exists(redisKeys.session(session.sessionId))).toBe(0);
  });

  it("keeps seated players' sessions alive in one round trip, and leaves an expired one expired", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const seated = await sessions.create("dave", 1200, "playing", "room-2");
    const gone = await sessions.create("erin", 1200, "playing", "room-2");
    await redis.pexpire(redisKeys.session(seated.sessionId), 1_000);
    await redis.pexpire(redisKeys.playerSession("dave"), 1_000);
    await redis.del(redisKeys.session(gone.sessionId));
    await sessions.keepAlive([seated, gone]);
    expect(await sessions.ttlMs(seated.sessionId)).toBeGreaterThan(50_000);
    expect(await redis.pttl(redisKeys.playerSession("dave"))).toBeGreaterThan(50_000);
    expect(await redis.exists(redisKeys.session(gone.sessionId))).toBe(0);
    await sessions.keepAlive([]);
  });

  it("runs as a Redis Function, loaded again when the server lost it (FUNCTION FLUSH, a restart without persistence)", async () => {
    const sessions = new SessionStore(redis, { ttlMs: 60_000 });
    const session = await sessions.create("fran", 1200);
    const libraries = async () => ((await redis.call("FUNCTION", "LIST", "LIBRARYNAME", SESSION_FUNCTIONS.library)) as unknown[]).length;
    expect(await libraries()).toBe(1);
    const calls = async (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await redis.info("commandstats"))?.[1] ?? 0);
    const before = await calls("fcall");
    expect(await sessions.update(session, { status: "playing" })).toBe(true);
    expect(await calls("fcall")).toBe(before + 1);

    await redis.call("FUNCTION", "FLUSH");
    // Concurrent calls that all find the library gone share one load.
    const loads = await calls("function\\|load");
    const updates = await Promise.all(Array.from({ length: 8 }, () => sessions.update(session, { status: "disconnected" })));
    expect(updates).toEqual(Array(8).fill(true));
    expect(await calls("function\\|load")).toBe(loads + 1);
    expect(await libraries()).toBe(1);
    expect(await sessions.get(session.sessionId)).toMatchObject({ status: "disconnected" });
    await redis.call("FUNCTION", "FLUSH");
    expect((await sessions.create("fran", 1210)).rating).toBe(1210);
  });

  it("falls back to scripts on a server without Redis Functions (Redis 6)", async () => {
    // A real redis-server whose FCALL and FUNCTION answer as on Redis 6: "unknown command".
    const older = await startRedis({ args: ["--rename-command", "FCALL", "", "--rename-command", "FUNCTION", ""] });
    const client = new Redis(older.url);
    try {
      const sessions = new SessionStore(client, { ttlMs: 60_000 });
      const session = await sessions.create("gus", 1200, "playing", "room-3");
      expect(await sessions.update(session, { status: "disconnected" })).toBe(true);
      expect(await sessions.get(session.sessionId)).toMatchObject({ playerId: "gus", status: "disconnected", roomId: "room-3" });
      // The scripts were cached by the first EVAL, so later calls are EVALSHA; and a SCRIPT FLUSH is recovered from.
      await client.script("FLUSH");
      expect(await sessions.update(session, { status: "playing" })).toBe(true);
      expect(await client.info("commandstats")).toMatch(/cmdstat_evalsha:calls=[1-9]/);
    } finally {
      client.disconnect();
      await older.stop();
    }
  });
});

describe("users", () => {
  it("creates the profile on first login only", async () => {
    const first = await repos.users.getOrCreate("carol", "Carol");
    const again = await repos.users.getOrCreate("carol", "Someone else");
    expect(again).toEqual(first);
    const racing = await Promise.all([1, 2, 3].map(() => repos.users.getOrCreate("dave", "Dave")));
    expect(new Set(racing.map((p) => p.createdAt)).size).toBe(1);
  });
});

describe("game end", () => {
  it("writes one history item when processed twice, and updates ratings once", async () => {
    const result = { gameId: "game-1", roomId: "room-1", endedAt: 1_700_000_000_000, players: [
      { playerId: "p1", name: "One", score: 10 }, { playerId: "p2", name: "Two", score: 3 },
    ] };
    const first = await recordGameEnd(repos.users, repos.history, repos.db, result);
    const second = await recordGameEnd(repos.users, repos.history, repos.db, result);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.ratings).toEqual(first.ratings);
    expect(await repos.history.itemsForGame("game-1")).toHaveLength(1);
    const p1 = await repos.users.get("p1");
    expect(p1).toMatchObject({ rating: 1216, gamesPlayed: 1, wins: 1, version: 2 });
    expect((await repos.users.get("p2"))?.rating).toBe(1184);
    expect((await gamesOfPlayer(config, "p1")).map((item) => item.game)).toEqual(["game-1"]);
  });

  it("recomputes from the new profile when another writer changed it between read and write", async () => {
    await repos.users.getOrCreate("raced", "Raced");
    let interfered = false;
    const racingUsers = Object.create(repos.users) as UserRepository;
    racingUsers.getOrCreate = async (playerId, name) => {
      const profile = await repos.users.getOrCreate(playerId, name);
      if (playerId === "raced" && !interfered) {
        interfered = true;
        // A concurrent game lands after our read: rating 1500, version bumped.
        await repos.db.send(new UpdateCommand({
          TableName: repos.users.table, Key: { playerId }, UpdateExpression: "SET rating = :r, version = version + :one",
          ExpressionAttributeValues: { ":r": 1500, ":one": 1 },
        }));
      }
      return profile;
    };
    await recordGameEnd(racingUsers, repos.history, repos.db, {
      gameId: "raced-game", roomId: "r", endedAt: 1_700_000_000_500,
      players: [{ playerId: "raced", name: "Raced", score: 1 }, { playerId: "raced-opponent", name: "O", score: 0 }],
    });
    const profile = await repos.users.get("raced");
    expect(profile?.version).toBe(3);
    // Elo from 1500 against 1200, not from the stale 1200: a lost update would give 1216.
    expect(profile?.rating).toBe(1505);
  });

  it("loses no rating update under concurrent games sharing a player", async () => {
    const games = Array.from({ length: 5 }, (_, i) => ({
      gameId: `concurrent-${i}`, roomId: `room-${i}`, endedAt: 1_700_000_000_000 + i,
      players: [{ playerId: "shared", name: "Shared", score: 5 }, { playerId: `opponent-${i}`, name: "O", score: 1 }],
    }));
    const results = new GameResults(redis, repos, new Leaderboard(redis, repos.users), new SessionStore(redis));
    const outcomes = await Promise.all(games.map((g) => results.process(g)));
    expect(outcomes.every((o) => o.recorded)).toBe(true);
    const shared = await repos.users.get("shared");
    expect(shared?.gamesPlayed).toBe(5);
    expect(shared?.version).toBe(6);
    expect(shared!.rating).toBeGreaterThan(1200 + 4 * 10);
  });
});

describe("leaderboard source", () => {
  it("reads the top players from the by-rating index, and a profile written before the index joins it at its next game", async () => {
    // A profile as a server without the index wrote it: no partition attribute, so not on the index yet.
    await repos.db.send(new PutCommand({
      TableName: repos.users.table,
      Item: { playerId: "veteran", name: "Veteran", rating: 4000, gamesPlayed: 9, wins: 9, version: 1, createdAt: 1, updatedAt: 1 },
    }));
    const fresh = await repos.users.getOrCreate("newbie", "Newbie");
    expect(fresh).toMatchObject({ board: leaderboardPartition });
    expect(await repos.users.get("newbie")).toMatchObject({ board: leaderboardPartition });
    const onIndex = async () => (await repos.db.send(new QueryCommand({
      TableName: repos.users.table, IndexName: leaderboardIndex.index, KeyConditionExpression: "board = :b",
      ExpressionAttributeValues: { ":b": leaderboardPartition },
    }))).Items?.map((item) => item.playerId as string) ?? [];
    expect(await onIndex()).toContain("newbie");
    expect(await onIndex()).not.toContain("veteran");

    await recordGameEnd(repos.users, repos.history, repos.db, {
      gameId: "veteran-game", roomId: "r", endedAt: 1_700_000_000_900,
      players: [{ playerId: "veteran", name: "Veteran", score: 3 }, { playerId: "newbie", name: "Newbie", score: 1 }],
    });
    expect(await onIndex()).toContain("veteran");
    const top = await repos.users.topByRating(2);
    expect(top).toHaveLength(2);
    expect(top[0]).toEqual({ playerId: "veteran", name: "Veteran", rating: (await repos.users.get("veteran"))!.rating });
    expect(top[0]!.rating).toBeGreaterThanOrEqual(top[1]!.rating);
    const all = await repos.users.topByRating(1_000);
    expect(all.map((p) => p.rating)).toEqual([...all.map((p) => p.rating)].sort((a, b) => b - a));
  });
});

describe("leaderboard cache", () => {
  it("fills on a miss with a TTL, serves hits from Redis, single-flights a cold read and takes updates", async () => {
    const board = new Leaderboard(redis, repos.users, { ttlMs: 30_000 });
    await board.invalidate();
    expect(await redis.exists(redisKeys.leaderboard)).toBe(0);
    const cold = await Promise.all(Array.from({ length: 20 }, () => board.top(3)));
    expect(board.fills).toBe(1);
    const best = (await repos.users.topByRating(1))[0]!;
    expect(cold[0]![0]).toEqual(best);
    expect(new Set(cold.map((c) => JSON.stringify(c))).size).toBe(1);
    expect(await redis.pttl(redisKeys.leaderboard)).toBeGreaterThan(20_000);
    await board.top(3);
    expect(board.fills).toBe(1);
    await board.update([{ playerId: "newcomer", name: "New", rating: 5000 }]);
    expect((await board.top(1))[0]).toEqual({ playerId: "newcomer", name: "New", rating: 5000 });
    expect(board.fills).toBe(1);
    // A second instance (another process) reading a cold board while the first fills does not query again.
    const other = new Leaderboard(redis, repos.users);
    await board.invalidate();
    await Promise.all([board.top(3), other.top(3)]);
    expect(board.fills + other.fills).toBe(1 + 1);
  });
});

describe("outbox", () => {
  it("keeps a result DynamoDB refused and writes it on a later drain", async () => {
    const sessions = new SessionStore(redis);
    const board = new Leaderboard(redis, repos.users);
    const results = new GameResults(redis, repos, board, sessions);
    const result = { gameId: "outboxed", roomId: "room-x", endedAt: 1_700_000_100_000, players: [
      { playerId: "q1", name: "Q1", score: 1 }, { playerId: "q2", name: "Q2", score: 2 },
    ] };
    await setFaults(aws().endpoint, { rate: 1, kinds: ["5xx"], services: ["dynamodb"] });
    try {
      const processed = await results.process(result);
      expect(processed.recorded).toBe(false);
      expect(await results.outboxLength()).toBe(1);
      expect(await results.drain()).toBe(0);
      expect(await results.outboxLength()).toBe(1);
    } finally {
      await clearFaults(aws().endpoint);
    }
    expect(await results.drain()).toBe(1);
    expect(await results.outboxLength()).toBe(0);
    expect(await repos.history.itemsForGame("outboxed")).toHaveLength(1);
    expect((await repos.users.get("q2"))?.wins).toBe(1);
  });

  it("goes to the outbox when the table does not exist, too", async () => {
    const broken = { ...repos, history: Object.assign(Object.create(Object.getPrototypeOf(repos.history) as object) as typeof repos.history, repos.history, { table: "no-such-table" }) };
    const results = new GameResults(redis, broken, new Leaderboard(redis, repos.users), new SessionStore(redis));
    const processed = await results.process({ gameId: "lost?", roomId: "r", endedAt: 1, players: [{ playerId: "z", name: "Z", score: 0 }] });
    expect(processed.recorded).toBe(false);
    expect(await results.outboxLength()).toBe(1);
    await redis.del(redisKeys.outbox);
  });
});
