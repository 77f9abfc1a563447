import type { RedisClient } from "./redis.ts";
import { newSessionId, redisKeys } from "./keys.ts";
import { RedisFunctionLibrary } from "./redis-functions.ts";

export type SessionStatus = "lobby" | "queued" | "playing" | "disconnected" | "finished";

export interface Session {
  sessionId: string;
  playerId: string;
  status: SessionStatus;
  rating: number;
  timestamp: number;
  roomId?: string;
}

const sessionKey = redisKeys.session;
const playerIndexKey = redisKeys.playerSession;
const sessionPlayerIndexKey = redisKeys.playerSessionOf;

// One round trip: the hash, its TTL and the by-player index are written together or not at all, and the player's
// previous session (KEYS[3]) is deleted with them. A script may touch only keys it is given, so the caller names the
// session it believes the index points at (ARGV[7], '' for none; KEYS[3] is then KEYS[1]). If the index says otherwise
// (an older session, or a racing create), the script changes nothing and answers what the index holds, and the caller
// tries again with that: a second round trip only when the player already had a session.
// ARGV[8..] are further field/value pairs (the room id when the session starts in a room).
const CREATE_SCRIPT = `
local current = redis.call('GET', KEYS[2])
if (current or '') ~= ARGV[7] then return current or '' end
if current then redis.call('DEL', KEYS[3]) end
redis.call('HSET', KEYS[1], 'player_id', ARGV[1], 'status', ARGV[2], 'rating', ARGV[3], 'timestamp', ARGV[4], unpack(ARGV, 8))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[5])
return 1`;

/** Past the first (which learns the previous session), a failed attempt means a racing create for the player won. */
const CREATE_ATTEMPTS = 32;

// Updates only a live session, refreshing both TTLs; returns 0 when it expired. PEXPIRE answers 0 for a missing key, so
// it doubles as the liveness check: three calls, with both keys declared in KEYS as Redis asks of scripts.
const UPDATE_SCRIPT = `
if redis.call('PEXPIRE', KEYS[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'timestamp', ARGV[1], unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;

/** What names a live session: its id, and the player whose index points at it. */
export type SessionRef = Pick<Session, "sessionId" | "playerId">;

/** Both scripts as Redis Functions (FCALL), or scripts on a server without them (server/redis-functions.ts). */
export const SESSION_FUNCTIONS = new RedisFunctionLibrary("gamectl_sessions", { session_create: CREATE_SCRIPT, session_update: UPDATE_SCRIPT });

export class SessionStore {
  readonly #redis: RedisClient;
  readonly #ttlMs: number;

  constructor(redis: RedisClient, options: { ttlMs?: number } = {}) {
    this.#redis = redis;
    this.#ttlMs = options.ttlMs ?? 30 * 60_000;
  }

  /** Creates a session, replacing the player's previous one; with a room id it is written in the same script. */
  async create(playerId: string, rating: number, status: SessionStatus = "lobby", roomId?: string): Promise<Session> {
    const sessionId = newSessionId(playerId);
    const timestamp = Date.now();
    const roomField = roomId === undefined ? [] : ["room_id", roomId];
    const key = sessionKey(sessionId);
    const index = sessionPlayerIndexKey({ sessionId, playerId });
    let previous = "";
    for (let attempt = 1; ; attempt++) {
      const answer = await SESSION_FUNCTIONS.call(this.#redis, "session_create", [key, index, previous === "" ? key : sessionKey(previous)], [playerId, status, rating, timestamp, this.#ttlMs, sessionId, previous, ...roomField]);
      if (answer === 1) break;
      if (attempt >= CREATE_ATTEMPTS) throw new Error(`session for player ${playerId}: ${CREATE_ATTEMPTS} racing creates replaced it first; retry the join`);
      previous = String(answer);
    }
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
    const args: (string | number)[] = [Date.now(), this.#ttlMs];
    if (fields.status !== undefined) args.push("status", fields.status);
    if (fields.rating !== undefined) args.push("rating", fields.rating);
    if (fields.roomId !== undefined) args.push("room_id", fields.roomId);
    return (await SESSION_FUNCTIONS.call(this.#redis, "session_update", [sessionKey(session.sessionId), sessionPlayerIndexKey(session)], args)) === 1;
  }

  /**
   * Refreshes the TTLs of sessions whose players are still seated, so that a match longer than the TTL keeps its
   * players' sessions for a reconnect. PEXPIRE leaves a missing key missing: nothing expired comes back. The calls
   * are sent together without waiting for each other (one round trip on a single node); not as one pipeline, which
   * a cluster client refuses when its keys span slots, and these need no atomicity.
   */
  async keepAlive(sessions: Iterable<SessionRef>): Promise<void> {
    const calls: Promise<number>[] = [];
    for (const session of sessions) calls.push(this.#redis.pexpire(sessionKey(session.sessionId), this.#ttlMs), this.#redis.pexpire(sessionPlayerIndexKey(session), this.#ttlMs));
    await Promise.all(calls);
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
