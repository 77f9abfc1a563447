import {
  CreateTableCommand, DeleteTableCommand, DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand,
  ListTagsOfResourceCommand, TagResourceCommand, UpdateContinuousBackupsCommand, UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition, type GlobalSecondaryIndexUpdate, type KeySchemaElement, type TableDescription, type UpdateTableCommandInput,
} from "@aws-sdk/client-dynamodb";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { canonicalJson } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { KeyAttribute, ProvisionedThroughput } from "../../spec/types.generated.ts";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import { componentTag, ownedBy, tagList, tagMap } from "../../aws/drivers/tags.ts";
import { tagsFor } from "../tags.ts";
import type { DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { dynamodbService } from "./service.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";

/** The logical name of a table: other kinds reference its ARN by it (the task role's grants). */
export const tableName = (logical: string) => `table/${logical}`;

type Key = { name: string; type: "S" | "N" | "B"; keyType: "HASH" | "RANGE" };
type Throughput = { read: number; write: number };
type Index = { name: string; keySchema: Key[]; projection: "ALL" | "KEYS_ONLY" | "INCLUDE"; nonKeyAttributes?: string[]; provisionedThroughput?: Throughput };

/** A table's properties, in the normalized shape both the builder writes and the driver observes. */
export type TableProperties = {
  keySchema: Key[];
  billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
  globalSecondaryIndexes: Index[];
  sse: { type: "AWS_OWNED" } | { type: "KMS"; kmsKeyArn: string | null };
  /** The TTL attribute, null when TTL is off. */
  timeToLive: string | null;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  /** Only with billingMode PROVISIONED. */
  provisionedThroughput?: Throughput;
};

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): Key[] {
  const keys: Key[] = [{ name: partitionKey.name, type: partitionKey.type, keyType: "HASH" }];
  if (sortKey) keys.push({ name: sortKey.name, type: sortKey.type, keyType: "RANGE" });
  return keys;
}

function throughput(value: ProvisionedThroughput | undefined): Throughput | undefined {
  return value ? { read: value.readCapacityUnits, write: value.writeCapacityUnits } : undefined;
}

/** The loader sets every table's and index's throughput when billing is PROVISIONED, and the schema the rest. */
function buildTables(env: LoadedEnvironment): Array<DesiredResourceOf<"DynamoTable", TableProperties>> {
  const dynamodb = env.manifest.spec.dynamodb;
  if (!dynamodb) return [];
  const provisioned = dynamodb.billingMode === "PROVISIONED";
  return dynamodb.tables.map((table) => {
    const name = tableName(table.name);
    const indexes = table.globalSecondaryIndexes.map((gsi): Index => {
      const index: Index = { name: gsi.name, keySchema: keySchema(gsi.partitionKey, gsi.sortKey), projection: gsi.projection };
      if (gsi.projection === "INCLUDE") index.nonKeyAttributes = [...(gsi.nonKeyAttributes ?? [])].sort();
      const gsiThroughput = provisioned ? throughput(gsi.provisionedThroughput) : undefined;
      if (gsiThroughput) index.provisionedThroughput = gsiThroughput;
      return index;
    });
    const properties: TableProperties = {
      keySchema: keySchema(table.partitionKey, table.sortKey),
      billingMode: dynamodb.billingMode,
      globalSecondaryIndexes: indexes,
      sse: dynamodb.sse.type === "KMS" ? { type: "KMS", kmsKeyArn: dynamodb.sse.kmsKeyArn ?? null } : { type: "AWS_OWNED" },
      timeToLive: table.ttlAttribute ?? null,
      pointInTimeRecovery: table.pointInTimeRecovery,
      deletionProtection: table.deletionProtection,
    };
    const tableThroughput = provisioned ? throughput(table.provisionedThroughput) : undefined;
    if (tableThroughput) properties.provisionedThroughput = tableThroughput;
    return { kind: "DynamoTable", name, component: name, physicalName: env.names.tableName(table.name), properties, tags: tagsFor(env, name) };
  });
}

