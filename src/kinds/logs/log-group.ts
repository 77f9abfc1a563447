import { LogGroupDriver } from "../../aws/drivers/game-server/log-group.ts";
import { gameServerFamily } from "../../plan/families/game-server.ts";
import type { ResourceKind } from "../kind.ts";
import { logsService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeUnderThePrefix, createUnderThePrefix, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";

export const logGroup: ResourceKind<"LogGroup"> = {
  name: "LogGroup",
  service: logsService,
  taggingType: "logs",
  catalog: {
    title: "CloudWatch Logs group",
    // The game server's logs are data: deleting the environment keeps them under deletionPolicy Retain.
    dataHolding: true,
    tier: 0,
    fields: { retentionInDays: { semantics: "in-place" } },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("LogGroup", gameServerFamily),
  outputs: (env, lookup, observed, outputs) => gameServerFamily.outputs?.(env, lookup, observed, outputs),
  driver: new LogGroupDriver(),
  permissions: [
    readEverything(["logs:DescribeLogGroups", "logs:ListTagsForResource"]),
    createUnderThePrefix(["logs:CreateLogGroup"], [gamectlArns.logGroup]),
    tagAtCreateUnderThePath(["logs:TagResource"], [gamectlArns.logGroup]),
    changeUnderThePrefix(["logs:PutRetentionPolicy", "logs:TagResource", "logs:DeleteLogGroup"], [gamectlArns.logGroup]),
  ],
};
