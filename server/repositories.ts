import {
  type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, DeleteCommand,
} from "@aws-sdk/lib-dynamodb";
import { leaderboardIndex, leaderboardPartition } from "../src/contract/game-server.ts";
import type { ServerConfig } from "./config.ts";
import { INITIAL_RATING, eloUpdate } from "./elo.ts";
import { FencedError } from "./room-lease.ts";
import { withRetry } from "./retry.ts";

export interface UserProfile {
  playerId: string;
  name: string;
  rating: number;
  gamesPlayed: number;
  wins: number;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** The leaderboard index's partition: every profile carries it, so one Query reads the top players. */
  board?: typeof leaderboardPartition;
}

export interface GameResultPlayer {
  playerId: string;
  name: string;
  score: number;
}

export interface GameResult {
  gameId: string;
  roomId: string;
  endedAt: number;
  players: GameResultPlayer[];
  /**
   * A game matchmaking made with at least two players: only then do ratings move and does a strict winner count a
   * win. Unrated games (rooms a client created, solo games) are recorded with ratings unchanged. Results queued
   * before this field existed were all rated, so a missing value reads as rated; the arena always sets it.
   */
  rated?: boolean;
}

export interface GameEndOutcome {
  /** True when this game had already been recorded: nothing was written a second time. */
  duplicate: boolean;
  ratings: Map<string, number>;
}

const errorName = (error: unknown) => (error as { name?: string } | null)?.name;

export class UserRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly table: string;
  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.table = table;
  }

  async get(playerId: string): Promise<UserProfile | undefined> {
    const response = await withRetry(() => this.#db.send(new GetCommand({ TableName: this.table, Key: { playerId }, ConsistentRead: true })));
    return response.Item as UserProfile | undefined;
  }

  /** The profile, created on first login; a concurrent first login loses the race harmlessly. */
  async getOrCreate(playerId: string, name: string): Promise<UserProfile> {
    const existing = await this.get(playerId);
    if (existing) return existing;
    const now = Date.now();
    const profile: UserProfile = {
      playerId, name, rating: INITIAL_RATING, gamesPlayed: 0, wins: 0, version: 1, createdAt: now, updatedAt: now, board: leaderboardPartition,
    };
    try {
      await withRetry(() => this.#db.send(new PutCommand({
        TableName: this.table, Item: profile, ConditionExpression: "attribute_not_exists(playerId)",
      })));
      return profile;
    } catch (error) {
      if (errorName(error) !== "ConditionalCheckFailedException") throw error;
      const winner = await this.get(playerId);
      if (!winner) throw error;
      return winner;
    }
  }

  /**
   * Top players by rating from the leaderboard index (the board's source of truth on a cache miss): one Query
   * that reads at most `limit` items, where a Scan would read the whole table on every cold cache.
   */
  async topByRating(limit: number): Promise<{ playerId: string; name: string; rating: number }[]> {
    const page = await withRetry(() => this.#db.send(new QueryCommand({
      TableName: this.table, IndexName: leaderboardIndex.index,
      KeyConditionExpression: "#board = :board", ExpressionAttributeNames: { "#board": leaderboardIndex.partitionKey.name, "#n": "name" },
      ExpressionAttributeValues: { ":board": leaderboardPartition }, ProjectionExpression: "playerId, #n, rating",
      ScanIndexForward: false, Limit: limit,
    })));
    return (page.Items ?? []).map((item) => ({ playerId: String(item.playerId), name: String(item.name ?? ""), rating: Number(item.rating ?? INITIAL_RATING) }));
  }
}

export class GameHistoryRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly table: string;
  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.table = table;
  }

  /** The game's own item: one per game, keyed by gameId. */
  async itemsForGame(gameId: string): Promise<Record<string, unknown>[]> {
    const response = await withRetry(() => this.#db.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: "gameId = :g", ExpressionAttributeValues: { ":g": gameId }, ConsistentRead: true,
    })));
    return response.Items ?? [];
  }
}

export interface RoomCheckpoint {
  roomId: string;
  roomName: string;
  ownerProcessId: string;
  savedAt: number;
  state: unknown;
  /** The owner's fencing token (server/room-lease.ts); absent on checkpoints written before leases existed. */
  ownerToken?: number;
  /** When the owner's lease runs out (ms since the epoch); 0 once released at shutdown. */
  leaseUntil?: number;
}

/** What a restore pass found: the room is now this process's, still someone else's, or has no checkpoint (it ended). */
export type RoomClaim = "claimed" | "held" | "missing";

