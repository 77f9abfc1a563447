import type { AwsService } from "../kind.ts";

/** Amazon CloudWatch Logs. */
export const logsService: AwsService = { name: "logs", arnNamespace: "logs", concurrency: 2 };
