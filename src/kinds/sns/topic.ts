import { SnsTopicDriver } from "../../aws/drivers/edge/alarm.ts";
import { alarmFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { snsService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, createWithOwnershipTags } from "../permissions.ts";

export const snsTopic: ResourceKind<"SnsTopic"> = {
  name: "SnsTopic",
  service: snsService,
  taggingType: "sns",
  catalog: {
    title: "SNS topic",
    dataHolding: false,
    tier: 0,
    fields: { name: { semantics: "replace", reason: "an SNS topic cannot be renamed" } },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("SnsTopic", alarmFamily),
  outputs: (env, lookup, observed, outputs) => alarmFamily.outputs?.(env, lookup, observed, outputs),
  driver: new SnsTopicDriver(),
  permissions: [
    createWithOwnershipTags(["sns:CreateTopic"]),
    changeOwned(["sns:TagResource", "sns:DeleteTopic"]),
  ],
};
