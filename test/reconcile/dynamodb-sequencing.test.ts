import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { clearRecordedRequests, recordedRequests, resetMoto, setAsyncDelays } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

type Manifest = { spec: { accountId?: string; dynamodb: { billingMode: string; provisionedThroughput?: unknown; tables: Array<Record<string, unknown>> } } };

function manifest(name: string): Manifest {
  return coreManifest(name, network) as unknown as Manifest;
}

describe("DynamoDB sequencing", () => {
  it("requeues while a table is CREATING instead of waiting inside the call", async () => {
    await setAsyncDelays(target().endpoint, { dynamodb: { creating: 3 } });
    try {
      const env = loadEnvironment(manifest("slowtable") as unknown as Record<string, unknown>);
      const pool = testPool(target());
      const started = Date.now();
      await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
      const second = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(second.converged).toBe(false);
      expect(second.requeueAfterMs).toBeGreaterThanOrEqual(1_000);
      const users = second.resources.find((r) => r.name === "table/users")!;
      expect(users).toMatchObject({ state: "Pending", awsState: "CREATING" });
      const done = await convergeFully(pool, env, { maxPasses: 20, waitMs: 1_000 });
      expect(done.converged).toBe(true);
    } finally {
      await setAsyncDelays(target().endpoint, { dynamodb: { creating: 0 } });
    }
  });

  it("creates one index per pass, only once every index is ACTIVE", async () => {
    const base = manifest("indexes");
    const env = loadEnvironment(base as unknown as Record<string, unknown>);
    const pool = testPool(target());
    await convergeFully(pool, env);
    const users = base.spec.dynamodb.tables[0]!;
    users.globalSecondaryIndexes = [
      { name: "by-name", partitionKey: { name: "name", type: "S" }, projection: "KEYS_ONLY" },
      { name: "by-rating", partitionKey: { name: "rating", type: "N" }, projection: "ALL" },
    ];
    const edited = loadEnvironment(base as unknown as Record<string, unknown>);
    await setAsyncDelays(target().endpoint, { dynamodb: { updating: 2 } });
    try {
      await clearRecordedRequests(target().endpoint);
      const first = await pool.forEnvironment(edited).reconcile(edited, { mode: "apply" });
      expect(first.plan.actions.find((a) => a.name === "table/users")?.changes[0]).toMatchObject({ field: "globalSecondaryIndexes", class: "one-at-a-time" });
      const second = await pool.forEnvironment(edited).reconcile(edited, { mode: "apply" });
      expect(second.resources.find((r) => r.name === "table/users")?.message).toMatch(/waiting for ACTIVE/);
      const updates = await recordedRequests(target().endpoint, { operation: "UpdateTable" });
      expect(updates).toHaveLength(1);
      expect(updates[0]!.params.GlobalSecondaryIndexUpdates).toHaveLength(1);
      const done = await convergeFully(pool, edited, { maxPasses: 20, waitMs: 1_000 });
      expect(done.converged).toBe(true);
      const table = await new DynamoDBClient({ ...target() }).send(new DescribeTableCommand({ TableName: edited.names.tableName("users") }));
      expect(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(["by-name", "by-rating"]);
      expect(await recordedRequests(target().endpoint, { operation: "UpdateTable" })).toHaveLength(2);
    } finally {
      await setAsyncDelays(target().endpoint, { dynamodb: { updating: 0 } });
    }
  });

  it("switches to provisioned billing with every index's throughput in the same call", async () => {
    const base = manifest("billing");
    const env = loadEnvironment(base as unknown as Record<string, unknown>);
    const pool = testPool(target());
    await convergeFully(pool, env);
    base.spec.dynamodb.billingMode = "PROVISIONED";
    base.spec.dynamodb.provisionedThroughput = { readCapacityUnits: 5, writeCapacityUnits: 5 };
    const edited = loadEnvironment(base as unknown as Record<string, unknown>);
    await clearRecordedRequests(target().endpoint);
    await convergeFully(pool, edited);
    const calls = await recordedRequests(target().endpoint, { operation: "UpdateTable" });
    const history = calls.find((c) => c.params.TableName === edited.names.tableName("game-history"))!;
    expect(history.params).toMatchObject({
      BillingMode: "PROVISIONED",
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      GlobalSecondaryIndexUpdates: [{ Update: { IndexName: "by-player", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } }],
    });
  });

  it("refuses to write in another account than spec.accountId", async () => {
    const base = manifest("otheraccount");
    base.spec.accountId = "999999999999";
    const env = loadEnvironment(base as unknown as Record<string, unknown>);
    const pool = testPool(target());
    await expect(pool.forEnvironment(env).reconcile(env, { mode: "apply" })).rejects.toThrow(/spec.accountId is 999999999999 but the credentials belong to account 123456789012; nothing was changed/);
    expect(pool.calls.writes).toBe(0);
  });
});
