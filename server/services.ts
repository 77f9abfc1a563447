import { ErrorCode, ServerError } from "@colyseus/core";
import type { Logger } from "pino";
import { AuthError, type PlayerIdentity, type TokenVerifier } from "./auth.ts";
import type { ServerConfig } from "./config.ts";
import type { Leaderboard } from "./leaderboard.ts";
import type { RedisClient } from "./redis.ts";
import type { GameMetrics } from "./metrics.ts";
import type { Repositories } from "./repositories.ts";
import type { GameResults } from "./results.ts";
import type { SessionStore } from "./sessions.ts";
import { rememberJoinRequest } from "./traces.ts";

/** What rooms use; Colyseus builds rooms itself, so they read it from here (one server per process). */
export interface RoomServices {
  config: ServerConfig;
  redis: RedisClient;
  repos: Repositories;
  sessions: SessionStore;
  leaderboard: Leaderboard;
  results: GameResults;
  metrics: GameMetrics;
  verifyToken: TokenVerifier;
  log: Logger;
  processId: () => string;
  /** Room ids this process was asked to restore from their game-state checkpoint. */
  pendingRestores: Set<string>;
  shuttingDown: () => boolean;
}

let current: RoomServices | undefined;

export function setRoomServices(services: RoomServices | undefined): void {
  current = services;
}

export function roomServices(): RoomServices {
  if (!current) throw new Error("room services are not set: start rooms through startGameServer");
  return current;
}

/** Every room's onAuth: the join token's player, or Colyseus's AUTH_FAILED with the reason the token was refused. */
export async function authenticateJoin(token: string | undefined): Promise<PlayerIdentity> {
  try {
    const identity = await roomServices().verifyToken(token);
    rememberJoinRequest(identity);
    return identity;
  } catch (error) {
    throw new ServerError(ErrorCode.AUTH_FAILED, error instanceof AuthError ? error.message : "invalid token");
  }
}
