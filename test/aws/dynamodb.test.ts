import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type GlobalSecondaryIndexUpdate,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMoto, type MotoService } from "../env/moto.ts";
import { resetMoto, setAsyncDelays } from "./admin.ts";
import { awsError, pollUntil, sdkConfig } from "./sdk-helpers.ts";

let moto: MotoService;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  moto = await startMoto();
  dynamodb = new DynamoDBClient(sdkConfig(moto.endpoint));
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await resetMoto(moto.endpoint);
});

const attributes = [
  { AttributeName: "id", AttributeType: "S" as const },
  { AttributeName: "email", AttributeType: "S" as const },
  { AttributeName: "region", AttributeType: "S" as const },
];

async function createTable(name: string, extra: { DeletionProtectionEnabled?: boolean } = {}) {
  return await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: attributes.slice(0, 2),
      GlobalSecondaryIndexes: [{ IndexName: "by-email", KeySchema: [{ AttributeName: "email", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
      SSESpecification: { Enabled: true },
      Tags: [{ Key: "gamectl.dev/managed-by", Value: "gamectl" }],
      ...extra,
    }),
  );
}

async function describe_(name: string) {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
  if (!Table) throw new Error(`table ${name} not described`);
  return Table;
}

const createRegionIndex: GlobalSecondaryIndexUpdate = {
  Create: { IndexName: "by-region", KeySchema: [{ AttributeName: "region", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } },
};

describe("DynamoDB tables through the launcher", () => {
  it("rejects UpdateTable and DeleteTable while the table is CREATING", async () => {
    await setAsyncDelays(moto.endpoint, { dynamodb: { creating: 1 } });
    const { TableDescription } = await createTable("players");
    expect(TableDescription?.TableStatus).toBe("CREATING");
    expect(TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe("CREATING");
    expect(await awsError(dynamodb.send(new UpdateTableCommand({ TableName: "players", DeletionProtectionEnabled: true })))).toMatchObject({
      name: "ResourceInUseException",
      status: 400,
      message: "Attempt to change a resource which is still in use: Table is being created: players",
    });
    expect((await awsError(dynamodb.send(new DeleteTableCommand({ TableName: "players" })))).name).toBe("ResourceInUseException");
    await pollUntil(() => describe_("players"), (table) => table.TableStatus === "ACTIVE", 5_000);
    expect((await describe_("players")).GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe("ACTIVE");
  });

  it("creates and deletes one GSI per UpdateTable, each passing through its transitional state", async () => {
    await createTable("players");
    await setAsyncDelays(moto.endpoint, { dynamodb: { updating: 1 } });
    const { TableDescription } = await dynamodb.send(new UpdateTableCommand({ TableName: "players", DeletionProtectionEnabled: true }));
    expect(TableDescription?.TableStatus).toBe("ACTIVE");
    const twoAtOnce = await awsError(
      dynamodb.send(
        new UpdateTableCommand({ TableName: "players", AttributeDefinitions: attributes, GlobalSecondaryIndexUpdates: [createRegionIndex, { Delete: { IndexName: "by-email" } }] }),
      ),
    );
    expect(twoAtOnce.name).toBe("ValidationException");

    await dynamodb.send(new UpdateTableCommand({ TableName: "players", AttributeDefinitions: attributes, GlobalSecondaryIndexUpdates: [createRegionIndex] }));
    const updating = await describe_("players");
    expect(updating.TableStatus).toBe("UPDATING");
    expect(updating.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([
      ["by-email", "ACTIVE"],
      ["by-region", "CREATING"],
    ]);
    expect((await awsError(dynamodb.send(new UpdateTableCommand({ TableName: "players", GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "by-email" } }] })))).name).toBe(
      "ResourceInUseException",
    );
    await pollUntil(() => describe_("players"), (table) => table.TableStatus === "ACTIVE", 5_000);

    await dynamodb.send(new UpdateTableCommand({ TableName: "players", GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "by-email" } }] }));
    expect((await describe_("players")).GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([
      ["by-region", "ACTIVE"],
      ["by-email", "DELETING"],
    ]);
    const settled = await pollUntil(() => describe_("players"), (table) => table.TableStatus === "ACTIVE", 5_000);
    expect(settled.value.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(["by-region"]);
    expect((await awsError(dynamodb.send(new UpdateTableCommand({ TableName: "players", GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "by-email" } }] })))).name).toBe(
      "ValidationException",
    );
  });

  it("switches to PROVISIONED only with throughput for the table and every GSI", async () => {
    await createTable("players");
    const withoutIndex = await awsError(
      dynamodb.send(new UpdateTableCommand({ TableName: "players", BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })),
    );
    expect(withoutIndex).toMatchObject({ name: "ValidationException", message: "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: by-email" });
    await dynamodb.send(
      new UpdateTableCommand({
        TableName: "players",
        BillingMode: "PROVISIONED",
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        GlobalSecondaryIndexUpdates: [{ Update: { IndexName: "by-email", ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } } }],
      }),
    );
    const provisioned = await describe_("players");
    expect(provisioned.BillingModeSummary?.BillingMode).toBe("PROVISIONED");
    expect(provisioned.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    expect(provisioned.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 2, WriteCapacityUnits: 2 });

    await dynamodb.send(new UpdateTableCommand({ TableName: "players", BillingMode: "PAY_PER_REQUEST" }));
    const onDemand = await describe_("players");
    expect(onDemand.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(onDemand.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
  });

  it("keeps TTL, point-in-time recovery, deletion protection and tags", async () => {
    await createTable("players", { DeletionProtectionEnabled: true });
    await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: "players", TimeToLiveSpecification: { Enabled: true, AttributeName: "expiresAt" } }));
    expect((await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: "players" }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expiresAt",
    });
    await dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: "players", PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: "players" }));
    expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe("ENABLED");
    const table = await describe_("players");
    expect(table).toMatchObject({ DeletionProtectionEnabled: true, SSEDescription: { Status: "ENABLED", SSEType: "KMS" } });
    const { Tags } = await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }));
    expect(Tags).toEqual([{ Key: "gamectl.dev/managed-by", Value: "gamectl" }]);
    await dynamodb.send(new TagResourceCommand({ ResourceArn: table.TableArn, Tags: [{ Key: "gamectl.dev/managed-by", Value: "someone-else" }] }));
    expect((await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }))).Tags).toEqual([{ Key: "gamectl.dev/managed-by", Value: "someone-else" }]);
    expect((await awsError(dynamodb.send(new DeleteTableCommand({ TableName: "players" })))).status).toBe(400);
  });

  it("keeps a deleted table DELETING for the configured time, then forgets it", async () => {
    await createTable("players");
    await setAsyncDelays(moto.endpoint, { dynamodb: { deleting: 1 } });
    const { TableDescription } = await dynamodb.send(new DeleteTableCommand({ TableName: "players" }));
    expect(TableDescription?.TableStatus).toBe("DELETING");
    expect((await describe_("players")).TableStatus).toBe("DELETING");
    expect((await awsError(createTable("players"))).name).toBe("ResourceInUseException");
    await pollUntil(
      () => awsError(describe_("players")).catch(() => ({ name: "still there" })),
      (error) => error.name === "ResourceNotFoundException",
      5_000,
    );
    await createTable("players");
  });
});
