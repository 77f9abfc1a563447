import {
  DescribeCacheClustersCommand, DescribeCacheParametersCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand, DescribeUserGroupsCommand,
  DescribeUsersCommand, ElastiCacheClient, ModifyCacheParameterGroupCommand, ModifyReplicationGroupCommand, ModifyUserCommand,
} from "@aws-sdk/client-elasticache";
import { CreateSecurityGroupCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPlan } from "../../src/plan/render.ts";
import { addElastiCacheEvent, clearRecordedRequests, recordedRequests, resetMoto, setAsyncDelays } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { applyUntilConverged, createRedisNetwork, loadEnv, pool, redisManifest, type RedisTestNetwork } from "./harness.ts";

const target = () => aws();
let network: RedisTestNetwork;

function sdk() {
  const t = target();
  const config = { region: t.region, endpoint: t.endpoint, credentials: t.credentials };
  return { ec: new ElastiCacheClient(config), ec2: new EC2Client(config), iam: new IAMClient(config), sm: new SecretsManagerClient(config) };
}

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createRedisNetwork(target(), 31);
});

describe("Redis from empty", () => {
  it("converges with IAM auth, then a second pass makes zero writes", async () => {
    const env = loadEnv(redisManifest("cache-iam", network, { parameters: { "maxmemory-policy": "allkeys-lru", timeout: "300" } }));
    const reconcilers = pool(target());
    const { result } = await applyUntilConverged(reconcilers, env);
    expect(result.errors).toEqual([]);

    const { ec, iam } = sdk();
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(group.CacheNodeType).toBe("cache.t4g.small");
    expect(group.MultiAZ).toBe("enabled");
    expect(group.AutomaticFailover).toBe("enabled");
    expect(group.AtRestEncryptionEnabled).toBe(true);
    expect(group.TransitEncryptionEnabled).toBe(true);
    expect(group.SnapshotRetentionLimit).toBe(7);
    expect(group.NodeGroups?.[0]?.NodeGroupMembers).toHaveLength(2);
    expect(group.UserGroupIds).toEqual([env.names.redisUserGroupId]);
    const members = (await ec.send(new DescribeCacheClustersCommand({}))).CacheClusters!.filter((c) => c.ReplicationGroupId === group.ReplicationGroupId);
    expect(members[0]?.CacheParameterGroup?.CacheParameterGroupName).toBe(env.names.cacheParameterGroupName);
    expect(members[0]?.CacheSubnetGroupName).toBe(env.names.cacheSubnetGroupName);
    expect(members[0]?.SecurityGroups?.map((s) => s.SecurityGroupId)).toEqual([result.outputs.securityGroups.redis]);
    const userGroup = (await ec.send(new DescribeUserGroupsCommand({ UserGroupId: env.names.redisUserGroupId }))).UserGroups![0]!;
    expect(userGroup.UserIds).toContain(env.names.redisUserId);
    const parameters = (await ec.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: env.names.cacheParameterGroupName, Source: "user" }))).Parameters!;
    expect(Object.fromEntries(parameters.map((p) => [p.ParameterName, p.ParameterValue]))).toEqual({ "maxmemory-policy": "allkeys-lru", timeout: "300" });

    const policy = JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: env.names.taskRoleName, PolicyName: env.names.taskPolicyName }))).PolicyDocument!));
    const connect = policy.Statement.find((s: { Sid?: string }) => s.Sid === "RedisConnect");
    expect(connect.Action).toEqual(["elasticache:Connect"]);
    expect([connect.Resource].flat().sort()).toEqual([group.ARN, `arn:aws:elasticache:us-east-1:123456789012:user:${env.names.redisUserId}`].sort());

    expect(result.outputs.redis).toMatchObject({
      primaryEndpoint: group.NodeGroups![0]!.PrimaryEndpoint!.Address, readerEndpoint: group.NodeGroups![0]!.ReaderEndpoint!.Address,
      port: 6379, tls: true, authMode: "iam", userGroupId: env.names.redisUserGroupId,
    });

    reconcilers.calls.reset();
    const again = await reconcilers.forEnvironment(env).reconcile(env, { mode: "apply" });
    const reads = reconcilers.calls.events.filter((e) => !e.mutating);
    console.info(`steady state: ${again.plan.actions.length} resources, ${reads.length} reads (${reads.filter((e) => e.service === "elasticache").length} ElastiCache)`);
    expect(renderPlan(again.plan)).toContain("No changes");
    expect(again.converged).toBe(true);
    expect(reconcilers.calls.mutatingOperations()).toEqual([]);
  });

  it("requeues while the group is creating instead of waiting inside a call", async () => {
    const endpoint = target().endpoint;
    await setAsyncDelays(endpoint, { elasticache: { creating: 2 } });
    try {
      const env = loadEnv(redisManifest("cache-slow", network));
      const reconcilers = pool(target());
      const started = performance.now();
      const first = await reconcilers.forEnvironment(env).reconcile(env, { mode: "apply" });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(first.converged).toBe(false);
      expect(first.requeueAfterMs).toBeGreaterThan(0);
      const { result, passes } = await applyUntilConverged(reconcilers, env, { waitMs: 300 });
      expect(passes.some((p) => p.resources.some((r) => r.name === "redis/group" && r.awsState === "creating" && r.state === "Pending"))).toBe(true);
      expect(result.outputs.redis?.primaryEndpoint).toBeTruthy();
      const creates = (await recordedRequests(endpoint, { operation: "CreateReplicationGroup" })).filter((r) => r.params.ReplicationGroupId === env.names.replicationGroupId);
      expect(creates).toHaveLength(1);
    } finally {
      await setAsyncDelays(endpoint, { elasticache: { creating: 0 } });
    }
  });

  it("creates a random AUTH token in Secrets Manager and never shows it", async () => {
    const env = loadEnv(redisManifest("cache-token", network, { authentication: "token", multiAZ: false, replicasPerShard: 0 }));
    const reconcilers = pool(target());
    const { result, passes } = await applyUntilConverged(reconcilers, env);
    const { sm, ec } = sdk();
    const secretArn = result.outputs.redis?.secretArn;
    expect(secretArn).toBeTruthy();
    const token = (await sm.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(group.AuthTokenEnabled).toBe(true);
    const shown = JSON.stringify(passes.map((p) => ({ plan: p.plan, rendered: renderPlan(p.plan), resources: p.resources, events: p.events, outputs: p.outputs })));
    expect(shown).not.toContain(token);
    reconcilers.calls.reset();
    const again = await reconcilers.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(again.converged).toBe(true);
    expect(reconcilers.calls.writes).toBe(0);
  });
});