export class GameStateRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly table: string;
  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.table = table;
  }

  /**
   * Writes the owner's checkpoint and so renews its lease, only while it holds the room's fencing token, and unless a
   * newer checkpoint of its own is stored. `first`: a new room's first checkpoint, written only if the room has none.
   * Throws FencedError when the token moved on (another process took the room over, or it ended elsewhere).
   */
  async save(checkpoint: RoomCheckpoint & { ownerToken: number; leaseUntil: number }, first = false): Promise<void> {
    try {
      await withRetry(() => this.#db.send(new PutCommand({
        TableName: this.table, Item: { ...checkpoint, state: JSON.stringify(checkpoint.state) },
        ...(first
          ? { ConditionExpression: "attribute_not_exists(roomId)" }
          : { ConditionExpression: "ownerToken = :token AND savedAt <= :t", ExpressionAttributeValues: { ":token": checkpoint.ownerToken, ":t": checkpoint.savedAt } }),
      })));
    } catch (error) {
      if (errorName(error) !== "ConditionalCheckFailedException") throw error;
      // Either a newer checkpoint of this owner landed first (harmless), or the room is no longer this owner's.
      if (!first && (await this.load(checkpoint.roomId))?.ownerToken === checkpoint.ownerToken) return;
      throw new FencedError(checkpoint.roomId);
    }
  }

  /**
   * Takes a room over for `processId` if its owner's lease has run out: a compare-and-set on the fencing token read
   * (on the savedAt of a checkpoint from before leases), raising the token, so of several claimants exactly one wins.
   */
  async claim(roomId: string, processId: string, leaseMs: number, now = Date.now()): Promise<RoomClaim> {
    const item = (await withRetry(() => this.#db.send(new GetCommand({ TableName: this.table, Key: { roomId }, ConsistentRead: true })))).Item;
    if (!item) return "missing";
    const seen = typeof item.ownerToken === "number" ? item.ownerToken : undefined;
    const leaseUntil = typeof item.leaseUntil === "number" ? item.leaseUntil : Number(item.savedAt) + leaseMs;
    if (leaseUntil > now) return "held";
    try {
      await withRetry(() => this.#db.send(new PutCommand({
        TableName: this.table, Item: { ...item, ownerToken: (seen ?? 0) + 1, ownerProcessId: processId, leaseUntil: now + leaseMs },
        ...(seen === undefined
          ? { ConditionExpression: "attribute_not_exists(ownerToken) AND savedAt = :saved", ExpressionAttributeValues: { ":saved": item.savedAt as number } }
          : { ConditionExpression: "ownerToken = :seen", ExpressionAttributeValues: { ":seen": seen } }),
      })));
      return "claimed";
    } catch (error) {
      if (errorName(error) !== "ConditionalCheckFailedException") throw error;
      return "held";
    }
  }

  async load(roomId: string): Promise<RoomCheckpoint | undefined> {
    const response = await withRetry(() => this.#db.send(new GetCommand({ TableName: this.table, Key: { roomId }, ConsistentRead: true })));
    const item = response.Item;
    if (!item) return undefined;
    return { ...(item as RoomCheckpoint), state: JSON.parse(String(item.state)) as unknown };
  }

  /** Deletes a checkpoint; with `ownerToken`, only while that owner holds the room (a stale owner deletes nothing). */
  async delete(roomId: string, ownerToken?: number): Promise<void> {
    try {
      await withRetry(() => this.#db.send(new DeleteCommand({
        TableName: this.table, Key: { roomId },
        ...(ownerToken === undefined ? {} : { ConditionExpression: "ownerToken = :token", ExpressionAttributeValues: { ":token": ownerToken } }),
      })));
    } catch (error) {
      if (errorName(error) !== "ConditionalCheckFailedException") throw error;
    }
  }

  /**
   * The outbox's durable fallback: a result neither the game-end transaction nor Redis took is kept here, as one
   * item keyed `result#<gameId>` (a room id never contains '#'), until a drain records it. Writing it twice is one item.
   */
  async keepPendingResult(result: GameResult): Promise<void> {
    await withRetry(() => this.#db.send(new PutCommand({
      TableName: this.table, Item: { roomId: pendingResultKey(result.gameId), kind: "pending-result", savedAt: Date.now(), result: JSON.stringify(result) },
    })));
  }

  /**
   * Every kept result, oldest first. A Scan, since the table is keyed by room id alone: it reads the live rooms'
   * checkpoints too (one small item per running room), so drains call it seldom (see GameResults).
   */
  async pendingResults(): Promise<{ key: string; result: GameResult | undefined }[]> {
    const found: { key: string; savedAt: number; result: GameResult | undefined }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await withRetry(() => this.#db.send(new ScanCommand({
        TableName: this.table, FilterExpression: "begins_with(roomId, :p)", ExpressionAttributeValues: { ":p": PENDING_RESULT_PREFIX },
        ...(start ? { ExclusiveStartKey: start } : {}),
      })));
      for (const item of page.Items ?? []) {
        let result: GameResult | undefined;
        try {
          result = JSON.parse(String(item.result)) as GameResult;
        } catch {
          result = undefined;
        }
        found.push({ key: String(item.roomId), savedAt: Number(item.savedAt ?? 0), result });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return found.sort((a, b) => a.savedAt - b.savedAt).map(({ key, result }) => ({ key, result }));
  }

  async forgetPendingResult(key: string): Promise<void> {
    await this.delete(key);
  }
}

