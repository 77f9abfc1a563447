import { Redis, type RedisOptions } from "ioredis";
import type { ServerConfig } from "./config.ts";
import type { RedisIamAuth } from "./redis-iam.ts";

/** A Redis connection that keeps retrying when the server restarts, rather than failing the process. */
export function createRedis(config: ServerConfig["redis"], extra: RedisOptions = {}, iam?: RedisIamAuth): Redis {
  // IAM: the user, a fresh token and a connector that renews it; the signer is started (async) once per process.
  if (config.authMode === "iam" && !iam) throw new Error("REDIS_AUTH_MODE=iam: createRedis needs the process's IAM token signer (await RedisIamAuth.start(...)) to authenticate");
  const options: RedisOptions = {
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    lazyConnect: false,
    ...(config.tls ? { tls: {} } : {}),
    ...(config.authMode === "token" && config.authToken !== undefined ? { password: config.authToken } : {}),
    ...(config.authMode === "iam" && iam ? iam.redisOptions() : {}),
    ...extra,
  };
  const client = new Redis(config.url, options);
  // ioredis emits "error" on every failed reconnect; without a listener Node would crash the process.
  client.on("error", () => undefined);
  return client;
}
