// Fault figures (issue 14): game results recorded against results expected across a scripted Redis failover, and
// how many were recorded twice. Goal: 100% recorded, 0 duplicates.
//
// Script: a redis-server primary and a replica (`--replicaof`), behind a TCP endpoint the bench flips as ElastiCache
// flips its primary endpoint. Producers finish games through GameResults while DynamoDB refuses a share of game-end
// transactions (the moto launcher's fault injection), so results go through the outbox; drainers (GameResults of
// their own, as other processes) drain it all along. A third of the way in, the primary is killed, the endpoint
// answers nothing for longer than the 3 s process heartbeat, then the replica is promoted (REPLICAOF NO ONE) and the
// endpoint points at it. At the end the faults stop, the drainers empty the outbox and the DynamoDB fallback, and
// every game is looked up: recorded once (its history item, and each player's gamesPlayed = 1, since each player plays
// one game) or not.
import { Redis } from "ioredis";
import { clearFaults, setFaults } from "../test/aws/admin.ts";
import { startRedis } from "../test/env/redis.ts";
import { Leaderboard } from "../server/leaderboard.ts";
import { createDocumentClient } from "../server/dynamo.ts";
import { createRepositories, type GameResult } from "../server/repositories.ts";
import { GameResults } from "../server/results.ts";
import { SessionStore } from "../server/sessions.ts";
import { startSwitchProxy } from "../server/test/switch-proxy.ts";

export interface FailoverOptions {
  awsEndpoint: string;
  tables: { users: string; gameHistory: string; gameState: string };
  games: number;
  /** Share of game-end transaction calls (each try, not each result) DynamoDB fails while games are played. */
  refusedShare: number;
  /** How long the endpoint answers nothing between the primary's death and the promotion. */
  outageMs: number;
}

export interface FailoverFigures {
  expected: number;
  recorded: number;
  duplicates: number;
  direct: number;
  keptInRedis: number;
  keptInDynamo: number;
  retriedInMemory: number;
  drainSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function failoverFigures(options: FailoverOptions): Promise<FailoverFigures> {
  const primary = await startRedis();
  const replica = await startRedis({ args: ["--replicaof", "127.0.0.1", String(primary.port)] });
  const endpoint = await startSwitchProxy(primary.port);
  const admin = new Redis(replica.port, "127.0.0.1");
  const clients: Redis[] = [];
  const db = createDocumentClient({ region: "us-east-1", endpoint: options.awsEndpoint }, { accessKeyId: "testing", secretAccessKey: "testing" });
  const repos = createRepositories(db, options.tables);
  const results = (leaseMs?: number) => {
    const redis = new Redis(`${endpoint.url}/0`, { maxRetriesPerRequest: 2, retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1_000) });
    redis.on("error", () => undefined);
    clients.push(redis);
    return new GameResults(redis, repos, new Leaderboard(redis, repos.users), new SessionStore(redis), undefined, leaseMs === undefined ? {} : { leaseMs });
  };
  try {
    while (!(await admin.info("replication")).includes("master_link_status:up")) await sleep(100);
    const producer = results();
    // A short lease (30 s in the server), so that drainers also take entries over from one another during the run.
    const drainers = [results(5_000), results(5_000), results(5_000)];
    let draining = true;
    const drainLoops = drainers.map(async (drainer) => {
      while (draining) {
        await drainer.drain().catch(() => 0);
        await sleep(200);
      }
    });
    const figures: FailoverFigures = { expected: options.games, recorded: 0, duplicates: 0, direct: 0, keptInRedis: 0, keptInDynamo: 0, retriedInMemory: 0, drainSeconds: 0 };
    const run = `fo${Date.now().toString(36)}`;
    const game = (i: number): GameResult => ({
      gameId: `${run}-${i}`, roomId: `${run}-room-${i}`, endedAt: Date.now(),
      players: [{ playerId: `${run}-${i}-a`, name: "A", score: 3 }, { playerId: `${run}-${i}-b`, name: "B", score: 1 }],
    });
    await setFaults(options.awsEndpoint, { rate: options.refusedShare, kinds: ["5xx"], services: ["dynamodb"], operations: ["TransactWriteItems"], seed: 14 });
    const failoverAt = Math.floor(options.games / 3);
    let failover: Promise<void> | undefined;
    // Games end 8 at a time, as rooms on several processes would.
    for (let i = 0; i < options.games; i += 8) {
      if (i >= failoverAt && !failover) {
        failover = (async () => {
          await primary.stop();
          endpoint.switchTo(undefined);
          await sleep(options.outageMs);
          await admin.replicaof("NO", "ONE");
          endpoint.switchTo(replica.port);
        })();
      }
      await Promise.all(Array.from({ length: Math.min(8, options.games - i) }, async (_, k) => {
        // A room whose result neither DynamoDB, Redis nor the fallback took retries it every second, as ArenaRoom does.
        for (;;) {
          try {
            const processed = await producer.process(game(i + k));
            if (processed.recorded) figures.direct++;
            else if (processed.keptIn === "redis") figures.keptInRedis++;
            else figures.keptInDynamo++;
            return;
          } catch {
            figures.retriedInMemory++;
            await sleep(1_000);
          }
        }
      }));
    }
    await failover;
    await clearFaults(options.awsEndpoint);
    const drainStarted = Date.now();
    // Done when the outbox is empty and a drain finds nothing in the fallback either, twice in a row.
    for (let quiet = 0; quiet < 2 && Date.now() - drainStarted < 120_000;) {
      await sleep(1_000);
      const waiting = await drainers[0]!.outboxLength().catch(() => 1);
      const found = await drainers[0]!.drain().catch(() => 1);
      quiet = waiting === 0 && found === 0 ? quiet + 1 : 0;
    }
    figures.drainSeconds = (Date.now() - drainStarted) / 1000;
    draining = false;
    await Promise.all(drainLoops);
    for (let i = 0; i < options.games; i++) {
      const items = await repos.history.itemsForGame(`${run}-${i}`);
      if (items.length > 0) figures.recorded++;
      for (const side of ["a", "b"]) {
        const played = (await repos.users.get(`${run}-${i}-${side}`))?.gamesPlayed ?? 0;
        if (played > 1) figures.duplicates += played - 1;
      }
    }
    return figures;
  } finally {
    await clearFaults(options.awsEndpoint).catch(() => undefined);
    for (const client of clients) client.disconnect();
    admin.disconnect();
    db.destroy();
    await endpoint.close();
    await primary.stop();
    await replica.stop();
  }
}
