import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearFaults, setFaults } from "../../test/aws/admin.ts";
import { aws } from "../../test/env/index.ts";
import { freePort } from "../../test/env/process.ts";
import type { ServerConfig } from "../config.ts";
import { Leaderboard } from "../leaderboard.ts";
import { createRepositories, type GameResult, type Repositories } from "../repositories.ts";
import { GameResults } from "../results.ts";
import { SessionStore } from "../sessions.ts";
import { prepareBackends, testDocumentClient } from "./fixtures.ts";

// Issue 14, defect 5: the outbox must neither lose nor duplicate a result, whatever its drainers do.

let config: ServerConfig;
let redis: Redis;
let repos: Repositories;

beforeAll(async () => {
  ({ config } = await prepareBackends("outbox"));
  redis = new Redis(config.redis.url);
  repos = createRepositories(testDocumentClient(config), config.tables);
});
afterAll(() => redis.disconnect());

const LEASE_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function results(using: Repositories, client: Redis = redis): GameResults {
  return new GameResults(client, using, new Leaderboard(client, repos.users), new SessionStore(client), undefined, { leaseMs: LEASE_MS });
}

/** Repositories whose game-history table is missing: every result they process is refused and queued. */
function refusing(): Repositories {
  return { ...repos, history: Object.assign(Object.create(Object.getPrototypeOf(repos.history) as object) as typeof repos.history, repos.history, { table: "no-such-table" }) };
}

/**
 * Fault injection at a seam the test owns: the game-end transaction of these repositories waits until `release`
 * is called, as a drainer would in a long GC pause, a stalled socket or a backlog after a DynamoDB outage.
 */
function pausing(): { repos: Repositories; reached: Promise<void>; release: () => void } {
  let release!: () => void;
  let reachedResolve!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (reachedResolve = resolve));
  const db = new Proxy(repos.db, {
    get(target, property) {
      if (property !== "send") return Reflect.get(target, property, target) as unknown;
      return async (command: Parameters<DynamoDBDocumentClient["send"]>[0]) => {
        if (command.constructor.name === "TransactWriteCommand") {
          reachedResolve();
          await gate;
        }
        return target.send(command);
      };
    },
  });
  return { repos: { ...repos, db }, reached, release };
}

const game = (gameId: string, a: string, b: string): GameResult => ({
  gameId, roomId: `room-${gameId}`, endedAt: 1_700_000_000_000, players: [{ playerId: a, name: a, score: 2 }, { playerId: b, name: b, score: 1 }],
});

async function drainAll(drainer: GameResults): Promise<void> {
  for (let i = 0; i < 20 && (await drainer.outboxLength()) > 0; i++) {
    await drainer.drain();
    await sleep(LEASE_MS + 50);
  }
}

describe("the results outbox", () => {
  it("never removes a result it did not write, when a drainer pauses past its lease and another drains meanwhile", async () => {
    const queue = results(refusing());
    await queue.process(game("paused-1", "pa", "pb"));
    expect(await queue.outboxLength()).toBe(1);

    const slow = pausing();
    const a = results(slow.repos);
    const aDrain = a.drain();
    await slow.reached;
    // A's lease runs out while it is paused (the lock of a list-based outbox is deleted as its expiry would).
    await redis.del("{outbox}:drain-lock");
    await sleep(LEASE_MS + 100);
    const b = results(repos);
    expect(await b.drain()).toBe(1);
    // A result queued while A is still paused: A must not remove it on waking up, since A never wrote it.
    await queue.process(game("paused-2", "pc", "pd"));
    slow.release();
    await aDrain;
    await drainAll(b);

    expect(await b.outboxLength()).toBe(0);
    expect(await repos.history.itemsForGame("paused-1")).toHaveLength(1);
    expect(await repos.history.itemsForGame("paused-2")).toHaveLength(1);
    // Counted once each, although paused-1 was written by both drainers.
    expect((await repos.users.get("pa"))?.gamesPlayed).toBe(1);
    expect((await repos.users.get("pc"))?.gamesPlayed).toBe(1);
  });

  it("writes every result exactly once with three drainers at once", async () => {
    const queue = results(refusing());
    const ids = Array.from({ length: 12 }, (_, i) => `many-${i}`);
    for (const id of ids) await queue.process(game(id, `${id}-x`, `${id}-y`));
    const drainers = [results(repos), results(repos), results(repos)];
    await Promise.all(drainers.map((d) => d.drain()));
    await drainAll(drainers[0]!);
    expect(await drainers[0]!.outboxLength()).toBe(0);
    for (const id of ids) {
      expect(await repos.history.itemsForGame(id), id).toHaveLength(1);
      expect(await repos.users.get(`${id}-x`), id).toMatchObject({ gamesPlayed: 1 });
    }
  });

  it("drains results left in the list-based outbox of an earlier version", async () => {
    await redis.rpush("{outbox}:game-results", JSON.stringify(game("legacy-1", "la", "lb")), JSON.stringify(game("legacy-2", "lc", "ld")));
    const drainer = results(repos);
    await drainAll(drainer);
    expect(await redis.exists("{outbox}:game-results")).toBe(0);
    expect(await repos.history.itemsForGame("legacy-1")).toHaveLength(1);
    expect(await repos.history.itemsForGame("legacy-2")).toHaveLength(1);
  });

  it("keeps a result in DynamoDB when neither the game-end transaction nor Redis takes it, and records it later", async () => {
    const down = new Redis(await freePort(), "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    down.on("error", () => undefined);
    const offline = results(repos, down);
    await setFaults(aws().endpoint, { rate: 1, kinds: ["5xx"], services: ["dynamodb"], operations: ["TransactWriteItems"] });
    try {
      const processed = await offline.process(game("fallback-1", "fa", "fb"));
      expect(processed).toMatchObject({ recorded: false, queued: true });
      expect(await offline.drain()).toBe(0);
    } finally {
      await clearFaults(aws().endpoint);
    }
    expect(await repos.history.itemsForGame("fallback-1")).toHaveLength(0);
    // Redis is still down: the result is recorded from where it was kept in DynamoDB.
    expect(await offline.drain()).toBe(1);
    expect(await repos.history.itemsForGame("fallback-1")).toHaveLength(1);
    expect(await offline.drain()).toBe(0);
    expect((await repos.users.get("fa"))?.gamesPlayed).toBe(1);
    down.disconnect();
  });
});
