import { redisKeys } from "./keys.ts";
import { acquireLock, lockToken, releaseLock } from "./locks.ts";
import type { RedisClient } from "./redis.ts";
import type { UserRepository } from "./repositories.ts";

export interface LeaderboardEntry {
  playerId: string;
  name: string;
  rating: number;
}

// One hash tag: the fill's MULTI and the update script touch the board and the names together.
const BOARD = redisKeys.leaderboard;
const NAMES = redisKeys.leaderboardNames;
const FILL_LOCK = redisKeys.leaderboardFillLock;
const EMPTY_MARKER = "\u0000empty";

// Updates a cached board only: on a cold cache the next read fills from DynamoDB, which already has the rating.
const UPDATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 3 do
  redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
end
return 1`;

type LeaderboardCommands = { leaderboardUpdate(board: string, names: string, ...args: (string | number)[]): Promise<number> };

/**
 * Cache-aside over the users table: a miss queries DynamoDB once (single-flight within the process, and a
 * short Redis lock across processes) and fills a sorted set with a TTL; game ends update it atomically.
 */
export class Leaderboard {
  readonly #redis: RedisClient & LeaderboardCommands;
  readonly #users: UserRepository;
  readonly #ttlMs: number;
  readonly #size: number;
  #inFlight: Promise<void> | undefined;
  /** DynamoDB queries made to fill the cache; tests and metrics read it. */
  fills = 0;

  constructor(redis: RedisClient, users: UserRepository, options: { ttlMs?: number; size?: number } = {}) {
    if (!("leaderboardUpdate" in redis)) redis.defineCommand("leaderboardUpdate", { numberOfKeys: 2, lua: UPDATE_SCRIPT });
    this.#redis = redis as RedisClient & LeaderboardCommands;
    this.#users = users;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#size = options.size ?? 100;
  }

  async top(limit = 10): Promise<LeaderboardEntry[]> {
    const cached = await this.#read(limit);
    if (cached) return cached;
    this.#inFlight ??= this.#fill().finally(() => { this.#inFlight = undefined; });
    await this.#inFlight;
    return (await this.#read(limit)) ?? [];
  }

  async #read(limit: number): Promise<LeaderboardEntry[] | undefined> {
    const [[, exists], [, flat]] = (await this.#redis.multi().exists(BOARD).zrevrange(BOARD, 0, limit - 1, "WITHSCORES").exec()) as [[unknown, number], [unknown, string[]]];
    if (exists === 0) return undefined;
    const ids: string[] = [];
    const scores: number[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      if (flat[i] === EMPTY_MARKER) continue;
      ids.push(flat[i]!);
      scores.push(Number(flat[i + 1]));
    }
    const names = ids.length > 0 ? await this.#redis.hmget(NAMES, ...ids) : [];
    return ids.map((playerId, i) => ({ playerId, name: names[i] ?? "", rating: scores[i]! }));
  }

  async #fill(): Promise<void> {
    const token = lockToken();
    if (!(await acquireLock(this.#redis, FILL_LOCK, token, 5_000))) {
      // Another process is filling: wait for it rather than querying DynamoDB too.
      for (let i = 0; i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if ((await this.#redis.exists(BOARD)) === 1) return;
        if ((await this.#redis.exists(FILL_LOCK)) === 0) break;
      }
    }
    try {
      this.fills++;
      const players = await this.#users.topByRating(this.#size);
      const multi = this.#redis.multi().del(BOARD, NAMES);
      // A marker member keeps an empty board distinguishable from a missing one.
      multi.zadd(BOARD, "-inf", EMPTY_MARKER);
      for (const p of players) multi.zadd(BOARD, p.rating, p.playerId).hset(NAMES, p.playerId, p.name);
      multi.pexpire(BOARD, this.#ttlMs).pexpire(NAMES, this.#ttlMs);
      await multi.exec();
    } finally {
      await releaseLock(this.#redis, FILL_LOCK, token);
    }
  }

  /** Applies new ratings to a cached board in one atomic step. */
  async update(entries: LeaderboardEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.#redis.leaderboardUpdate(BOARD, NAMES, ...entries.flatMap((e) => [e.playerId, e.rating, e.name]));
  }

  async invalidate(): Promise<void> {
    await this.#redis.del(BOARD, NAMES);
  }
}
