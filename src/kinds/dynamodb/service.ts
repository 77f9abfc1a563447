import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { kindService } from "../service.ts";

/** Amazon DynamoDB. */
export const dynamodbService = kindService({
  name: "dynamodb",
  arnNamespace: "dynamodb",
  iamPrefix: "dynamodb",
  sdkPackage: "@aws-sdk/client-dynamodb",
  client: DynamoDBClient,
  concurrency: 4,
  // DynamoDB publishes no per-second rate for its control plane (only at most 500 table operations in
  // flight and DescribeLimits once a minute); the controller calls DescribeTable and friends, so 10/s.
  budget: { rate: 10, burst: 20 },
});