const PENDING_RESULT_PREFIX = "result#";

/** The game-state item that keeps a result for the outbox's durable fallback. */
export const pendingResultKey = (gameId: string): string => `${PENDING_RESULT_PREFIX}${gameId}`;

/**
 * Records a finished game in one DynamoDB transaction: the game's item (only if absent: the same game twice
 * is one item), one by-player item per participant, and each profile's new rating, conditional on the
 * version read, so concurrent games never lose an update; a version conflict re-reads and recomputes.
 */
export async function recordGameEnd(users: UserRepository, history: GameHistoryRepository, db: DynamoDBDocumentClient, result: GameResult): Promise<GameEndOutcome> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const profiles = await Promise.all(result.players.map((p) => users.getOrCreate(p.playerId, p.name)));
    const rated = result.rated !== false && result.players.length >= 2;
    const ratings = rated
      ? eloUpdate(result.players.map((p, i) => ({ playerId: p.playerId, score: p.score, rating: profiles[i]!.rating })))
      : new Map(result.players.map((p, i) => [p.playerId, profiles[i]!.rating]));
    // A win needs a strict winner: the one top score. A tie (0-0 included) is a draw in the ratings and nobody's win.
    const best = Math.max(...result.players.map((p) => p.score));
    const winner = rated && result.players.filter((p) => p.score === best).length === 1 ? result.players.find((p) => p.score === best)!.playerId : undefined;
    const players = result.players.map((p, i) => ({ ...p, ratingBefore: profiles[i]!.rating, ratingAfter: ratings.get(p.playerId)! }));
    const now = Date.now();
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]> = [
      {
        Put: {
          TableName: history.table, ConditionExpression: "attribute_not_exists(gameId)",
          Item: { gameId: result.gameId, endedAt: result.endedAt, roomId: result.roomId, kind: "game", rated, players },
        },
      },
      ...players.map((p) => ({
        Put: {
          TableName: history.table, ConditionExpression: "attribute_not_exists(gameId)",
          Item: { gameId: `${result.gameId}#${p.playerId}`, endedAt: result.endedAt, kind: "participation", game: result.gameId, ...p },
        },
      })),
      ...players.map((p, i) => ({
        Update: {
          TableName: users.table, Key: { playerId: p.playerId },
          ConditionExpression: "version = :v",
          // board: a profile written before the leaderboard index existed joins it at its next game.
          UpdateExpression: "SET rating = :r, version = :next, gamesPlayed = gamesPlayed + :one, wins = wins + :won, updatedAt = :now, #board = :b",
          ExpressionAttributeNames: { "#board": leaderboardIndex.partitionKey.name },
          ExpressionAttributeValues: {
            ":v": profiles[i]!.version, ":next": profiles[i]!.version + 1, ":r": p.ratingAfter, ":one": 1,
            ":won": p.playerId === winner ? 1 : 0, ":now": now, ":b": leaderboardPartition,
          },
        },
      })),
    ];
    try {
      await withRetry(() => db.send(new TransactWriteCommand({ TransactItems: items })));
      return { duplicate: false, ratings };
    } catch (error) {
      if (errorName(error) !== "TransactionCanceledException") throw error;
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons[0]?.Code === "ConditionalCheckFailed") {
        const stored = await history.itemsForGame(result.gameId);
        const recorded = (stored[0]?.players ?? []) as { playerId: string; ratingAfter: number }[];
        return { duplicate: true, ratings: new Map(recorded.map((p) => [p.playerId, p.ratingAfter])) };
      }
      if (reasons.length === 0) {
        // Some DynamoDB emulations omit the reasons: decide by reading whether the game exists.
        const stored = await history.itemsForGame(result.gameId);
        if (stored.length > 0) {
          const recorded = (stored[0]?.players ?? []) as { playerId: string; ratingAfter: number }[];
          return { duplicate: true, ratings: new Map(recorded.map((p) => [p.playerId, p.ratingAfter])) };
        }
      }
      // A profile changed under us (a concurrent game): read again and recompute.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
  }
  throw new Error(`game ${result.gameId}: profiles kept changing during 8 attempts to record the result`);
}

export interface Repositories {
  users: UserRepository;
  history: GameHistoryRepository;
  gameState: GameStateRepository;
  db: DynamoDBDocumentClient;
}

export function createRepositories(db: DynamoDBDocumentClient, tables: ServerConfig["tables"]): Repositories {
  return {
    users: new UserRepository(db, tables.users),
    history: new GameHistoryRepository(db, tables.gameHistory),
    gameState: new GameStateRepository(db, tables.gameState),
    db,
  };
}
