import type { AwsService } from "../kind.ts";

/** Amazon CloudWatch: alarms and dashboards. */
export const cloudwatchService: AwsService = { name: "cloudwatch", arnNamespace: "cloudwatch", concurrency: 2 };
