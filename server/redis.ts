import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { ServerConfig } from "./config.ts";
import type { RedisIamAuth } from "./redis-iam.ts";

/**
 * The server's Redis connection: one node, or a cluster (REDIS_CLUSTER=true). Both answer the same
 * commands; every multi-key operation the server makes keeps its keys in one hash slot (server/keys.ts),
 * so code written against this type runs on either.
 */
export type RedisClient = Redis | Cluster;

const backoff = (attempt: number) => Math.min(50 * 2 ** attempt, 2_000);

/** A Redis connection that keeps retrying when the server restarts, rather than failing the process. */
export function createRedis(config: ServerConfig["redis"], extra: RedisOptions = {}, iam?: RedisIamAuth): RedisClient {
  // IAM: the user, a fresh token and a connector that renews it; the signer is started (async) once per process.
  if (config.authMode === "iam" && !iam) throw new Error("REDIS_AUTH_MODE=iam: createRedis needs the process's IAM token signer (await RedisIamAuth.start(...)) to authenticate");
  const options: RedisOptions = {
    maxRetriesPerRequest: 3,
    retryStrategy: backoff,
    lazyConnect: false,
    ...(config.tls ? { tls: {} } : {}),
    ...(config.authMode === "token" && config.authToken !== undefined ? { password: config.authToken } : {}),
    ...(config.authMode === "iam" && iam ? iam.redisOptions() : {}),
    ...extra,
  };
  const client = config.cluster ? createCluster(config.url, options) : new Redis(config.url, options);
  // ioredis emits "error" on every failed reconnect; without a listener Node would crash the process.
  client.on("error", () => undefined);
  return client;
}

/**
 * A cluster client seeded from REDIS_URL's host:port (the configuration endpoint on ElastiCache); it learns
 * the other nodes from CLUSTER SLOTS. Each node connection gets the same TLS and AUTH as a single client.
 */
function createCluster(url: string, options: RedisOptions): Cluster {
  const parsed = new URL(url);
  const fromUrl: RedisOptions = {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    // rediss:// means TLS for a single client too (ioredis reads it from the URL there).
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
  };
  // The cluster reconnects nodes itself (clusterRetryStrategy, then MOVED and a slot refresh): a per-node
  // retryStrategy would be overridden anyway, so it is left out rather than look effective.
  const { retryStrategy: _ignored, lazyConnect, ...redisOptions } = { ...fromUrl, ...options };
  return new Cluster([{ host: parsed.hostname, port: Number(parsed.port || 6379) }], {
    redisOptions,
    lazyConnect,
    clusterRetryStrategy: backoff,
    // ElastiCache with in-transit encryption answers CLUSTER SLOTS with host names, and its certificates name
    // those hosts: resolving them to IPs first would make every TLS handshake fail verification (ioredis docs).
    dnsLookup: (address, callback) => callback(null, address),
  });
}
