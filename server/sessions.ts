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

// Updates only a live session, refreshing both TTLs; returns 0 when it expired. Four calls: the player id read
// doubles as the liveness check, and one HSET writes the timestamp with the changed fields.
export const UPDATE_SCRIPT = `
local player = redis.call('HGET', KEYS[1], 'player_id')
if not player then return 0 end
redis.call('HSET', KEYS[1], 'timestamp', ARGV[1], unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', 'sessions:by-player:' .. player, ARGV[2])
return 1`;

type SessionCommands = {
  sessionCreate(key: string, index: string, ...args: (string | number)[]): Promise<number>;
  sessionUpdate(key: string, ...args: (string | number)[]): Promise<number>;
};

export class SessionStore {
  readonly #redis: Redis & SessionCommands;
  readonly #ttlMs: number;

  constructor(redis: Redis, options: { ttlMs?: number } = {}) {
    if (!("sessionCreate" in redis)) {
      redis.defineCommand("sessionCreate", { numberOfKeys: 2, lua: CREATE_SCRIPT });
      redis.defineCommand("sessionUpdate", { numberOfKeys: 1, lua: UPDATE_SCRIPT });
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

  /** Atomically updates fields of a live session; false when it has expired. */
  async update(sessionId: string, fields: { status?: SessionStatus; rating?: number; roomId?: string }): Promise<boolean> {
    const pairs: (string | number)[] = [];
    if (fields.status !== undefined) pairs.push("status", fields.status);
    if (fields.rating !== undefined) pairs.push("rating", fields.rating);
    if (fields.roomId !== undefined) pairs.push("room_id", fields.roomId);
    return (await this.#redis.sessionUpdate(sessionKey(sessionId), Date.now(), this.#ttlMs, ...pairs)) === 1;
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
