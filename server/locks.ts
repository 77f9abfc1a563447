import { randomUUID } from "node:crypto";
import type { RedisClient } from "./redis.ts";

// Deletes the lock only for the holder that set it, so a lock that expired and was taken by another is left alone.
const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** A holder's token: only the holder that set a lock can release it. */
export const lockToken = (): string => randomUUID();

/** Takes the lock if nobody holds it; it expires after ttlMs even if its holder dies. */
export async function acquireLock(redis: RedisClient, key: string, token: string, ttlMs: number): Promise<boolean> {
  return (await redis.set(key, token, "PX", ttlMs, "NX")) === "OK";
}

export async function releaseLock(redis: RedisClient, key: string, token: string): Promise<void> {
  await redis.eval(RELEASE_SCRIPT, 1, key, token);
}
