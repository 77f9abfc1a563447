import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResource, DesiredValue, JsonValue } from "../types.ts";
import { tagsFor, type ResourceFamily } from "./family.ts";

export const tableName = (logical: string) => `table/${logical}`;

interface KeyAttribute { name: string; type: string }
interface Throughput { readCapacityUnits: number; writeCapacityUnits: number }

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): JsonValue {
  const keys: JsonValue[] = [{ name: partitionKey.name, type: partitionKey.type, keyType: "HASH" }];
  if (sortKey) keys.push({ name: sortKey.name, type: sortKey.type, keyType: "RANGE" });
  return keys;
}

function throughput(value: Throughput | undefined): JsonValue | undefined {
  return value ? { read: value.readCapacityUnits, write: value.writeCapacityUnits } : undefined;
}

/** Desired table properties in the same normalized shape the DynamoDB driver observes. */
export const dynamodbFamily: ResourceFamily = {
  name: "dynamodb",
  desired(env: LoadedEnvironment) {
    const dynamodb = env.manifest.spec.dynamodb;
    if (!dynamodb) return [];
    const billingMode = dynamodb.billingMode ?? "PAY_PER_REQUEST";
    const provisioned = billingMode === "PROVISIONED";
    return (dynamodb.tables ?? []).map((table): DesiredResource => {
      const name = tableName(table.name);
      const tableThroughput = provisioned ? throughput(table.provisionedThroughput ?? dynamodb.provisionedThroughput) : undefined;
      const indexes = (table.globalSecondaryIndexes ?? []).map((gsi) => {
        const index: Record<string, JsonValue> = {
          name: gsi.name,
          keySchema: keySchema(gsi.partitionKey, gsi.sortKey),
          projection: gsi.projection ?? "ALL",
        };
        if (gsi.projection === "INCLUDE") index.nonKeyAttributes = [...(gsi.nonKeyAttributes ?? [])].sort();
        const gsiThroughput = provisioned ? throughput(gsi.provisionedThroughput ?? table.provisionedThroughput ?? dynamodb.provisionedThroughput) : undefined;
        if (gsiThroughput) index.provisionedThroughput = gsiThroughput;
        return index;
      });
      const sse: DesiredValue = dynamodb.sse?.type === "KMS" ? { type: "KMS", kmsKeyArn: dynamodb.sse.kmsKeyArn ?? null } : { type: "AWS_OWNED" };
      const properties: Record<string, DesiredValue> = {
        keySchema: keySchema(table.partitionKey, table.sortKey),
        billingMode,
        globalSecondaryIndexes: indexes,
        sse,
        timeToLive: table.ttlAttribute ?? null,
        pointInTimeRecovery: table.pointInTimeRecovery ?? dynamodb.pointInTimeRecovery ?? false,
        deletionProtection: table.deletionProtection ?? false,
      };
      if (tableThroughput) properties.provisionedThroughput = tableThroughput;
      return { kind: "DynamoTable", name, component: name, physicalName: env.names.tableName(table.name), properties, tags: tagsFor(env, name) };
    });
  },
  outputs(env, lookup, _observed, outputs) {
    const tables: Record<string, { name: string; arn: string }> = {};
    for (const table of env.manifest.spec.dynamodb?.tables ?? []) {
      const arn = lookup(tableName(table.name), "arn");
      if (arn) tables[table.name] = { name: env.names.tableName(table.name), arn };
    }
    outputs.tables = tables;
  },
};
