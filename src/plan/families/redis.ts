import type { ResourceFamily } from "./family.ts";

/** ElastiCache Redis families (subnet group, parameter group, replication group, auth). */
export const redisFamilies: readonly ResourceFamily[] = [];
