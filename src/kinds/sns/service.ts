import type { AwsService } from "../kind.ts";

/** Amazon SNS. */
export const snsService: AwsService = { name: "sns", arnNamespace: "sns", concurrency: 2 };
