import { RedisUserDriver } from "../../aws/drivers/redis/auth.ts";
import { redisFamily } from "../../plan/families/redis.ts";
import type { ResourceKind } from "../kind.ts";
import { elasticacheService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";

export const redisUser: ResourceKind<"RedisUser"> = {
  name: "RedisUser",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache user",
    dataHolding: true,
    tier: 0,
    fields: {
      userName: { semantics: "replace", reason: "ElastiCache cannot rename a user" },
      authenticationType: { semantics: "in-place" },
      accessString: { semantics: "in-place" },
    },
    readiness: { states: ["active"], noun: "user" },
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: familyBuilder("RedisUser", redisFamily),
  driver: new RedisUserDriver(),
  permissions: [
    readEverything(["elasticache:DescribeUsers", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateUser"], [installationArns.cacheUser]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyUser", "elasticache:DeleteUser"], [installationArns.cacheUser]),
  ],
};
