import { MetricAlarmDriver } from "../../aws/drivers/edge/alarm.ts";
import { alarmFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { cloudwatchService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, createWithOwnershipTags, readEverything } from "../permissions.ts";

export const metricAlarm: ResourceKind<"MetricAlarm"> = {
  name: "MetricAlarm",
  service: cloudwatchService,
  taggingType: "cloudwatch",
  catalog: {
    title: "CloudWatch alarm",
    dataHolding: false,
    tier: 1,
    // PutMetricAlarm rewrites the whole alarm, dimensions included; their order is not part of the series.
    fields: { alarmActions: { semantics: "in-place", compare: "set" }, dimensions: { semantics: "in-place", compare: "set" } },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("MetricAlarm", alarmFamily),
  driver: new MetricAlarmDriver(),
  permissions: [
    readEverything(["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"]),
    createWithOwnershipTags(["cloudwatch:PutMetricAlarm"]),
    changeOwned(["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:DeleteAlarms"]),
  ],
};
