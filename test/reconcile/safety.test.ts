import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DescribeTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ReconcileAborted } from "../../src/reconcile/reconcile.ts";
import { clearFaults, clearRecordedRequests, faultStatus, recordedRequests, resetMoto, setFaults } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, crashingPool, createNetwork, loadEnvironment, sdkClients, testPool, type TestNetwork } from "../support/aws-environment.ts";

const run = promisify(execFile);
const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

const sdk = () => sdkClients(target());

/** Everything that exists in AWS for one environment, by physical name, to spot duplicates and orphans. */
async function inventory(prefix: string, envKey: string) {
  const { ec2, dynamodb, iam } = sdk();
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [envKey] }] }))).SecurityGroups ?? [];
  const named = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [`${prefix}-*`] }] }))).SecurityGroups ?? [];
  const tables = ((await dynamodb.send(new ListTablesCommand({}))).TableNames ?? []).filter((t) => t.startsWith(`${prefix}-`));
  const roles = ((await iam.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName!).filter((r) => r.startsWith(`${prefix}-`));
  return { groups: groups.map((g) => g.GroupName).sort(), namedGroups: named.length, tables: tables.sort(), roles: roles.sort() };
}

describe("crash at every step", () => {
  it("converges with no duplicates and no orphans after an abort after the k-th write, for every k", async () => {
    const reference = loadEnvironment(coreManifest("crashref", network));
    const referencePool = testPool(target());
    await convergeFully(referencePool, reference);
    const totalWrites = referencePool.calls.writes;
    expect(totalWrites).toBeGreaterThan(8);
    const expected = await inventory(reference.names.prefix, reference.key);

    for (let k = 0; k < totalWrites; k++) {
      const env = loadEnvironment(coreManifest(`crash${k}`, network));
      const crashing = crashingPool(target(), k);
      await expect(convergeFully(crashing, env)).rejects.toThrow(ReconcileAborted);
      const resumed = await convergeFully(testPool(target()), env);
      expect(resumed.converged).toBe(true);
      const seen = await inventory(env.names.prefix, env.key);
      expect({ k, groups: seen.groups.length, named: seen.namedGroups, tables: seen.tables.length, roles: seen.roles.length })
        .toEqual({ k, groups: expected.groups.length, named: expected.namedGroups, tables: expected.tables.length, roles: expected.roles.length });
    }
  }, 300_000);
});

describe("faults", () => {
  it("converges with 30% throttling and 5xx errors, with bounded retries", async () => {
    const env = loadEnvironment(coreManifest("faulty", network));
    await setFaults(target().endpoint, { rate: 0.3, kinds: ["throttle", "5xx"], seed: 7 });
    const pool = testPool(target());
    try {
      const result = await convergeFully(pool, env, { maxPasses: 30 });
      expect(result.converged).toBe(true);
      const status = await faultStatus(target().endpoint);
      expect(status.injected).toBeGreaterThan(5);
      const maxAttempts = Math.max(...pool.calls.events.map((e) => e.attempts));
      expect(maxAttempts).toBeLessThanOrEqual(8);
      const attempts = pool.calls.events.reduce((sum, e) => sum + e.attempts, 0);
      expect(attempts / pool.calls.events.length).toBeLessThan(2.5);
    } finally {
      await clearFaults(target().endpoint);
    }
  }, 120_000);
});