function keysFrom(schema: readonly KeySchemaElement[] | undefined, definitions: readonly AttributeDefinition[] | undefined): Key[] {
  const types = new Map((definitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
  return (schema ?? []).map((k) => ({ name: k.AttributeName ?? "", type: types.get(k.AttributeName) ?? "S", keyType: k.KeyType === "RANGE" ? "RANGE" : "HASH" }));
}

function throughputOf(value: { ReadCapacityUnits?: number | undefined; WriteCapacityUnits?: number | undefined } | undefined): Throughput | undefined {
  return value && (value.ReadCapacityUnits ?? 0) > 0 ? { read: value.ReadCapacityUnits ?? 0, write: value.WriteCapacityUnits ?? 0 } : undefined;
}

function tableState(table: TableDescription): string {
  if (table.TableStatus !== "ACTIVE") return table.TableStatus ?? "UNKNOWN";
  const indexBusy = (table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexStatus !== "ACTIVE");
  return indexBusy ? "UPDATING" : "ACTIVE";
}

function sdkThroughput(t: Throughput) {
  return { ReadCapacityUnits: t.read, WriteCapacityUnits: t.write };
}

function sdkIndex(index: Index) {
  return {
    IndexName: index.name,
    KeySchema: index.keySchema.map((k) => ({ AttributeName: k.name, KeyType: k.keyType })),
    Projection: { ProjectionType: index.projection as "ALL" | "KEYS_ONLY" | "INCLUDE", ...(index.nonKeyAttributes?.length ? { NonKeyAttributes: index.nonKeyAttributes } : {}) },
    ...(index.provisionedThroughput ? { ProvisionedThroughput: sdkThroughput(index.provisionedThroughput) } : {}),
  };
}

function attributeDefinitions(keys: readonly Key[]): AttributeDefinition[] {
  const byName = new Map(keys.map((k) => [k.name, k.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as "S" | "N" | "B" }));
}

/** Observed properties are untyped JSON; the driver itself wrote them in this shape. */
const asIndexes = (value: JsonValue | undefined) => (Array.isArray(value) ? (value as unknown as Index[]) : []);

/** DynamoDB tables, updated in the order AWS allows: one UpdateTable change and one index per pass. */
class DynamoTableDriver implements KindDriver<TableProperties> {
  readonly kind = "DynamoTable";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const names = new Map(desired.map((d) => [d.physicalName, d.name]));
    const owned = await ownedTables(ctx);
    const leftovers = [...owned.keys()].filter((n) => !names.has(n));
    // DynamoDB has no batch describe: a light resync reuses a table's last read while the tag inventory lists it
    // with the same tags (src/aws/shared-observation.ts); a full observation reads it and leaves that read.
    const read = (physical: string, name: string, tags: Record<string, string> | undefined) => ctx.shared && tags
      ? ctx.shared.details(`DynamoTable:${physical}`, canonicalJson(tags), () => this.read(ctx, physical, name, tags))
      : this.read(ctx, physical, name, tags);
    const found = await Promise.all([
      ...[...names].map(([physical, name]) => read(physical, name, owned.get(physical))),
      // A table dropped from the spec is found by its ownership tags, named by its component tag.
      ...leftovers.map((physical) => {
        const tags = owned.get(physical)!;
        return read(physical, tags[componentTag] ?? `table/${physical}`, tags);
      }),
    ]);
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  /** Reads one table with its TTL and PITR; tags come from the tagging read unless the table is not ours. */
  private async read(ctx: DriverContext, physicalName: string, name: string, knownTags: Record<string, string> | undefined): Promise<ObservedResource | undefined> {
    let table: TableDescription | undefined;
    try {
      table = (await ctx.aws.dynamodb.send(new DescribeTableCommand({ TableName: physicalName }))).Table;
    } catch (error) {
      if (awsErrorCode(error) === "ResourceNotFoundException") return undefined;
      throw error;
    }
    if (!table?.TableArn) return undefined;
    const arn = table.TableArn;
    // TTL and PITR have no batched or table-embedded read: a resync leaves them to the full observation.
    const light = ctx.observation === "resync" && knownTags !== undefined;
    const [ttl, backups, tagValues] = await Promise.all([
      light ? undefined : ctx.aws.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: physicalName })),
      light ? undefined : ctx.aws.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: physicalName })).catch((error: unknown) => {
        if (awsErrorCode(error) === "TableNotFoundException") return undefined;
        throw error;
      }),
      knownTags ?? ctx.aws.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: arn })).then((t) => tagMap(t.Tags)),
    ]);
    const billingMode = table.BillingModeSummary?.BillingMode ?? "PROVISIONED";
    const provisioned = billingMode === "PROVISIONED";
    const definitions = table.AttributeDefinitions;
    const indexes: Index[] = (table.GlobalSecondaryIndexes ?? []).map((i) => {
      const index: Index = { name: i.IndexName ?? "", keySchema: keysFrom(i.KeySchema, definitions), projection: i.Projection?.ProjectionType ?? "ALL" };
      if (i.Projection?.NonKeyAttributes?.length) index.nonKeyAttributes = [...i.Projection.NonKeyAttributes].sort();
      const t = provisioned ? throughputOf(i.ProvisionedThroughput) : undefined;
      if (t) index.provisionedThroughput = t;
      return index;
    });
    const ttlStatus = ttl?.TimeToLiveDescription?.TimeToLiveStatus;
    const properties: Record<string, JsonValue> = {
      keySchema: keysFrom(table.KeySchema, definitions) as unknown as JsonValue,
      billingMode,
      globalSecondaryIndexes: indexes as unknown as JsonValue,
      sse: table.SSEDescription?.SSEType === "KMS" ? { type: "KMS", kmsKeyArn: table.SSEDescription.KMSMasterKeyArn ?? null } : { type: "AWS_OWNED" },
      timeToLive: ttlStatus === "ENABLED" || ttlStatus === "ENABLING" ? (ttl?.TimeToLiveDescription?.AttributeName ?? null) : null,
      pointInTimeRecovery: backups?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === "ENABLED",
      deletionProtection: table.DeletionProtectionEnabled ?? false,
    };
    const throughput = provisioned ? throughputOf(table.ProvisionedThroughput) : undefined;
    if (throughput) properties.provisionedThroughput = throughput as unknown as JsonValue;
    return {
      kind: this.kind, name, id: physicalName, owned: ownedBy(tagValues, ctx.environment.key),
      state: tableState(table), properties, attributes: { id: physicalName, arn, indexArnPattern: `${arn}/index/*` }, tags: tagValues,
      deletionProtected: table.DeletionProtectionEnabled ?? false,
      ...(light ? { unobserved: ["timeToLive", "pointInTimeRecovery"] } : {}),
    };
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<TableProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const keys = p.keySchema;
    const indexes = p.globalSecondaryIndexes;
    const throughput = p.provisionedThroughput;
    const sse = p.sse;
    try {
      const created = await ctx.aws.dynamodb.send(new CreateTableCommand({
        TableName: resource.physicalName,
        KeySchema: keys.map((k) => ({ AttributeName: k.name, KeyType: k.keyType })),
        AttributeDefinitions: attributeDefinitions([...keys, ...indexes.flatMap((i) => i.keySchema)]),
        BillingMode: p.billingMode,
        ...(throughput ? { ProvisionedThroughput: sdkThroughput(throughput) } : {}),
        ...(indexes.length ? { GlobalSecondaryIndexes: indexes.map(sdkIndex) } : {}),
        ...(sse.type === "KMS" ? { SSESpecification: { Enabled: true, SSEType: "KMS", ...(sse.kmsKeyArn ? { KMSMasterKeyId: sse.kmsKeyArn } : {}) } } : {}),
        DeletionProtectionEnabled: p.deletionProtection,
        Tags: tagList(resource.tags),
      }));
      const arn = created.TableDescription?.TableArn ?? "";
      // TTL and PITR can only be set once the table is ACTIVE: the next pass sees them as drift and sets them.
      return { attributes: { id: resource.physicalName, arn, indexArnPattern: `${arn}/index/*` }, requeueAfterMs: 5_000, message: "creating" };
    } catch (error) {
      if (awsErrorCode(error) !== "ResourceInUseException") throw error;
      return { requeueAfterMs: 1_000, message: "already being created" };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<TableProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const table = resource.physicalName;
    const db = ctx.aws.dynamodb;
    if (changed.has("tags")) await db.send(new TagResourceCommand({ ResourceArn: observed.attributes.arn, Tags: tagList(resource.tags) }));
    if (changed.has("pointInTimeRecovery")) {
      await db.send(new UpdateContinuousBackupsCommand({ TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: p.pointInTimeRecovery } }));
    }
    if (changed.has("timeToLive")) {
      const wanted = p.timeToLive;
      const current = observed.properties.timeToLive;
      if (typeof current === "string" && current !== wanted) {
        await db.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: current, Enabled: false } }));
      }
      if (typeof wanted === "string") {
        await db.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: wanted, Enabled: true } }));
      }
    }
    if (observed.state !== "ACTIVE") return { attributes: observed.attributes, requeueAfterMs: 10_000, message: `waiting for ACTIVE (is ${observed.state})` };

    // AWS takes one kind of UpdateTable change at a time: table settings first, then one index per pass.
    const settings: UpdateTableCommandInput = { TableName: table };
    if (changed.has("deletionProtection")) settings.DeletionProtectionEnabled = p.deletionProtection;
    if (changed.has("sse")) {
      const sse = p.sse;
      settings.SSESpecification = sse.type === "KMS" ? { Enabled: true, SSEType: "KMS", ...(sse.kmsKeyArn ? { KMSMasterKeyId: sse.kmsKeyArn } : {}) } : { Enabled: false };
    }
    if (changed.has("billingMode") || changed.has("provisionedThroughput")) {
      const provisioned = p.billingMode === "PROVISIONED";
      settings.BillingMode = provisioned ? "PROVISIONED" : "PAY_PER_REQUEST";
      const throughput = p.provisionedThroughput;
      if (provisioned && throughput) settings.ProvisionedThroughput = sdkThroughput(throughput);
      // Switching to provisioned must carry every existing index's throughput in the same call.
      if (provisioned && observed.properties.billingMode !== "PROVISIONED") {
        const desiredIndexes = new Map(p.globalSecondaryIndexes.map((i) => [i.name, i]));
        const updates: GlobalSecondaryIndexUpdate[] = asIndexes(observed.properties.globalSecondaryIndexes).flatMap((i) => {
          const t = desiredIndexes.get(i.name)?.provisionedThroughput ?? throughput;
          return t ? [{ Update: { IndexName: i.name, ProvisionedThroughput: sdkThroughput(t) } }] : [];
        });
        if (updates.length) settings.GlobalSecondaryIndexUpdates = updates;
      }
    }
    if (Object.keys(settings).length > 1) {
      await db.send(new UpdateTableCommand(settings));
      return { attributes: observed.attributes, requeueAfterMs: 10_000, message: "updating table settings" };
    }
    if (changed.has("globalSecondaryIndexes")) {
      const next = nextIndexChange(p.globalSecondaryIndexes, asIndexes(observed.properties.globalSecondaryIndexes));
      if (next) {
        const allKeys = [...p.keySchema, ...p.globalSecondaryIndexes.flatMap((i) => i.keySchema)];
        await db.send(new UpdateTableCommand({
          TableName: table,
          ...(next.Create ? { AttributeDefinitions: attributeDefinitions(allKeys) } : {}),
          GlobalSecondaryIndexUpdates: [next],
        }));
        return { attributes: observed.attributes, requeueAfterMs: 10_000, message: `index change: ${next.Create ? `create ${next.Create.IndexName}` : next.Delete ? `delete ${next.Delete.IndexName}` : "throughput"}` };
      }
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.dynamodb.send(new DeleteTableCommand({ TableName: observed.id }));
    } catch (error) {
      if (awsErrorCode(error) !== "ResourceNotFoundException") throw error;
    }
    return { requeueAfterMs: 5_000 };
  }
}

