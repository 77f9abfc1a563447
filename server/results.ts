import type { Logger } from "pino";
import { redisKeys } from "./keys.ts";
import type { Leaderboard } from "./leaderboard.ts";
import { acquireLock, lockToken, releaseLock } from "./locks.ts";
import { recordGameEnd, type GameEndOutcome, type GameResult, type Repositories } from "./repositories.ts";
import type { RedisClient } from "./redis.ts";
import type { SessionStore } from "./sessions.ts";

// One hash tag: an unreadable head moves from the outbox to its parking list in one MULTI.
const OUTBOX = redisKeys.outbox;
const OUTBOX_UNREADABLE = redisKeys.outboxUnreadable;
const OUTBOX_LOCK = redisKeys.outboxDrainLock;

export type GameEndProcessing = { recorded: true; outcome: GameEndOutcome } | { recorded: false; queued: true; error: string };

/**
 * Finishes games: DynamoDB first (history, profiles, ratings in one transaction), then the leaderboard and the
 * players' sessions. A result DynamoDB does not take goes to a Redis outbox and is written by a later drain.
 */
export class GameResults {
  readonly #redis: RedisClient;
  readonly #repos: Repositories;
  readonly #leaderboard: Leaderboard;
  readonly #sessions: SessionStore;
  readonly #log: Logger | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(redis: RedisClient, repos: Repositories, leaderboard: Leaderboard, sessions: SessionStore, log?: Logger) {
    this.#redis = redis;
    this.#repos = repos;
    this.#leaderboard = leaderboard;
    this.#sessions = sessions;
    this.#log = log;
  }

  async process(result: GameResult): Promise<GameEndProcessing> {
    try {
      const outcome = await this.#write(result);
      return { recorded: true, outcome };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.#redis.rpush(OUTBOX, JSON.stringify(result));
      this.#log?.warn({ gameId: result.gameId, error: message }, "game result kept in the Redis outbox until DynamoDB takes it");
      return { recorded: false, queued: true, error: message };
    }
  }

  async #write(result: GameResult): Promise<GameEndOutcome> {
    const outcome = await this.#withPlayerLocks(result.players.map((p) => p.playerId), () => recordGameEnd(this.#repos.users, this.#repos.history, this.#repos.db, result));
    await this.#leaderboard.update(result.players.map((p) => ({ playerId: p.playerId, name: p.name, rating: outcome.ratings.get(p.playerId) ?? 0 })));
    for (const player of result.players) {
      const session = await this.#sessions.forPlayer(player.playerId);
      const rating = outcome.ratings.get(player.playerId);
      if (session && rating !== undefined) await this.#sessions.update(session, { rating });
    }
    return outcome;
  }

  /**
   * Serializes game ends that share a player, across processes, so concurrent games rarely collide; the
   * conditional write on the profile version stays the guarantee (the lock expires and is skipped if Redis is down).
   */
  async #withPlayerLocks<T>(playerIds: string[], work: () => Promise<T>): Promise<T> {
    const token = lockToken();
    const keys = [...new Set(playerIds)].sort().map(redisKeys.playerLock);
    const held: string[] = [];
    try {
      for (const key of keys) {
        const deadline = Date.now() + 5_000;
        while (!(await acquireLock(this.#redis, key, token, 10_000))) {
          if (Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
        }
        held.push(key);
      }
    } catch {
      // Redis unavailable: proceed on the conditional write alone.
    }
    try {
      return await work();
    } finally {
      for (const key of held) {
        await releaseLock(this.#redis, key, token).catch(() => undefined);
      }
    }
  }

  /** The outbox list; its unreadable entries are parked in the list of the same name plus ":unreadable". */
  get outboxKey(): string {
    return OUTBOX;
  }

  async outboxLength(): Promise<number> {
    return this.#redis.llen(OUTBOX);
  }

  /** Writes queued results oldest first; stops at the first that still fails so order is kept. Returns how many were written. */
  async drain(): Promise<number> {
    const token = lockToken();
    if (!(await acquireLock(this.#redis, OUTBOX_LOCK, token, 30_000))) return 0;
    let written = 0;
    try {
      for (;;) {
        const head = await this.#redis.lindex(OUTBOX, 0);
        if (head === null) break;
        let result: GameResult;
        try {
          result = JSON.parse(head) as GameResult;
        } catch {
          // An unreadable entry would block the queue forever: park it for a human.
          await this.#redis.multi().lpop(OUTBOX).rpush(OUTBOX_UNREADABLE, head).exec();
          continue;
        }
        try {
          await this.#write(result);
        } catch (error) {
          this.#log?.warn({ gameId: result.gameId, error: String(error) }, "outbox drain: DynamoDB still failing");
          break;
        }
        // Idempotent by game id, so a crash between the write and this pop only repeats a no-op.
        await this.#redis.lpop(OUTBOX);
        written++;
      }
    } finally {
      await releaseLock(this.#redis, OUTBOX_LOCK, token);
    }
    return written;
  }

  startDraining(intervalMs = 5_000): void {
    this.#timer ??= setInterval(() => { this.drain().catch(() => undefined); }, intervalMs);
    this.#timer.unref();
  }

  stopDraining(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
