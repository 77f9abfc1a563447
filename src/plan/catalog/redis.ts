import type { KindCatalogEntry } from "../catalog.ts";

/** ElastiCache: subnet group, parameter group, replication group, users and the auth secret. */
export const redisKinds: Readonly<Record<string, KindCatalogEntry>> = {};
