import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { kindService } from "../service.ts";

/** Amazon CloudWatch: alarms and dashboards. */
export const cloudwatchService = kindService({
  name: "cloudwatch",
  arnNamespace: "cloudwatch",
  iamPrefix: "cloudwatch",
  sdkPackage: "@aws-sdk/client-cloudwatch",
  client: CloudWatchClient,
  concurrency: 2,
  // CloudWatch service quotas: DescribeAlarms 9 TPS, PutMetricAlarm 3 TPS; the lowest is the budget.
  budget: { rate: 3, burst: 3 },
});
