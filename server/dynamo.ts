import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ServerConfig } from "./config.ts";

export function createDocumentClient(aws: ServerConfig["aws"], credentials?: { accessKeyId: string; secretAccessKey: string }): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: aws.region,
    ...(aws.endpoint !== undefined ? { endpoint: aws.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    // Our own withRetry decides about retries, so the SDK's are kept short to bound the time a call can take.
    maxAttempts: 2,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
