import { createHash, randomUUID } from "node:crypto";

/**
 * Every Redis key the server writes, in one place. The same names serve a single node and a Redis Cluster
 * (REDIS_CLUSTER=true): keys that one script, MULTI or move touches together share a hash tag (the part in
 * braces), so they hash to one slot, while unrelated players, rooms and processes still spread over the shards.
 * A key used only on its own needs no tag. Lua scripts never build key names: callers pass every key in KEYS.
 */

/**
 * A player's session tag: four hex digits of a hash of the player id. A session id starts with its player's
 * tag, so both the session (found by id) and the player's index (found by player) can be named from what the
 * caller has, and land in one slot; 65536 tags spread players evenly over the 16384 slots.
 */
function playerTag(playerId: string): string {
  return createHash("sha256").update(playerId).digest("hex").slice(0, 4);
}

/** A fresh session id for a player: a random UUID whose first four hex digits are the player's tag (106 random bits remain). */
export function newSessionId(playerId: string): string {
  return `${playerTag(playerId)}${randomUUID().slice(4)}`;
}

export const redisKeys = {
  /** Hash: one session. Its tag is the first four characters of the id (see newSessionId). */
  session: (sessionId: string) => `sessions:{${sessionId.slice(0, 4)}}:${sessionId}`,
  /** String: the player's current session id; same slot as every session of that player. */
  playerSession: (playerId: string) => `sessions:{${playerTag(playerId)}}:by-player:${playerId}`,
  /**
   * The same key for a session's player, named from the session id's tag (newSessionId): no hash of the player id on
   * every session update. Only for ids newSessionId made for that player, as every session the server holds.
   */
  playerSessionOf: (session: { sessionId: string; playerId: string }) => `sessions:{${session.sessionId.slice(0, 4)}}:by-player:${session.playerId}`,

  /** Sorted set and hash filled and replaced together (MULTI) and updated together (script). */
  leaderboard: "{leaderboard}:rating",
  leaderboardNames: "{leaderboard}:names",
  leaderboardFillLock: "{leaderboard}:fill-lock",

  /**
   * Stream of game results DynamoDB refused, read through one consumer group; an unreadable entry is acknowledged,
   * deleted and parked in the list in one script; the list-based outbox of earlier versions is moved into the stream
   * by a script too. All four share the tag.
   */
  outbox: "{outbox}:results",
  outboxUnreadable: "{outbox}:results:unreadable",
  /** The list-based outbox before the stream (read only to migrate its entries). */
  legacyOutbox: "{outbox}:game-results",

  /** Single-key locks, one per player: spread on purpose, never used together in one command. */
  playerLock: (playerId: string) => `lock:player:${playerId}`,
  /** Hash: room id -> owning process, read by every process's restore pass. */
  liveRooms: "rooms:live",
  /**
   * String with a TTL: the owner's copy of a room's lease, `<processId>:<fencing token>`, renewed at each checkpoint.
   * Only a filter for restore passes; the lease that decides is in DynamoDB (server/room-lease.ts).
   */
  roomOwner: (roomId: string) => `room-owner:{${roomId}}`,
  /** String with a TTL: the players matchmaking seated in the rated room it creates; taken once (GETDEL) by that room. */
  matchTicket: (ticket: string) => `match-ticket:${ticket}`,
  /** Counter with a one-minute TTL: the unrated rooms a player created in the current minute. */
  roomCreates: (playerId: string) => `rate:room-create:${playerId}`,
  /** String with a TTL: a process's private address, its heartbeat. */
  processAddress: (processId: string) => `relay:process:${processId}`,
} as const;