describe("safety", () => {
  it("never sends a single AWS call for an invalid manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gamectl-invalid-"));
    const manifest = coreManifest("invalid", network) as { spec: Record<string, unknown> };
    (manifest.spec.dynamodb as { billingMode: string }).billingMode = "FREE";
    writeFileSync(join(dir, "bad.yaml"), stringify(manifest));
    await clearRecordedRequests(target().endpoint);
    const result = await run("node", ["bin/gamectl.js", "plan", "-f", join(dir, "bad.yaml")], { env: { ...process.env, AWS_ENDPOINT_URL: target().endpoint, AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x" } }).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/bad\.yaml:\d+:\d+: spec\.dynamodb\.billingMode/);
    expect((result as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
    expect(await recordedRequests(target().endpoint)).toEqual([]);
  });

  it("shows a key-schema change as blocked and sends nothing for it", async () => {
    const env = loadEnvironment(coreManifest("blocked", network));
    const pool = testPool(target());
    await convergeFully(pool, env);
    const changed = coreManifest("blocked", network) as { spec: { dynamodb: { tables: Array<{ name: string; partitionKey: unknown }> } } };
    changed.spec.dynamodb.tables[0]!.partitionKey = { name: "userId", type: "S" };
    const edited = loadEnvironment(changed);
    pool.calls.reset();
    const result = await pool.forEnvironment(edited).reconcile(edited, { mode: "apply" });
    const users = result.plan.actions.find((a) => a.name === "table/users")!;
    expect(users.type).toBe("blocked");
    expect(users.reason).toMatch(/key schema/);
    expect(pool.calls.mutatingOperations()).toEqual([]);
    const { dynamodb } = sdk();
    const table = await dynamodb.send(new DescribeTableCommand({ TableName: env.names.tableName("users") }));
    expect(table.Table?.KeySchema?.[0]?.AttributeName).toBe("playerId");
  });

  it("retains tables under Retain, keeps a protected table under Delete, and brakes mass deletes", async () => {
    const { dynamodb } = sdk();
    const retained = loadEnvironment(coreManifest("retained", network));
    const pool = testPool(target());
    await convergeFully(pool, retained);
    const deletion = await pool.forEnvironment(retained).reconcile(retained, { mode: "delete", maxDeletions: 10 });
    expect(deletion.plan.actions.filter((a) => a.kind === "DynamoTable").map((a) => a.type)).toEqual(["retain", "retain", "retain"]);
    const left = await inventory(retained.names.prefix, retained.key);
    expect(left.tables).toHaveLength(3);

    const spec = coreManifest("deleted", network, { deletionPolicy: "Delete" }) as { spec: { dynamodb: { tables: Array<Record<string, unknown>> } } };
    spec.spec.dynamodb.tables[0]!.deletionProtection = true;
    const doomed = loadEnvironment(spec);
    await convergeFully(pool, doomed);
    const before = await inventory(doomed.names.prefix, doomed.key);
    await expect(pool.forEnvironment(doomed).reconcile(doomed, { mode: "delete", maxDeletions: 3 })).rejects.toThrow(/more than the limit of 3/);
    expect(await inventory(doomed.names.prefix, doomed.key)).toEqual(before);

    for (let pass = 0; pass < 5; pass++) await pool.forEnvironment(doomed).reconcile(doomed, { mode: "delete", allowMassDelete: true });
    const after = await inventory(doomed.names.prefix, doomed.key);
    expect(after.tables).toEqual([doomed.names.tableName("users")]);
    expect(after.groups).toEqual([]);
    expect(after.roles).toEqual([]);
    const protectedTable = await dynamodb.send(new DescribeTableCommand({ TableName: doomed.names.tableName("users") }));
    expect(protectedTable.Table?.DeletionProtectionEnabled).toBe(true);
  });
});

describe("a name taken by someone else between observe and create", () => {
  /** Makes the competing resource synchronously, from inside the call gate, right before gamectl's own create. */
  function createElsewhere(script: string): void {
    execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, AWS_ENDPOINT_URL: target().endpoint, AWS_REGION: target().region, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" },
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
    });
  }

  it("neither puts its policy on a foreign role nor uses a foreign security group", async () => {
    const env = loadEnvironment(coreManifest("raced", network, { dynamodb: undefined }));
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    let raced = false;
    const pool = testPool(target(), {
      gate: ({ operation }) => {
        if (raced || (operation !== "CreateRole" && operation !== "CreateSecurityGroup")) return;
        raced = true;
        createElsewhere(`
          import { IAMClient, CreateRoleCommand } from "@aws-sdk/client-iam";
          import { EC2Client, CreateSecurityGroupCommand } from "@aws-sdk/client-ec2";
          await new IAMClient({}).send(new CreateRoleCommand({ RoleName: ${JSON.stringify(env.names.taskRoleName)}, AssumeRolePolicyDocument: ${JSON.stringify(trust)} }));
          await new EC2Client({}).send(new CreateSecurityGroupCommand({ GroupName: ${JSON.stringify(env.names.securityGroupName("app"))}, Description: "someone else's", VpcId: ${JSON.stringify(network.vpcId)} }));
        `);
      },
    });
    await clearRecordedRequests(target().endpoint);
    const result = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(raced).toBe(true);
    expect(result.errors.join("\n")).toMatch(/IAM role ".*" was created by someone else/);
    expect(result.errors.join("\n")).toMatch(/security group ".*" was created by someone else/);
    expect(await recordedRequests(target().endpoint, { operation: "PutRolePolicy" })).toEqual([]);
    expect(await recordedRequests(target().endpoint, { operation: "AuthorizeSecurityGroupIngress" })).toEqual([]);
  });
});
