import type { AwsService } from "../kind.ts";

/** AWS IAM: roles are global and not in the tagging API. */
export const iamService: AwsService = { name: "iam", arnNamespace: "iam", concurrency: 2 };
