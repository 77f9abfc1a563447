import { CacheSubnetGroupDriver } from "../../aws/drivers/redis/groups.ts";
import { redisFamily } from "../../plan/families/redis.ts";
import type { ResourceKind } from "../kind.ts";
import { elasticacheService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, elastiCacheInputs, installationArns, readEverything } from "../permissions.ts";

export const cacheSubnetGroup: ResourceKind<"CacheSubnetGroup"> = {
  name: "CacheSubnetGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache subnet group",
    // A retained replication group still lives in it: it is kept with the group's data.
    dataHolding: true,
    tier: 0,
    fields: {
      subnetIds: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: familyBuilder("CacheSubnetGroup", redisFamily),
  outputs: (env, lookup, observed, outputs) => redisFamily.outputs?.(env, lookup, observed, outputs),
  driver: new CacheSubnetGroupDriver(),
  permissions: [
    readEverything(["elasticache:DescribeCacheSubnetGroups", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateCacheSubnetGroup"], [installationArns.subnetGroup]),
    elastiCacheInputs(["elasticache:CreateCacheSubnetGroup", "elasticache:ModifyCacheSubnetGroup"], ["arn:aws:ec2:*:*:subnet/*", installationArns.subnetGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyCacheSubnetGroup", "elasticache:DeleteCacheSubnetGroup"], [installationArns.subnetGroup]),
  ],
};
