import { CacheParameterGroupDriver } from "../../aws/drivers/redis/groups.ts";
import { redisFamily } from "../../plan/families/redis.ts";
import type { ResourceKind } from "../kind.ts";
import { elasticacheService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";

export const cacheParameterGroup: ResourceKind<"CacheParameterGroup"> = {
  name: "CacheParameterGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache parameter group",
    dataHolding: true,
    tier: 0,
    fields: {
      family: {
        semantics: "immutable",
        reason: "a parameter group's family is fixed at creation and follows the engine's major version; a new family gets a new group",
      },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: familyBuilder("CacheParameterGroup", redisFamily),
  driver: new CacheParameterGroupDriver(),
  permissions: [
    readEverything(["elasticache:DescribeCacheParameterGroups", "elasticache:DescribeCacheParameters", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateCacheParameterGroup"], [installationArns.parameterGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyCacheParameterGroup", "elasticache:ResetCacheParameterGroup", "elasticache:DeleteCacheParameterGroup"], [installationArns.parameterGroup]),
  ],
};
