import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { kindService } from "../service.ts";

/** Amazon CloudWatch Logs. */
export const logsService = kindService({
  name: "logs",
  arnNamespace: "logs",
  iamPrefix: "logs",
  sdkPackage: "@aws-sdk/client-cloudwatch-logs",
  client: CloudWatchLogsClient,
  concurrency: 2,
  // CloudWatch Logs quotas: DescribeLogGroups 10 TPS, CreateLogGroup/PutRetentionPolicy 5 TPS; 5/s.
  budget: { rate: 5, burst: 5 },
});
