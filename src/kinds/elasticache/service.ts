import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { kindService } from "../service.ts";

/** Amazon ElastiCache. */
export const elasticacheService = kindService({
  name: "elasticache",
  arnNamespace: "elasticache",
  iamPrefix: "elasticache",
  sdkPackage: "@aws-sdk/client-elasticache",
  client: ElastiCacheClient,
  concurrency: 2,
  // ElastiCache publishes no request rate; conservatively 5/s (its Describe* calls are slow on AWS anyway).
  budget: { rate: 5, burst: 10 },
});
