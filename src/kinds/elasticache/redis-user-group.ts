import { RedisUserGroupDriver } from "../../aws/drivers/redis/auth.ts";
import { redisFamily } from "../../plan/families/redis.ts";
import type { ResourceKind } from "../kind.ts";
import { elasticacheService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";

export const redisUserGroup: ResourceKind<"RedisUserGroup"> = {
  name: "RedisUserGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache user group",
    dataHolding: true,
    tier: 1,
    fields: {
      userIds: { semantics: "in-place", compare: "set" },
    },
    readiness: { states: ["active"], noun: "user group" },
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: familyBuilder("RedisUserGroup", redisFamily),
  driver: new RedisUserGroupDriver(),
  permissions: [
    readEverything(["elasticache:DescribeUserGroups", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateUserGroup"], [installationArns.cacheUserGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyUserGroup", "elasticache:DeleteUserGroup"], [installationArns.cacheUserGroup]),
  ],
};
