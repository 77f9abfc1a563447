import { DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { GetRolePolicyCommand, GetRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { planHasChanges } from "../../src/plan/plan.ts";
import { renderPlan } from "../../src/plan/render.ts";
import { aws } from "../env/index.ts";
import { resetMoto } from "../aws/admin.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, sdkClients, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

const sdk = () => sdkClients(target());

describe("apply from empty", () => {
  it("creates security groups, three tables and the task role, then a second plan is empty with zero writes", async () => {
    const env = loadEnvironment(coreManifest("fromempty", network));
    const pool = testPool(target());
    const result = await convergeFully(pool, env);
    expect(result.errors).toEqual([]);

    const { ec2, dynamodb, iam } = sdk();
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: ["games/fromempty"] }] }));
    expect(groups.SecurityGroups?.map((g) => g.GroupName).sort()).toEqual([env.names.securityGroupName("app")]);
    const history = (await dynamodb.send(new DescribeTableCommand({ TableName: env.names.tableName("game-history") }))).Table!;
    expect(history.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(["by-player"]);
    expect(history.KeySchema).toEqual([{ AttributeName: "gameId", KeyType: "HASH" }, { AttributeName: "endedAt", KeyType: "RANGE" }]);
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: env.names.tableName("game-history") }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe("expiresAt");
    const pitr = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: env.names.tableName("users") }));
    expect(pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe("ENABLED");
    const role = await iam.send(new GetRoleCommand({ RoleName: env.names.taskRoleName }));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toContain("ecs-tasks.amazonaws.com");
    const policy = JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: env.names.taskRoleName, PolicyName: env.names.taskPolicyName }))).PolicyDocument!));
    // Exactly the server's declaration (src/contract/game-server.ts): per table and per index, nothing else.
    const usersArn = (await dynamodb.send(new DescribeTableCommand({ TableName: env.names.tableName("users") }))).Table!.TableArn!;
    const stateArn = (await dynamodb.send(new DescribeTableCommand({ TableName: env.names.tableName("game-state") }))).Table!.TableArn!;
    const tableStatements = policy.Statement.filter((s: { Sid?: string }) => s.Sid?.startsWith("GameTable"));
    expect(tableStatements).toEqual([
      { Sid: "GameTableUsers", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DescribeTable"], Resource: usersArn },
      { Sid: "GameTableUsersIndexByRating", Effect: "Allow", Action: ["dynamodb:Query"], Resource: `${usersArn}/index/by-rating` },
      { Sid: "GameTableGameHistory", Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:Query"], Resource: history.TableArn },
      { Sid: "GameTableGameState", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan"], Resource: stateArn },
    ]);
    expect(result.outputs.tables?.users?.name).toBe(env.names.tableName("users"));
    expect(result.outputs.taskRoleArn).toBe(role.Role!.Arn);

    pool.calls.reset();
    const again = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(renderPlan(again.plan)).toContain("No changes");
    expect(pool.calls.writes).toBe(0);
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
  });
});

describe("the app security group", () => {
  it("admits itself on the game port (relayed WebSockets go task to task), repairs the rule when revoked, and a second pass writes nothing", async () => {
    const env = loadEnvironment(coreManifest("selfrule", network, {
      loadBalancer: { scheme: "internet-facing", allowedCidrs: ["0.0.0.0/0"], listeners: [{ port: 80, protocol: "HTTP" }] },
    }));
    const pool = testPool(target());
    await convergeFully(pool, env);
    const { ec2 } = sdk();
    const appGroup = async () => (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [env.names.securityGroupName("app")] }] }))).SecurityGroups![0]!;
    const app = await appGroup();
    const selfRule = { IpProtocol: "tcp", FromPort: 2567, ToPort: 2567, UserIdGroupPairs: [{ GroupId: app.GroupId }] };
    const fromSelf = (group: typeof app) => (group.IpPermissions ?? []).filter((p) => p.FromPort === 2567 && p.UserIdGroupPairs?.some((pair) => pair.GroupId === group.GroupId));
    expect(fromSelf(app)).toHaveLength(1);

    pool.calls.reset();
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);

    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: app.GroupId, IpPermissions: [selfRule] }));
    expect(fromSelf(await appGroup())).toHaveLength(0);
    const plan = (await pool.forEnvironment(env).reconcile(env, { mode: "plan" })).plan;
    expect(plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`)).toEqual(["sgrules/app:ingress"]);
    await convergeFully(pool, env);
    expect(fromSelf(await appGroup())).toHaveLength(1);
  });
});

describe("drift", () => {
  it("shows exactly the drifted fields and apply restores them", async () => {
    const env = loadEnvironment(coreManifest("drift", network, { loadBalancer: undefined }));
    const pool = testPool(target());
    await convergeFully(pool, env);
    const { ec2, dynamodb, iam } = sdk();
    const app = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [env.names.securityGroupName("app")] }] }))).SecurityGroups![0]!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: app.GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }));
    await dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: env.names.tableName("users"), PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }));
    await iam.send(new PutRolePolicyCommand({
      RoleName: env.names.taskRoleName, PolicyName: env.names.taskPolicyName,
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }),
    }));

    const plan = (await pool.forEnvironment(env).reconcile(env, { mode: "plan" })).plan;
    const changed = plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`);
    expect(changed.sort()).toEqual(["role/task:policy", "sgrules/app:ingress", "table/users:pointInTimeRecovery"]);
    expect(renderPlan(plan)).toMatch(/- \{"cidr":"0\.0\.0\.0\/0","fromPort":22/);

    await convergeFully(pool, env);
    pool.calls.reset();
    const after = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(after.plan.actions.every((a) => a.type === "noop")).toBe(true);
  });
});

