import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ServerConfig } from "./config.ts";

/** One permission a DynamoDB request needs, as IAM authorizes it: a transaction needs one per item. */
export interface DynamoCall {
  /** The API operation, e.g. Query or TransactWriteItems. */
  readonly operation: string;
  /** The IAM action, e.g. dynamodb:Query, or dynamodb:PutItem for a transaction's Put. */
  readonly action: string;
  /** The physical table name. */
  readonly table: string;
  readonly index?: string;
}
export type DynamoObserver = (call: DynamoCall) => void;

/** The IAM action of each item kind in a TransactWriteItems request (IAM authorizes each item on its own). */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem", ConditionCheck: "ConditionCheckItem" };

/** The permissions one request needs, from its operation and its (marshalled) input. */
export function dynamoCallsOf(operation: string, input: Record<string, unknown>): DynamoCall[] {
  if (operation === "TransactWriteItems") {
    const items = (input.TransactItems ?? []) as Record<string, { TableName?: string } | undefined>[];
    return items.flatMap((item) => Object.entries(item).flatMap(([kind, body]) => (body
      ? [{ operation, action: `dynamodb:${TRANSACT_ITEM_ACTIONS[kind] ?? kind}`, table: body.TableName ?? "" }]
      : [])));
  }
  const table = typeof input.TableName === "string" ? input.TableName : "";
  const index = typeof input.IndexName === "string" ? input.IndexName : undefined;
  return [{ operation, action: `dynamodb:${operation}`, table, ...(index !== undefined ? { index } : {}) }];
}

export function createDocumentClient(
  aws: ServerConfig["aws"], credentials?: { accessKeyId: string; secretAccessKey: string }, observe?: DynamoObserver,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: aws.region,
    ...(aws.endpoint !== undefined ? { endpoint: aws.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    // Our own withRetry decides about retries, so the SDK's are kept short to bound the time a call can take.
    maxAttempts: 2,
  });
  if (observe) {
    // At the build step the request is serialized: its X-Amz-Target names the operation whatever command class
    // (document or low-level) sent it, and the input is the marshalled one, with the table and index names.
    client.middlewareStack.add((next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      const operation = request.headers?.["x-amz-target"]?.split(".").pop();
      if (operation) for (const call of dynamoCallsOf(operation, args.input as Record<string, unknown>)) observe(call);
      return next(args);
    }, { step: "build", name: "gamectlObserveDynamoCalls" });
  }
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