/** The single index change to make next: deletes first (a changed definition is a delete, then a create). */
export function nextIndexChange(desired: readonly Index[], observed: readonly Index[]): GlobalSecondaryIndexUpdate | undefined {
  const desiredByName = new Map(desired.map((i) => [i.name, i]));
  const observedByName = new Map(observed.map((i) => [i.name, i]));
  const definition = (i: Index) => canonicalJson({ keySchema: i.keySchema, projection: i.projection, nonKeyAttributes: i.nonKeyAttributes ?? [] } as unknown as JsonValue);
  for (const index of observed) {
    const wanted = desiredByName.get(index.name);
    if (!wanted || definition(wanted) !== definition(index)) return { Delete: { IndexName: index.name } };
  }
  for (const index of desired) {
    if (!observedByName.has(index.name)) return { Create: sdkIndex(index) };
  }
  for (const index of desired) {
    const current = observedByName.get(index.name);
    if (index.provisionedThroughput && canonicalJson(index.provisionedThroughput as unknown as JsonValue) !== canonicalJson((current?.provisionedThroughput ?? null) as unknown as JsonValue)) {
      return { Update: { IndexName: index.name, ProvisionedThroughput: sdkThroughput(index.provisionedThroughput) } };
    }
  }
  return undefined;
}

