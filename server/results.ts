import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { redisKeys } from "./keys.ts";
import type { Leaderboard } from "./leaderboard.ts";
import { acquireLock, lockToken, releaseLock } from "./locks.ts";
import { pendingResultKey, recordGameEnd, type GameEndOutcome, type GameResult, type Repositories } from "./repositories.ts";
import type { RedisClient } from "./redis.ts";
import type { SessionStore } from "./sessions.ts";

// One hash tag: the stream, its parking list and the legacy list are touched together by the scripts below.
const OUTBOX = redisKeys.outbox;
const OUTBOX_UNREADABLE = redisKeys.outboxUnreadable;
const LEGACY_OUTBOX = redisKeys.legacyOutbox;
const GROUP = "drainers";
const FIELD = "result";

// An entry that cannot be read would be redelivered forever: acknowledge, delete and park it in one step.
const PARK_SCRIPT = `
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
return 1`;
// Moves up to ARGV[2] entries of the old list into the stream, each pop and add together, so none is lost or doubled.
const MIGRATE_SCRIPT = `
local moved = 0
for i = 1, tonumber(ARGV[2]) do
  local entry = redis.call('LPOP', KEYS[1])
  if not entry then break end
  redis.call('XADD', KEYS[2], '*', ARGV[1], entry)
  moved = moved + 1
end
return moved`;

type OutboxCommands = {
  outboxPark(stream: string, parking: string, group: string, id: string, entry: string): Promise<number>;
  outboxMigrate(legacy: string, stream: string, field: string, count: number): Promise<number>;
};
type StreamEntry = [id: string, fields: string[] | null];

export type GameEndProcessing =
  | { recorded: true; outcome: GameEndOutcome }
  /** keptIn: where the result waits for a drain (the Redis outbox, or DynamoDB's game-state table when Redis refused it). */
  | { recorded: false; queued: true; keptIn: "redis" | "dynamodb"; error: string };

export interface GameResultsOptions {
  /**
   * How long an outbox entry handed to one drainer stays its own: past it, any drainer takes it over (XAUTOCLAIM).
   * Only a matter of speed, not of safety: a drainer that wakes up past its lease writes a result at most a second
   * time, which DynamoDB turns into a no-op (the game item is conditional on its game id), and acknowledges only
   * entries it wrote itself.
   */
  leaseMs?: number;
  /** How often a drain looks for results kept in DynamoDB when neither it nor Redis saw a reason to (a Scan). */
  fallbackScanMs?: number;
  /** How long an outboxed result waits for a replica to confirm it before it is also kept in DynamoDB. */
  replicaWaitMs?: number;
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Finishes games: DynamoDB first (history, profiles, ratings in one transaction), then the leaderboard and the
 * players' sessions. A result DynamoDB does not take goes to the outbox, a Redis Stream read by every process through
 * one consumer group, and is written by a later drain; when Redis does not take it either (or no replica confirms
 * it), it is kept in DynamoDB's game-state table, which drains read too. Every path may write a result twice, never
 * lose it: the game-end transaction is idempotent by game id.
 */
export class GameResults {
  readonly #redis: RedisClient & OutboxCommands;
  readonly #repos: Repositories;
  readonly #leaderboard: Leaderboard;
  readonly #sessions: SessionStore;
  readonly #log: Logger | undefined;
  readonly #leaseMs: number;
  readonly #fallbackScanMs: number;
  readonly #replicaWaitMs: number;
  /** This drainer's name in the consumer group: unique per instance, so a restarted process never inherits a lease. */
  readonly #consumer = `drainer-${randomUUID()}`;
  #groupReady = false;
  #fallbackDue = true;
  #fallbackScannedAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(redis: RedisClient, repos: Repositories, leaderboard: Leaderboard, sessions: SessionStore, log?: Logger, options: GameResultsOptions = {}) {
    if (!("outboxPark" in redis)) {
      redis.defineCommand("outboxPark", { numberOfKeys: 2, lua: PARK_SCRIPT });
      redis.defineCommand("outboxMigrate", { numberOfKeys: 2, lua: MIGRATE_SCRIPT });
    }
    this.#redis = redis as RedisClient & OutboxCommands;
    this.#repos = repos;
    this.#leaderboard = leaderboard;
    this.#sessions = sessions;
    this.#log = log;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#fallbackScanMs = options.fallbackScanMs ?? 60_000;
    this.#replicaWaitMs = options.replicaWaitMs ?? 250;
  }

