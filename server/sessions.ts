import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export type SessionStatus = "lobby" | "queued" | "playing" | "disconnected" | "finished";

export interface Session {
  sessionId: string;
  playerId: string;
  status: SessionStatus;
  rating: number;
  timestamp: number;
  roomId?: string;
}

const sessionKey = (sessionId: string) => `sessions:${sessionId}`;
const playerIndexKey = (playerId: string) => `sessions:by-player:${playerId}`;

// One round trip: the hash, its TTL and the by-player index are written together or not at all.
// ARGV[7..] are further field/value pairs (the room id when the session starts in a room).
const CREATE_SCRIPT = `
local old = redis.call('GET', KEYS[2])
if old then redis.call('DEL', 'sessions:' .. old) end
redis.call('HSET', KEYS[1], 'player_id', ARGV[1], 'status', ARGV[2], 'rating', ARGV[3], 'timestamp', ARGV[4], unpack(ARGV, 7))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[5])
return 1`;

// Updates only a live session, refreshing both TTLs; returns 0 when it expired. PEXPIRE answers 0 for a missing key, so
// it doubles as the liveness check: three calls, with both keys declared in KEYS as Redis asks of scripts.
export const UPDATE_SCRIPT = `
if redis.call('PEXPIRE', KEYS[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'timestamp', ARGV[1], unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;

/** What names a live session: its id, and the player whose index points at it. */
export type SessionRef = Pick<Session, "sessionId" | "playerId">;

type SessionCommands = {
  sessionCreate(key: string, index: string, ...args: (string | number)[]): Promise<number>;
  sessionUpdate(key: string, index: string, ...args: (string | number)[]): Promise<number>;
};

export class SessionStore {
  readonly #redis: Redis & SessionCommands;
  readonly #ttlMs: number;

  constructor(redis: Redis, options: { ttlMs?: number } = {}) {
    if (!("sessionCreate" in redis)) {
      redis.defineCommand("sessionCreate", { numberOfKeys: 2, lua: CREATE_SCRIPT });
      redis.defineCommand("sessionUpdate", { numberOfKeys: 2, lua: UPDATE_SCRIPT });
    }
    this.#redis = redis as Redis & SessionCommands;
    this.#ttlMs = options.ttlMs ?? 30 * 60_000;
  }

  /** Creates a session, replacing the player's previous one; with a room id it is written in the same round trip. */
  async create(playerId: string, rating: number, status: SessionStatus = "lobby", roomId?: string): Promise<Session> {
    const sessionId = randomUUID();
    const timestamp = Date.now();
    const roomField = roomId === undefined ? [] : ["room_id", roomId];
    await this.#redis.sessionCreate(sessionKey(sessionId), playerIndexKey(playerId), playerId, status, rating, timestamp, this.#ttlMs, sessionId, ...roomField);
    return { sessionId, playerId, status, rating, timestamp, ...(roomId === undefined ? {} : { roomId }) };
  }

  async get(sessionId: string): Promise<Session | undefined> {
    const hash = await this.#redis.hgetall(sessionKey(sessionId));
    if (hash.player_id === undefined) return undefined;
    return {
      sessionId,
      playerId: hash.player_id,
      status: (hash.status ?? "lobby") as SessionStatus,
      rating: Number(hash.rating ?? 0),
      timestamp: Number(hash.timestamp ?? 0),
      ...(hash.room_id ? { roomId: hash.room_id } : {}),
    };
  }

  async forPlayer(playerId: string): Promise<Session | undefined> {
    const sessionId = await this.#redis.get(playerIndexKey(playerId));
    return sessionId === null ? undefined : this.get(sessionId);
  }

  /** How long a session lives without an update or a keep-alive. */
  get ttl(): number {
    return this.#ttlMs;
  }

  /** Atomically updates fields of a live session; false when it has expired. */
  async update(session: SessionRef, fields: { status?: SessionStatus; rating?: number; roomId?: string }): Promise<boolean> {
    const pairs: (string | number)[] = [];
    if (fields.status !== undefined) pairs.push("status", fields.status);
    if (fields.rating !== undefined) pairs.push("rating", fields.rating);
    if (fields.roomId !== undefined) pairs.push("room_id", fields.roomId);
    return (await this.#redis.sessionUpdate(sessionKey(session.sessionId), playerIndexKey(session.playerId), Date.now(), this.#ttlMs, ...pairs)) === 1;
  }

  /**
   * Refreshes the TTLs of sessions whose players are still seated, in one round trip, so that a match longer than the
   * TTL keeps its players' sessions for a reconnect. PEXPIRE leaves a missing key missing: nothing expired comes back.
   */
  async keepAlive(sessions: Iterable<SessionRef>): Promise<void> {
    const pipeline = this.#redis.pipeline();
    for (const session of sessions) pipeline.pexpire(sessionKey(session.sessionId), this.#ttlMs).pexpire(playerIndexKey(session.playerId), this.#ttlMs);
    if (pipeline.length > 0) await pipeline.exec();
  }

  async ttlMs(sessionId: string): Promise<number> {
    return this.#redis.pttl(sessionKey(sessionId));
  }

  async delete(sessionId: string): Promise<void> {
    const playerId = await this.#redis.hget(sessionKey(sessionId), "player_id");
    const multi = this.#redis.multi().del(sessionKey(sessionId));
    if (playerId !== null) multi.del(playerIndexKey(playerId));
    await multi.exec();
  }
}