describe("resync observation", () => {
  it("confirms a steady environment with at most one read per resource and no writes", async () => {
    const env = loadEnvironment(coreManifest("resync", network));
    const pool = testPool(target());
    await convergeFully(pool, env);
    pool.calls.reset();
    const result = await pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "resync" });
    expect(result.converged).toBe(true);
    expect(result.observation).toBe("resync");
    expect(pool.calls.writes).toBe(0);
    expect(pool.calls.reads).toBeLessThanOrEqual(result.resources.length);
    const operations = pool.calls.events.map((e) => e.operation);
    expect(operations).not.toContain("DescribeTimeToLive");
    expect(operations).not.toContain("GetRolePolicy");
    // Nothing of the environment is a VPC endpoint, so EC2's endpoint list is not read.
    expect(operations).not.toContain("DescribeVpcEndpoints");
  });

  it("reads everything before acting when the light look sees a difference", async () => {
    const env = loadEnvironment(coreManifest("resyncdrift", network));
    const pool = testPool(target());
    await convergeFully(pool, env);
    const { ec2, dynamodb } = sdk();
    const app = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [env.names.securityGroupName("app")] }] }))).SecurityGroups![0]!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: app.GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }));
    // Drift a light look cannot see, next to one it can: the full read that follows repairs both.
    await dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: env.names.tableName("users"), PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }));

    const result = await pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "resync" });
    expect(result.observation).toBe("full");
    expect(result.plan.actions.filter((a) => a.type !== "noop").map((a) => a.name).sort()).toEqual(["sgrules/app", "table/users"]);
    const pitr = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: env.names.tableName("users") }));
    expect(pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe("ENABLED");
  });

  it("does not see drift only a full read shows, and a full read repairs it", async () => {
    const env = loadEnvironment(coreManifest("resyncblind", network));
    const pool = testPool(target());
    await convergeFully(pool, env);
    const { dynamodb } = sdk();
    await dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: env.names.tableName("users"), PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }));
    const light = await pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "resync" });
    expect(light.observation).toBe("resync");
    expect(planHasChanges(light.plan)).toBe(false);
    const full = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(full.plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`)).toEqual(["table/users:pointInTimeRecovery"]);
  });
});

describe("delete", () => {
  it("sends deletes in the reverse of creation: the role, then the rules, then their group", async () => {
    const env = loadEnvironment(coreManifest("deleteorder", network));
    const pool = testPool(target());
    expect((await convergeFully(pool, env)).errors).toEqual([]);
    pool.calls.reset();
    const result = await pool.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
    expect(result.errors).toEqual([]);
    // Events come as calls finish: a later tier's last delete call ends before an earlier tier's first one.
    const writes = pool.calls.mutatingOperations();
    const first = (prefix: string) => writes.findIndex((op) => op.startsWith(prefix));
    const last = (prefix: string) => writes.findLastIndex((op) => op.startsWith(prefix));
    expect(first("iam:DeleteRole")).toBeGreaterThanOrEqual(0);
    expect(last("iam:")).toBeLessThan(first("ec2:RevokeSecurityGroup"));
    expect(last("ec2:RevokeSecurityGroup")).toBeLessThan(first("ec2:DeleteSecurityGroup"));
  });
});
