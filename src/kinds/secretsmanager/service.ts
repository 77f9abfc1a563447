import type { AwsService } from "../kind.ts";

/** AWS Secrets Manager. */
export const secretsmanagerService: AwsService = { name: "secretsmanager", arnNamespace: "secretsmanager", concurrency: 2 };