describe("Redis drift and state-gated changes", () => {
  it("restores a drifted parameter value and security groups on the replication group", async () => {
    const env = loadEnv(redisManifest("cache-drift", network));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const { ec, ec2 } = sdk();
    const stranger = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: "stranger", Description: "not gamectl's", VpcId: network.vpcId }))).GroupId!;
    await ec.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: env.names.cacheParameterGroupName, ParameterNameValues: [{ ParameterName: "maxmemory-policy", ParameterValue: "noeviction" }] }));
    await ec.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: env.names.replicationGroupId, SecurityGroupIds: [stranger], ApplyImmediately: true }));

    const plan = (await reconcilers.forEnvironment(env).reconcile(env, { mode: "plan" })).plan;
    const changed = plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`);
    expect(changed.sort()).toEqual(["redis/group:securityGroupIds", "redis/parameters:parameters"]);

    await applyUntilConverged(reconcilers, env);
    const members = (await ec.send(new DescribeCacheClustersCommand({}))).CacheClusters!.filter((c) => c.ReplicationGroupId === env.names.replicationGroupId);
    expect(members[0]?.SecurityGroups?.map((s) => s.SecurityGroupId)).not.toContain(stranger);
    const parameters = (await ec.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: env.names.cacheParameterGroupName, Source: "user" }))).Parameters!;
    expect(parameters.find((p) => p.ParameterName === "maxmemory-policy")?.ParameterValue).toBe("volatile-lru");
  });

  it("restores a drifted access string of the game server's ElastiCache user", async () => {
    const env = loadEnv(redisManifest("cache-user", network));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const { ec } = sdk();
    await ec.send(new ModifyUserCommand({ UserId: env.names.redisUserId, AccessString: "on ~* -@all +get" }));
    const plan = (await reconcilers.forEnvironment(env).reconcile(env, { mode: "plan" })).plan;
    expect(plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`)).toEqual(["redis/user:accessString"]);
    await applyUntilConverged(reconcilers, env);
    const user = (await ec.send(new DescribeUsersCommand({ UserId: env.names.redisUserId }))).Users![0]!;
    expect(user.AccessString).toBe("on ~* +@all");
    expect(user.Authentication?.Type).toBe("iam");
  });

  it("resets a parameter removed from the manifest to its default", async () => {
    const withTimeout = loadEnv(redisManifest("cache-reset", network, { parameters: { timeout: "120" } }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, withTimeout);
    await clearRecordedRequests(target().endpoint);
    const without = loadEnv(redisManifest("cache-reset", network));
    await applyUntilConverged(reconcilers, without);
    const resets = await recordedRequests(target().endpoint, { operation: "ResetCacheParameterGroup" });
    expect(resets).toHaveLength(1);
    expect(JSON.stringify(resets[0]!.params)).toContain("timeout");
    const { ec } = sdk();
    const parameters = (await ec.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: withTimeout.names.cacheParameterGroupName, Source: "user" }))).Parameters!;
    expect(parameters.map((p) => p.ParameterName)).toEqual(["maxmemory-policy"]);
  });

  it("waits while the group is modifying, then sends only the changed fields", async () => {
    const endpoint = target().endpoint;
    const env = loadEnv(redisManifest("cache-gated", network));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const { ec } = sdk();
    await setAsyncDelays(endpoint, { elasticache: { modifying: 2 } });
    try {
      // Someone else's change puts the group in `modifying`.
      await ec.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: env.names.replicationGroupId, SnapshotRetentionLimit: 7, ApplyImmediately: true }));
      await clearRecordedRequests(endpoint);
      const changed = loadEnv(redisManifest("cache-gated", network, { nodeType: "cache.t4g.medium", maintenanceWindow: "mon:03:00-mon:04:00" }));
      const first = await reconcilers.forEnvironment(changed).reconcile(changed, { mode: "apply" });
      const action = first.plan.actions.find((a) => a.name === "redis/group")!;
      expect(action.type).toBe("update");
      expect(action.changes.every((c) => c.waitsFor === "available")).toBe(true);
      expect(first.converged).toBe(false);
      expect(first.requeueAfterMs).toBeGreaterThan(0);
      expect(first.resources.find((r) => r.name === "redis/group")?.message).toMatch(/waiting for available/);
      expect(await recordedRequests(endpoint, { operation: "ModifyReplicationGroup" })).toEqual([]);

      await applyUntilConverged(reconcilers, changed, { waitMs: 500 });
      const modifies = await recordedRequests(endpoint, { operation: "ModifyReplicationGroup" });
      expect(modifies).toHaveLength(1);
      expect(Object.keys(modifies[0]!.params).sort()).toEqual(["ApplyImmediately", "CacheNodeType", "PreferredMaintenanceWindow", "ReplicationGroupId"]);
      expect(modifies[0]!.params).toMatchObject({ CacheNodeType: "cache.t4g.medium", PreferredMaintenanceWindow: "mon:03:00-mon:04:00" });
    } finally {
      await setAsyncDelays(endpoint, { elasticache: { modifying: 0 } });
    }
  });

  it("changes replica counts through IncreaseReplicaCount, then modifies the rest", async () => {
    const endpoint = target().endpoint;
    const env = loadEnv(redisManifest("cache-replicas", network, { multiAZ: false, replicasPerShard: 0, authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    await clearRecordedRequests(endpoint);
    const scaled = loadEnv(redisManifest("cache-replicas", network, { multiAZ: true, replicasPerShard: 2, authentication: "none" }));
    await applyUntilConverged(reconcilers, scaled);
    const writes = (await recordedRequests(endpoint, { service: "elasticache" })).filter((r) => /^(Increase|Decrease|Modify)/.test(r.operation));
    expect(writes.map((w) => w.operation)).toEqual(["IncreaseReplicaCount", "ModifyReplicationGroup"]);
    expect(Object.keys(writes[1]!.params).sort()).toEqual(["ApplyImmediately", "AutomaticFailoverEnabled", "MultiAZEnabled", "ReplicationGroupId"]);
  });

  it("turns on encryption in transit through the preferred mode, one step per pass", async () => {
    const endpoint = target().endpoint;
    const plain = loadEnv(redisManifest("cache-tls", network, { authentication: "none", encryption: { atRest: true, inTransit: false } }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, plain);
    await clearRecordedRequests(endpoint);
    const tls = loadEnv(redisManifest("cache-tls", network, { authentication: "none", encryption: { atRest: true, inTransit: true } }));
    const { result } = await applyUntilConverged(reconcilers, tls);
    const modifies = (await recordedRequests(endpoint, { operation: "ModifyReplicationGroup" })).map((r) => r.params);
    expect(modifies).toEqual([
      { ReplicationGroupId: plain.names.replicationGroupId, ApplyImmediately: true, TransitEncryptionEnabled: true, TransitEncryptionMode: "preferred" },
      { ReplicationGroupId: plain.names.replicationGroupId, ApplyImmediately: true, TransitEncryptionMode: "required" },
    ]);
    expect(result.outputs.redis?.tls).toBe(true);
  });

  it("puts an asynchronous failure from DescribeEvents into the status message", async () => {
    const env = loadEnv(redisManifest("cache-events", network));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    await addElastiCacheEvent(target().endpoint, {
      sourceIdentifier: env.names.replicationGroupId, sourceType: "replication-group",
      message: "Failed to remove replicas: the scale-down was rolled back because of insufficient capacity",
    });
    const result = await reconcilers.forEnvironment(env).reconcile(env, { mode: "observe-only" });
    expect(result.resources.find((r) => r.name === "redis/group")?.message).toMatch(/rolled back/);
  });
});

describe("immutable Redis changes", () => {
  it("blocks a port change without the opt-in and makes no call", async () => {
    const env = loadEnv(redisManifest("cache-port", network, { authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const moved = loadEnv(redisManifest("cache-port", network, { authentication: "none", port: 6380 }));
    reconcilers.calls.reset();
    const result = await reconcilers.forEnvironment(moved).reconcile(moved, { mode: "apply" });
    const action = result.plan.actions.find((a) => a.name === "redis/group")!;
    expect(action.type).toBe("blocked");
    expect(action.reason).toMatch(/port: ElastiCache cannot change the port/);
    expect(renderPlan(result.plan)).toMatch(/port/);
    expect(reconcilers.calls.mutatingOperations().filter((o) => o.startsWith("elasticache"))).toEqual([]);
  });

  it("with allowReplacement, plans a replacement with data loss and a snapshot step, and seeds the new group from it", async () => {
    const env = loadEnv(redisManifest("cache-replace", network, { authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const moved = loadEnv(redisManifest("cache-replace", network, { authentication: "none", port: 6380, allowReplacement: true }));
    const plan = (await reconcilers.forEnvironment(moved).reconcile(moved, { mode: "plan" })).plan;
    const action = plan.actions.find((a) => a.name === "redis/group")!;
    expect(action.type).toBe("replace");
    expect(action.dataLoss).toBe(true);
    expect(action.steps?.join(" ")).toMatch(/final snapshot/);
    expect(renderPlan(plan)).toMatch(/-\/\+/);

    await clearRecordedRequests(target().endpoint);
    await applyUntilConverged(reconcilers, moved);
    const creates = await recordedRequests(target().endpoint, { operation: "CreateReplicationGroup" });
    expect(creates).toHaveLength(1);
    expect(String(creates[0]!.params.SnapshotName)).toMatch(new RegExp(`^${env.names.replicationGroupId}-replace-`));
    const { ec } = sdk();
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(group.NodeGroups?.[0]?.PrimaryEndpoint?.Port).toBe(6380);
    const snapshots = (await ec.send(new DescribeSnapshotsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).Snapshots ?? [];
    expect(snapshots.map((s) => s.SnapshotName)).toContain(creates[0]!.params.SnapshotName);
  });
});
