import { RedisAuthSecretDriver } from "../../aws/drivers/redis/auth.ts";
import { redisFamily } from "../../plan/families/redis.ts";
import type { ResourceKind } from "../kind.ts";
import { secretsmanagerService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeUnderThePrefix, createUnderThePrefix, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";

export const redisAuthSecret: ResourceKind<"RedisAuthSecret"> = {
  name: "RedisAuthSecret",
  service: secretsmanagerService,
  taggingType: "secretsmanager",
  catalog: {
    title: "Secrets Manager secret (Redis AUTH token)",
    // The token is the only way into a token-authenticated group: losing it locks every client out.
    dataHolding: true,
    tier: 0,
    fields: {},
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: familyBuilder("RedisAuthSecret", redisFamily),
  driver: new RedisAuthSecretDriver(),
  permissions: [
    readEverything(["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets"]),
    createUnderThePrefix(["secretsmanager:CreateSecret"], [gamectlArns.secret]),
    tagAtCreateUnderThePath(["secretsmanager:TagResource"], [gamectlArns.secret]),
    changeUnderThePrefix(["secretsmanager:GetSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:TagResource", "secretsmanager:RestoreSecret", "secretsmanager:DeleteSecret"], [gamectlArns.secret]),
  ],
};