  async process(result: GameResult): Promise<GameEndProcessing> {
    try {
      const outcome = await this.#write(result);
      return { recorded: true, outcome };
    } catch (error) {
      const message = errorText(error);
      const keptIn = await this.#keep(result);
      this.#log?.warn({ gameId: result.gameId, error: message, keptIn }, "game result kept in the outbox until DynamoDB takes it");
      return { recorded: false, queued: true, keptIn, error: message };
    }
  }

  /**
   * Queues a result for a later drain. Redis replicates asynchronously, so an entry only the primary holds dies with
   * it: unless a replica confirms it (WAIT), the result is kept in DynamoDB as well. Throws only when neither took it.
   */
  async #keep(result: GameResult): Promise<"redis" | "dynamodb"> {
    let replicated: boolean;
    try {
      await this.#redis.xadd(OUTBOX, "*", FIELD, JSON.stringify(result));
      // WAIT answers for the connection that wrote: a cluster client may send it to another node, so it is not asked.
      replicated = this.#redis instanceof Redis && Number(await this.#redis.wait(1, this.#replicaWaitMs)) >= 1;
    } catch (error) {
      this.#log?.warn({ gameId: result.gameId, error: errorText(error) }, "the Redis outbox refused a game result; keeping it in DynamoDB");
      await this.#repos.gameState.keepPendingResult(result);
      this.#fallbackDue = true;
      return "dynamodb";
    }
    if (!replicated) {
      // Best effort: the result is in the outbox already; this copy only covers the loss of an unreplicated primary.
      await this.#repos.gameState.keepPendingResult(result).then(() => (this.#fallbackDue = true), () => undefined);
    }
    return "redis";
  }

  async #write(result: GameResult): Promise<GameEndOutcome> {
    const outcome = await this.#withPlayerLocks(result.players.map((p) => p.playerId), () => recordGameEnd(this.#repos.users, this.#repos.history, this.#repos.db, result));
    // The result is recorded: the cached board and the sessions follow when Redis is there (the board refills from
    // DynamoDB after its TTL otherwise); a failure here must not send a recorded result back to the outbox.
    try {
      await this.#leaderboard.update(result.players.map((p) => ({ playerId: p.playerId, name: p.name, rating: outcome.ratings.get(p.playerId) ?? 0 })));
      for (const player of result.players) {
        const session = await this.#sessions.forPlayer(player.playerId);
        const rating = outcome.ratings.get(player.playerId);
        if (session && rating !== undefined) await this.#sessions.update(session, { rating });
      }
    } catch (error) {
      this.#log?.warn({ gameId: result.gameId, error: errorText(error) }, "game recorded; updating the leaderboard cache or sessions failed");
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

  /** The outbox stream; its unreadable entries are parked in the list of the same name plus ":unreadable". */
  get outboxKey(): string {
    return OUTBOX;
  }

  /** Results waiting in the Redis outbox (handed to a drainer or not), and in the list of an earlier version. */
  async outboxLength(): Promise<number> {
    const [stream, legacy] = await Promise.all([this.#redis.xlen(OUTBOX), this.#redis.llen(LEGACY_OUTBOX)]);
    return stream + legacy;
  }

  /**
   * Writes queued results: the Redis outbox's, then those kept in DynamoDB (at most every `fallbackScanMs`, or when
   * this process kept one or found Redis unreachable). Stops at the first result DynamoDB still refuses. Any number
   * of drainers may run at once. Returns how many results this call recorded (one another drainer had recorded first
   * is not counted).
   */
  async drain(): Promise<number> {
    let written = 0;
    let more = true;
    try {
      ({ written, more } = await this.#drainOutbox());
    } catch (error) {
      this.#log?.warn({ error: errorText(error) }, "outbox drain: Redis unavailable; draining the results kept in DynamoDB");
      this.#fallbackDue = true;
    }
    if (more && (this.#fallbackDue || Date.now() - this.#fallbackScannedAt >= this.#fallbackScanMs)) written += await this.#drainFallback();
    return written;
  }

  async #ensureGroup(): Promise<void> {
    if (this.#groupReady) return;
    try {
      await this.#redis.xgroup("CREATE", OUTBOX, GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!String(error).includes("BUSYGROUP")) throw error;
    }
    this.#groupReady = true;
  }

  /** Entries of the list-based outbox of earlier versions join the stream: at every drain, since during a rolling
   * upgrade processes of the old version still queue there. One script call answering 0 when there is none. */
  async #migrateLegacy(): Promise<void> {
    while ((await this.#redis.outboxMigrate(LEGACY_OUTBOX, OUTBOX, FIELD, 100)) > 0);
  }

  /** more: false when DynamoDB refused a result (the rest waits for the next drain). */
  async #drainOutbox(): Promise<{ written: number; more: boolean }> {
    await this.#ensureGroup();
    await this.#migrateLegacy();
    let written = 0;
    // First this drainer's own unacknowledged entries (from a failed write), then entries whose drainer went quiet
    // past the lease (it died or paused), then new ones. One entry at a time: an entry is held only while it is being
    // written, so a batch waiting its turn never outlives the lease and gets written by two drainers.
    const sources: (() => Promise<StreamEntry[]>)[] = [
      () => this.#read("0"),
      async () => ((await this.#redis.xautoclaim(OUTBOX, GROUP, this.#consumer, this.#leaseMs, "0-0", "COUNT", 1)) as [string, StreamEntry[]])[1],
      () => this.#read(">"),
    ];
    for (const source of sources) {
      for (;;) {
        let entries: StreamEntry[];
        try {
          entries = await source();
        } catch (error) {
          // The group vanished with its stream (a Redis that lost its data): create it again on the next drain.
          if (String(error).includes("NOGROUP")) this.#groupReady = false;
          throw error;
        }
        if (entries.length === 0) break;
        for (const [id, fields] of entries) {
          const raw = fields?.[fields.indexOf(FIELD) + 1];
          let result: GameResult | undefined;
          try {
            result = raw === undefined ? undefined : (JSON.parse(raw) as GameResult);
          } catch {
            result = undefined;
          }
          if (!result?.gameId) {
            await this.#redis.outboxPark(OUTBOX, OUTBOX_UNREADABLE, GROUP, id, raw ?? "");
            continue;
          }
          try {
            if (!(await this.#write(result)).duplicate) written++;
          } catch (error) {
            this.#log?.warn({ gameId: result.gameId, error: errorText(error) }, "outbox drain: DynamoDB still failing");
            return { written, more: false };
          }
          // Only the entry this drainer wrote, by its id: never whatever another drainer left at the head.
          await this.#redis.multi().xack(OUTBOX, GROUP, id).xdel(OUTBOX, id).exec();
          // Its copy in DynamoDB, if #keep made one (no replica confirmed the entry), need not be drained again.
          await this.#repos.gameState.forgetPendingResult(pendingResultKey(result.gameId)).catch(() => undefined);
        }
      }
    }
    return { written, more: true };
  }

  async #read(from: "0" | ">"): Promise<StreamEntry[]> {
    const answer = (await this.#redis.xreadgroup("GROUP", GROUP, this.#consumer, "COUNT", 1, "STREAMS", OUTBOX, from)) as [string, StreamEntry[]][] | null;
    return answer?.[0]?.[1] ?? [];
  }

  async #drainFallback(): Promise<number> {
    let written = 0;
    try {
      const pending = await this.#repos.gameState.pendingResults();
      this.#fallbackScannedAt = Date.now();
      this.#fallbackDue = false;
      for (const { key, result } of pending) {
        if (!result) {
          // Left in place for a human, as the Redis outbox parks its unreadable entries: deleting it could lose a game.
          this.#log?.error({ key }, "outbox drain: a result kept in DynamoDB's game-state table is unreadable; fix or delete that item");
          continue;
        }
        if (!(await this.#write(result)).duplicate) written++;
        await this.#repos.gameState.forgetPendingResult(key);
      }
    } catch (error) {
      this.#fallbackDue = true;
      this.#log?.warn({ error: errorText(error) }, "outbox drain: the results kept in DynamoDB are not recorded yet");
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
