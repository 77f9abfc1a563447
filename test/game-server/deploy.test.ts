import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateClusterCommand, DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListTaskDefinitionsCommand } from "@aws-sdk/client-ecs";
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReconcilerPool } from "../../src/reconcile/pool.ts";
import { renderPlan } from "../../src/plan/render.ts";
import type { ReconcileResult } from "../../src/reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { clearRecordedRequests, recordedRequests, resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";
import { gameServerNeeds } from "../support/game-server.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let network: TestNetwork;
let jwtSecretArn: string;

const image = "ghcr.io/example/gamectl-server:0.1.0";

/** A deployed game server with everything it needs: token-authenticated TLS Redis, the three tables with the leaderboard index, an ALB. */
function deployManifest(name: string, gameServer: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): LoadedEnvironment {
  return loadEnvironment(coreManifest(name, network, {
    gameServer: {
      port: 2567, healthCheckPath: "/health", image, internetEgress: true, cpu: 512, memory: 1024, desiredCount: 2, logRetentionDays: 14,
      environment: { MATCH_DURATION_MS: "60000" }, secrets: { JWT_SECRET: jwtSecretArn }, ...gameServer,
    },
    redis: { engineVersion: "7.1", nodeType: "cache.t4g.micro", encryption: { atRest: true, inTransit: true }, authentication: "token" },
    ...gameServerNeeds,
    ...spec,
  }));
}

/**
 * Deletes the environment pass after pass, as the controller does, until nothing but retained resources
 * is left. `outside` names actions of other families this test does not judge.
 */
async function deleteFully(pool: ReconcilerPool, env: LoadedEnvironment, outside: readonly string[] = [], maxPasses = 8): Promise<ReconcileResult> {
  let last: ReconcileResult | undefined;
  for (let pass = 0; pass < maxPasses; pass++) {
    last = await pool.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
    if (last.converged || (last.errors.length === 0 && last.plan.actions.every((a) => a.type === "retain" || outside.includes(`${a.type} ${a.name}`)))) return last;
  }
  throw new Error(`deletion did not finish after ${maxPasses} passes: ${JSON.stringify(last?.plan.actions.filter((a) => a.type !== "retain").map((a) => `${a.type} ${a.name}`))} ${JSON.stringify(last?.errors)}`);
}

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
  const secret = await new SecretsManagerClient(config()).send(new CreateSecretCommand({ Name: "arena/jwt", SecretString: "a-development-secret-of-32-chars" }));
  jwtSecretArn = secret.ARN!;
});

