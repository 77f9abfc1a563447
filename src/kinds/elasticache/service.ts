import type { AwsService } from "../kind.ts";

/** Amazon ElastiCache. */
export const elasticacheService: AwsService = { name: "elasticache", arnNamespace: "elasticache", concurrency: 2 };