/** Every table the environment owns, with its tags, from the environment's tag inventory. */
async function ownedTables(ctx: DriverContext): Promise<Map<string, Record<string, string>>> {
  const tables = new Map<string, Record<string, string>>();
  for (const { arn, tags } of await environmentInventory(ctx)) {
    const name = arn.startsWith("arn:") && arn.split(":")[2] === "dynamodb" ? arn.split(":table/")[1] : undefined;
    if (name) tables.set(name, tags);
  }
  return tables;
}

/** DynamoDB tables: the one data-holding kind whose schema, throughput and indexes AWS changes one step at a time. */
export const dynamoTable: ResourceKind<"DynamoTable", TableProperties> = {
  name: "DynamoTable",
  service: dynamodbService,
  taggingType: "dynamodb:table",
  catalog: {
    title: "DynamoDB table",
    dataHolding: true,
    tier: 0,
    fields: {
      keySchema: {
        semantics: "immutable",
        reason: "DynamoDB cannot change a table's key schema; create a new table and migrate the data, or set deletionPolicy and rename the table",
      },
      billingMode: { semantics: "needs-state", waitsFor: "ACTIVE" },
      provisionedThroughput: { semantics: "needs-state", waitsFor: "ACTIVE" },
      globalSecondaryIndexes: {
        semantics: "one-at-a-time", waitsFor: "ACTIVE", compare: "set",
        reason: "DynamoDB creates or deletes one index per update, once every index is ACTIVE",
      },
      sse: { semantics: "needs-state", waitsFor: "ACTIVE" },
      deletionProtection: { semantics: "needs-state", waitsFor: "ACTIVE" },
      timeToLive: { semantics: "in-place" },
      pointInTimeRecovery: { semantics: "in-place" },
    },
    // An index being built or removed makes the observed state UPDATING: the table is ready when all of it is ACTIVE.
    readiness: { states: ["ACTIVE"], noun: "table" },
    requeueMs: { creating: 5_000, updating: 10_000, deleting: 5_000 },
  },
  build: buildTables,
  outputs(env, lookup, _observed, outputs) {
    const tables: Record<string, { name: string; arn: string }> = {};
    for (const table of env.manifest.spec.dynamodb?.tables ?? []) {
      const arn = lookup(tableName(table.name), "arn");
      if (arn) tables[table.name] = { name: env.names.tableName(table.name), arn };
    }
    outputs.tables = tables;
  },
  driver: new DynamoTableDriver(),
  permissions: [
    readEverything(["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"]),
    createUnderTheInstallationPrefix(["dynamodb:CreateTable"], [installationArns.table]),
    changeOwnedUnderTheInstallationPrefix(["dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTimeToLive", "dynamodb:TagResource", "dynamodb:DeleteTable"], [installationArns.table]),
  ],
};
