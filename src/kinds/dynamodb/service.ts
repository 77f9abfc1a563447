import type { AwsService } from "../kind.ts";

/** Amazon DynamoDB. */
export const dynamodbService: AwsService = { name: "dynamodb", arnNamespace: "dynamodb", concurrency: 4 };
