import { Redis, type RedisOptions } from "ioredis";
import type { ServerConfig } from "./config.ts";

/** A Redis connection that keeps retrying when the server restarts, rather than failing the process. */
export function createRedis(config: ServerConfig["redis"], extra: RedisOptions = {}): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    lazyConnect: false,
    ...(config.tls ? { tls: {} } : {}),
    ...(config.authMode === "token" && config.authToken !== undefined ? { password: config.authToken } : {}),
    ...extra,
  };
  const client = new Redis(config.url, options);
  // ioredis emits "error" on every failed reconnect; without a listener Node would crash the process.
  client.on("error", () => undefined);
  return client;
}