describe("deploy mode: gamectl runs the game server on ECS Fargate", () => {
  it("converges from empty: task definition wired to the environment's outputs, service in the private subnets behind the target group", async () => {
    const env = deployManifest("deploy");
    const pool = testPool(target());
    const result = await convergeFully(pool, env, { maxPasses: 20 });
    expect(result.resources.filter((r) => r.state !== "Ready")).toEqual([]);
    const kinds = result.resources.map((r) => r.kind);
    for (const kind of ["LogGroup", "ExecutionRole", "EcsCluster", "TaskDefinition", "EcsService"]) expect(kinds).toContain(kind);

    const ecs = new ECSClient(config());
    const definition = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: env.names.gameServerName }))).taskDefinition!;
    const iam = new IAMClient(config());
    const taskRoleArn = (await iam.send(new GetRoleCommand({ RoleName: env.names.taskRoleName }))).Role!.Arn!;
    const executionRoleArn = (await iam.send(new GetRoleCommand({ RoleName: env.names.executionRoleName }))).Role!.Arn!;
    expect(definition).toMatchObject({ taskRoleArn, executionRoleArn, networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "512", memory: "1024" });
    const container = definition.containerDefinitions![0]!;
    expect(container.name).toBe("game");
    expect(container.image).toBe(image);
    expect(container.portMappings?.map((p) => p.containerPort)).toEqual([2567]);
    const environment = Object.fromEntries((container.environment ?? []).map((e) => [e.name, e.value]));
    const redis = result.outputs.redis!;
    expect(environment).toEqual({
      REDIS_URL: `rediss://${redis.primaryEndpoint}:${redis.port}`, REDIS_TLS: "true", REDIS_AUTH_MODE: "token", REDIS_CLUSTER: "false",
      TABLE_USERS: result.outputs.tables.users!.name, TABLE_GAME_HISTORY: result.outputs.tables["game-history"]!.name, TABLE_GAME_STATE: result.outputs.tables["game-state"]!.name,
      AWS_REGION: "us-east-1", PORT: "2567", GAMECTL_ENVIRONMENT: "games/deploy", MATCH_DURATION_MS: "60000",
    });
    // The AUTH token reaches the container only from Secrets Manager, never as a plain variable.
    expect(container.secrets).toEqual([{ name: "JWT_SECRET", valueFrom: jwtSecretArn }, { name: "REDIS_AUTH_TOKEN", valueFrom: redis.secretArn }]);
    expect(container.logConfiguration).toEqual({ logDriver: "awslogs", options: { "awslogs-group": env.names.logGroupName, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "game" } });
    expect(container.healthCheck?.command?.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
    expect(container.healthCheck?.command?.[3]).toContain("fetch(\"http://127.0.0.1:2567/health\")");

    const service = (await ecs.send(new DescribeServicesCommand({ cluster: env.names.gameServerName, services: [env.names.gameServerName], include: ["TAGS"] }))).services![0]!;
    expect(service.taskDefinition).toBe(definition.taskDefinitionArn);
    expect(service.launchType).toBe("FARGATE");
    expect(service.desiredCount).toBe(2);
    expect([...(service.networkConfiguration?.awsvpcConfiguration?.subnets ?? [])].sort()).toEqual([...network.privateSubnetIds].sort());
    expect(service.networkConfiguration?.awsvpcConfiguration?.securityGroups).toEqual([result.outputs.securityGroups.app]);
    expect(service.networkConfiguration?.awsvpcConfiguration?.assignPublicIp).toBe("DISABLED");
    expect(service.loadBalancers).toEqual([{ targetGroupArn: result.outputs.targetGroupArn, containerName: "game", containerPort: 2567 }]);
    expect(service.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    expect(service.enableExecuteCommand).toBe(false);
    expect(service.healthCheckGracePeriodSeconds).toBe(30);
    expect(service.tags).toContainEqual({ key: "gamectl.dev/environment", value: "games/deploy" });
    // Created right the first time: no follow-up UpdateService to fix what CreateService left out.
    expect(await recordedRequests(target().endpoint, { operation: "UpdateService" })).toEqual([]);
    expect(await recordedRequests(target().endpoint, { operation: "RegisterTaskDefinition" })).toHaveLength(1);
    expect(result.outputs.gameServer).toEqual({
      cluster: env.names.gameServerName, service: env.names.gameServerName, taskDefinitionArn: definition.taskDefinitionArn, logGroupName: env.names.logGroupName, executionRoleArn,
    });

    const group = (await new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: env.names.logGroupName }))).logGroups![0]!;
    expect(group.retentionInDays).toBe(14);
    const executionPolicy = JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: env.names.executionRoleName, PolicyName: `gamectl-${env.names.executionRoleName}` }))).PolicyDocument!)) as { Statement: Array<{ Sid: string; Action: string[]; Resource: string[] }> };
    const statements = Object.fromEntries(executionPolicy.Statement.map((s) => [s.Sid, s]));
    // Exactly the secrets the task definition references; a ghcr.io image needs no ECR grant.
    expect([...statements.ReadTaskSecrets!.Resource].sort()).toEqual([jwtSecretArn, redis.secretArn].sort());
    expect(statements.WriteLogs!.Resource).toEqual([`${group.arn!.replace(/:\*$/, "")}:log-stream:*`]);
    expect(Object.keys(statements).sort()).toEqual(["ReadTaskSecrets", "WriteLogs"]);

    // A steady resync changes nothing and registers no revision.
    await clearRecordedRequests(target().endpoint);
    pool.calls.reset();
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
    const resync = await pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "resync" });
    expect(resync.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
    expect(await recordedRequests(target().endpoint, { operation: "RegisterTaskDefinition" })).toEqual([]);
  }, 180_000);

  it("a changed variable is a field-level diff of the container definition and registers exactly one revision; the service moves to it", async () => {
    const pool = testPool(target());
    const before = deployManifest("deploy");
    await convergeFully(pool, before, { maxPasses: 20 });
    const ecs = new ECSClient(config());
    const oldArn = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: before.names.gameServerName }))).taskDefinition!.taskDefinitionArn!;

    const changed = deployManifest("deploy", { environment: { MATCH_DURATION_MS: "90000" } });
    const plan = (await pool.forEnvironment(changed).reconcile(changed, { mode: "plan" })).plan;
    const task = plan.actions.find((a) => a.name === "ecs/task-definition")!;
    expect(task.type).toBe("update");
    expect(task.changes.map((c) => c.field)).toEqual(["containerDefinition.environment"]);
    const variable = (value: unknown) => (value as Array<{ name: string; value: string }>).find((v) => v.name === "MATCH_DURATION_MS")?.value;
    expect([variable(task.changes[0]!.old), variable(task.changes[0]!.new)]).toEqual(["60000", "90000"]);
    // What `gamectl plan` prints: the one variable that changed, not a whole new revision.
    const text = renderPlan(plan);
    expect(text).toContain('+ {"name":"MATCH_DURATION_MS","value":"90000"}');
    expect(text).toContain('- {"name":"MATCH_DURATION_MS","value":"60000"}');
    // The service moves once the revision exists (its ARN is the new revision's): on the next pass.
    expect(plan.actions.filter((a) => a.type !== "noop").map((a) => a.name)).toEqual(["ecs/task-definition"]);

    await clearRecordedRequests(target().endpoint);
    await convergeFully(pool, changed, { maxPasses: 10 });
    expect(await recordedRequests(target().endpoint, { operation: "RegisterTaskDefinition" })).toHaveLength(1);
    const updates = await recordedRequests(target().endpoint, { operation: "UpdateService" });
    expect(updates).toHaveLength(1);
    const newArn = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: changed.names.gameServerName }))).taskDefinition!.taskDefinitionArn!;
    expect(newArn).not.toBe(oldArn);
    expect(updates[0]!.params.taskDefinition).toBe(newArn);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: changed.names.gameServerName, services: [changed.names.gameServerName] }))).services![0]!;
    expect(service.taskDefinition).toBe(newArn);

    // Applies do not pile up revisions: the live one and the one before stay ACTIVE.
    await convergeFully(pool, deployManifest("deploy", { environment: { MATCH_DURATION_MS: "120000" } }), { maxPasses: 10 });
    const active = (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: changed.names.gameServerName, status: "ACTIVE" }))).taskDefinitionArns ?? [];
    expect(active).toHaveLength(2);
  }, 180_000);

  it("turning deploy mode off removes the service, its revisions, the execution role, the log group and the cluster gamectl created", async () => {
    const pool = testPool(target());
    const on = deployManifest("switch", {}, { deletionPolicy: "Delete" });
    await convergeFully(pool, on, { maxPasses: 20 });
    const manifest = JSON.parse(JSON.stringify(on.manifest)) as { spec: { gameServer: Record<string, unknown> } };
    manifest.spec.gameServer = { port: 2567, healthCheckPath: "/health" };
    const off = loadEnvironment(manifest as unknown as Record<string, unknown>);
    const plan = (await pool.forEnvironment(off).reconcile(off, { mode: "plan" })).plan;
    expect(plan.actions.filter((a) => a.type === "delete").map((a) => a.name).sort()).toEqual(["ecs/cluster", "ecs/game-server", "ecs/task-definition", "logs/game-server", "role/execution"]);
    await convergeFully(pool, off, { maxPasses: 20 });
    const ecs = new ECSClient(config());
    expect((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: on.names.gameServerName, status: "ACTIVE" }))).taskDefinitionArns).toEqual([]);
    expect((await ecs.send(new DescribeClustersCommand({ clusters: [on.names.gameServerName] }))).clusters?.filter((c) => c.status === "ACTIVE")).toEqual([]);
    await expect(new IAMClient(config()).send(new GetRoleCommand({ RoleName: on.names.executionRoleName }))).rejects.toThrow();
    expect((await new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: on.names.logGroupName }))).logGroups).toEqual([]);
    const again = (await pool.forEnvironment(off).reconcile(off, { mode: "plan" })).plan;
    expect(again.actions.filter((a) => a.type !== "noop")).toEqual([]);
  }, 180_000);

  it("deletion under Delete removes the service, the task definitions, the execution role, the log group and the cluster gamectl created", async () => {
    const env = deployManifest("gone", {}, { deletionPolicy: "Delete" });
    const pool = testPool(target());
    await convergeFully(pool, env, { maxPasses: 20 });
    await deleteFully(pool, env);
    const ecs = new ECSClient(config());
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: env.names.gameServerName, services: [env.names.gameServerName] }))).services ?? [];
    expect(service.filter((s) => s.status !== "INACTIVE")).toEqual([]);
    expect((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: env.names.gameServerName, status: "ACTIVE" }))).taskDefinitionArns).toEqual([]);
    expect((await ecs.send(new DescribeClustersCommand({ clusters: [env.names.gameServerName] }))).clusters?.filter((c) => c.status === "ACTIVE")).toEqual([]);
    await expect(new IAMClient(config()).send(new GetRoleCommand({ RoleName: env.names.executionRoleName }))).rejects.toThrow();
    expect((await new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: env.names.logGroupName }))).logGroups).toEqual([]);
    // Finished means finished: another pass plans nothing.
    const again = await pool.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
    expect(again.plan.actions).toEqual([]);
  }, 180_000);

  it("deletion under Retain keeps the log group; an existing cluster named in the spec is never deleted", async () => {
    const ecs = new ECSClient(config());
    await ecs.send(new CreateClusterCommand({ clusterName: "shared" }));
    const env = deployManifest("kept", { cluster: { name: "shared" } }, { deletionPolicy: "Retain" });
    const pool = testPool(target());
    const result = await convergeFully(pool, env, { maxPasses: 20 });
    expect(result.resources.map((r) => r.kind)).not.toContain("EcsCluster");
    const running = (await ecs.send(new DescribeServicesCommand({ cluster: "shared", services: [env.names.gameServerName] }))).services![0]!;
    expect(running.status).toBe("ACTIVE");

    // Finishes outright: the Redis security group stays with the retained Redis, its revoked rules count as gone.
    const deleted = await deleteFully(pool, env);
    expect(deleted.converged).toBe(true);
    const gameServerKinds = ["LogGroup", "ExecutionRole", "TaskDefinition", "EcsService", "EcsCluster"];
    const retained = deleted.plan.actions.filter((a) => a.type === "retain");
    expect(retained.filter((a) => gameServerKinds.includes(a.kind)).map((a) => a.name)).toEqual(["logs/game-server"]);
    expect(retained.map((a) => a.name)).toEqual(expect.arrayContaining(["redis/group", "table/game-history", "table/game-state", "table/users"]));
    expect((await ecs.send(new DescribeServicesCommand({ cluster: "shared", services: [env.names.gameServerName] }))).services?.filter((s) => s.status !== "INACTIVE")).toEqual([]);
    expect((await ecs.send(new DescribeClustersCommand({ clusters: ["shared"] }))).clusters?.[0]?.status).toBe("ACTIVE");
    expect((await new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: env.names.logGroupName }))).logGroups).toHaveLength(1);
    await expect(new IAMClient(config()).send(new GetRoleCommand({ RoleName: env.names.executionRoleName }))).rejects.toThrow();
  }, 180_000);
});
