import {
  DescribeCacheParameterGroupsCommand, DescribeCacheParametersCommand, DescribeCacheSubnetGroupsCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand,
  DescribeUserGroupsCommand, DescribeUsersCommand, ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReconcilerPool } from "../../src/reconcile/pool.ts";
import { ReconcileAborted, type ReconcileResult } from "../../src/reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { clearFaults, clearRecordedRequests, faultStatus, recordedRequests, resetMoto, setFaults } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { applyUntilConverged, createRedisNetwork, loadEnv, pool, redisManifest, type RedisTestNetwork } from "./harness.ts";

const target = () => aws();
let network: RedisTestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createRedisNetwork(target(), 32);
});

function clients() {
  const t = target();
  const config = { region: t.region, endpoint: t.endpoint, credentials: t.credentials };
  return { ec: new ElastiCacheClient(config), sm: new SecretsManagerClient(config) };
}

async function deleteUntilDone(reconcilers: ReconcilerPool, env: LoadedEnvironment): Promise<ReconcileResult> {
  for (let pass = 0; pass < 20; pass++) {
    const result = await reconcilers.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
    if (result.plan.actions.every((a) => a.type === "retain" || a.type === "noop") && result.errors.length === 0) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const last = await reconcilers.forEnvironment(env).reconcile(env, { mode: "delete-preview" });
  throw new Error(`delete did not finish in 20 passes: ${last.plan.actions.filter((a) => a.type !== "retain").map((a) => `${a.name}:${a.type}`).join(", ")}`);
}

/** Everything ElastiCache and Secrets Manager hold under this environment's names. */
async function inventory(env: LoadedEnvironment) {
  const { ec, sm } = clients();
  const prefix = env.names.prefix;
  const groups = ((await ec.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []).filter((g) => g.ReplicationGroupId?.startsWith(prefix));
  const subnets = ((await ec.send(new DescribeCacheSubnetGroupsCommand({}))).CacheSubnetGroups ?? []).filter((g) => g.CacheSubnetGroupName?.startsWith(prefix));
  const parameters = ((await ec.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups ?? []).filter((g) => g.CacheParameterGroupName?.startsWith(prefix));
  const users = ((await ec.send(new DescribeUsersCommand({}))).Users ?? []).filter((u) => u.UserId?.startsWith(prefix));
  const userGroups = ((await ec.send(new DescribeUserGroupsCommand({}))).UserGroups ?? []).filter((g) => g.UserGroupId?.startsWith(prefix));
  const secrets = ((await sm.send(new ListSecretsCommand({}))).SecretList ?? []).filter((s) => s.Name === env.names.redisSecretName);
  return { groups: groups.length, subnets: subnets.length, parameters: parameters.length, users: users.length, userGroups: userGroups.length, secrets: secrets.length };
}

describe("Redis topology changes", () => {
  it("in cluster mode, adds replicas before resharding, one operation per pass", async () => {
    const endpoint = target().endpoint;
    const env = loadEnv(redisManifest("cluster", network, { shards: 2, replicasPerShard: 1, authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const { ec } = clients();
    const created = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(created.ClusterEnabled).toBe(true);
    expect(created.NodeGroups).toHaveLength(2);

    await clearRecordedRequests(endpoint);
    const grown = loadEnv(redisManifest("cluster", network, { shards: 3, replicasPerShard: 2, authentication: "none" }));
    const { result } = await applyUntilConverged(reconcilers, grown);
    const writes = (await recordedRequests(endpoint, { service: "elasticache" })).filter((r) => /^(Increase|Decrease|Modify)/.test(r.operation));
    expect(writes.map((w) => w.operation)).toEqual(["IncreaseReplicaCount", "ModifyReplicationGroupShardConfiguration"]);
    expect(writes[1]!.params).toMatchObject({ NodeGroupCount: 3, ApplyImmediately: true });
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(group.NodeGroups?.map((n) => n.NodeGroupMembers?.length)).toEqual([3, 3, 3]);
    expect(result.outputs.redis?.primaryEndpoint).toBe(group.ConfigurationEndpoint?.Address);
  });

  it("turns failover off before removing the last replica", async () => {
    const endpoint = target().endpoint;
    const env = loadEnv(redisManifest("shrink", network, { authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    await clearRecordedRequests(endpoint);
    const single = loadEnv(redisManifest("shrink", network, { authentication: "none", multiAZ: false, replicasPerShard: 0 }));
    await applyUntilConverged(reconcilers, single);
    const writes = (await recordedRequests(endpoint, { service: "elasticache" })).filter((r) => /^(Increase|Decrease|Modify)/.test(r.operation));
    expect(writes.map((w) => w.operation)).toEqual(["ModifyReplicationGroup", "DecreaseReplicaCount"]);
    expect(Object.keys(writes[0]!.params).sort()).toEqual(["ApplyImmediately", "AutomaticFailoverEnabled", "MultiAZEnabled", "ReplicationGroupId"]);
  });

  it("switches to a new parameter group when the engine family changes, and removes the old one (deletionPolicy Delete)", async () => {
    const deletable = { deletionPolicy: "Delete" };
    const env = loadEnv(redisManifest("upgrade", network, { engineVersion: "6.2", authentication: "none" }, deletable));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    await clearRecordedRequests(target().endpoint);
    const upgraded = loadEnv(redisManifest("upgrade", network, { engineVersion: "7.1", authentication: "none" }, deletable));
    expect(upgraded.names.cacheParameterGroupName).not.toBe(env.names.cacheParameterGroupName);
    await applyUntilConverged(reconcilers, upgraded);
    const modify = await recordedRequests(target().endpoint, { operation: "ModifyReplicationGroup" });
    expect(modify.map((m) => m.params)).toEqual([{
      ReplicationGroupId: env.names.replicationGroupId, ApplyImmediately: true, EngineVersion: "7.1", CacheParameterGroupName: upgraded.names.cacheParameterGroupName,
    }]);
    expect((await recordedRequests(target().endpoint, { operation: "DeleteCacheParameterGroup" })).map((r) => r.params.CacheParameterGroupName))
      .toEqual([env.names.cacheParameterGroupName]);
  });
});

describe("cluster mode and the parameter group", () => {
  async function clusterEnabled(groupName: string): Promise<string | undefined> {
    const { ec } = clients();
    const parameters = (await ec.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: groupName }))).Parameters ?? [];
    return parameters.find((p) => p.ParameterName === "cluster-enabled")?.ParameterValue;
  }

  it("gamectl sets cluster-enabled from shards: yes with more than one shard, no with one", async () => {
    const sharded = loadEnv(redisManifest("cmsharded", network, { shards: 2, replicasPerShard: 1, authentication: "none" }));
    const single = loadEnv(redisManifest("cmsingle", network, { shards: 1, replicasPerShard: 1, authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, sharded);
    await applyUntilConverged(reconcilers, single);
    expect(await clusterEnabled(sharded.names.cacheParameterGroupName)).toBe("yes");
    expect(await clusterEnabled(single.names.cacheParameterGroupName)).toBe("no");
    const { ec } = clients();
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: sharded.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(group.ClusterEnabled).toBe(true);
    expect(group.NodeGroups).toHaveLength(2);
    reconcilers.calls.reset();
    const steady = await reconcilers.forEnvironment(sharded).reconcile(sharded, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(reconcilers.calls.mutatingOperations()).toEqual([]);
  });

  it("going from one shard to two is blocked with the reason, and never flips cluster-enabled on the group in use", async () => {
    const env = loadEnv(redisManifest("cmflip", network, { shards: 1, replicasPerShard: 1, authentication: "none" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const inUse = env.names.cacheParameterGroupName;
    await clearRecordedRequests(target().endpoint);
    const sharded = loadEnv(redisManifest("cmflip", network, { shards: 2, replicasPerShard: 1, authentication: "none" }));
    const result = await reconcilers.forEnvironment(sharded).reconcile(sharded, { mode: "apply" });
    const action = result.plan.actions.find((a) => a.name === "redis/group")!;
    expect(action.type).toBe("blocked");
    expect(action.reason).toMatch(/clusterMode: switching cluster mode/);
    const parameterWrites = (await recordedRequests(target().endpoint, { service: "elasticache" }))
      .filter((r) => /^(Modify|Reset)CacheParameterGroup$/.test(r.operation) && String(r.params.CacheParameterGroupName) === inUse);
    expect(parameterWrites).toEqual([]);
    expect(await clusterEnabled(inUse)).toBe("no");
  });

  it("with allowReplacement, replaces the replication group onto a cluster-enabled parameter group and removes the old group", async () => {
    const deletable = { deletionPolicy: "Delete" };
    const env = loadEnv(redisManifest("cmreplace", network, { shards: 1, replicasPerShard: 1, authentication: "none" }, deletable));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const sharded = loadEnv(redisManifest("cmreplace", network, { shards: 2, replicasPerShard: 1, authentication: "none", allowReplacement: true }, deletable));
    const plan = (await reconcilers.forEnvironment(sharded).reconcile(sharded, { mode: "plan" })).plan;
    expect(plan.actions.find((a) => a.name === "redis/group")!.type).toBe("replace");
    await applyUntilConverged(reconcilers, sharded);
    const { ec } = clients();
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).ReplicationGroups![0]!;
    expect(group.ClusterEnabled).toBe(true);
    expect(group.NodeGroups).toHaveLength(2);
    expect(await clusterEnabled(sharded.names.cacheParameterGroupName)).toBe("yes");
    const groups = ((await ec.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups ?? []).map((g) => g.CacheParameterGroupName);
    expect(groups).toContain(sharded.names.cacheParameterGroupName);
    expect(groups).not.toContain(env.names.cacheParameterGroupName);
  });
});

describe("deleting Redis", () => {
  it("takes a final snapshot and removes every Redis resource with deletionPolicy Delete", async () => {
    const env = loadEnv(redisManifest("gone", network, {}, { deletionPolicy: "Delete" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    expect(await inventory(env)).toEqual({ groups: 1, subnets: 1, parameters: 1, users: 2, userGroups: 1, secrets: 0 });
    await deleteUntilDone(reconcilers, env);
    expect(await inventory(env)).toEqual({ groups: 0, subnets: 0, parameters: 0, users: 0, userGroups: 0, secrets: 0 });
    const { ec } = clients();
    const snapshots = (await ec.send(new DescribeSnapshotsCommand({ ReplicationGroupId: env.names.replicationGroupId }))).Snapshots ?? [];
    expect(snapshots.map((s) => s.SnapshotName)).toEqual([expect.stringMatching(new RegExp(`^${env.names.replicationGroupId}-final-\\d{14}$`))]);
  });

  it("takes no snapshot with finalSnapshot: false", async () => {
    const env = loadEnv(redisManifest("nosnap", network, { finalSnapshot: false, authentication: "token" }, { deletionPolicy: "Delete" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    await clearRecordedRequests(target().endpoint);
    await deleteUntilDone(reconcilers, env);
    const deletes = await recordedRequests(target().endpoint, { operation: "DeleteReplicationGroup" });
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.params.FinalSnapshotIdentifier).toBeUndefined();
    expect(await inventory(env)).toMatchObject({ groups: 0, secrets: 0 });
  });

  it("leaves a retained Redis and what it needs alone", async () => {
    const env = loadEnv(redisManifest("kept", network, { authentication: "token" }, { deletionPolicy: "Retain" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    await clearRecordedRequests(target().endpoint);
    // Not deleteUntilDone: the Redis security group cannot go while the retained group uses it (a
    // security-groups concern); what matters here is that nothing of Redis is touched.
    let result = await reconcilers.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
    for (let pass = 0; pass < 3; pass++) result = await reconcilers.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
    const redisActions = result.plan.actions.filter((a) => a.name.startsWith("redis/"));
    expect(redisActions.map((a) => `${a.name}:${a.type}`).sort()).toEqual(["redis/auth-token:retain", "redis/group:retain", "redis/parameters:retain", "redis/subnets:retain"]);
    const elasticacheWrites = (await recordedRequests(target().endpoint, { service: "elasticache" })).filter((r) => !/^(Describe|List)/.test(r.operation));
    expect(elasticacheWrites).toEqual([]);
    expect(await inventory(env)).toMatchObject({ groups: 1, subnets: 1, parameters: 1, secrets: 1 });
  });
  it("a delete under Retain finishes: the retained Redis keeps its groups, everything else goes", async () => {
    const env = loadEnv(redisManifest("keptdone", network, { authentication: "token" }, { deletionPolicy: "Retain" }));
    const reconcilers = pool(target());
    await applyUntilConverged(reconcilers, env);
    const done = await deleteUntilDone(reconcilers, env);
    expect(done.converged).toBe(true);
    // Nothing is planned again once done: the next pass is still all retain.
    const again = await reconcilers.forEnvironment(env).reconcile(env, { mode: "delete-preview" });
    expect(again.plan.actions.filter((a) => a.type !== "retain").map((a) => `${a.name}:${a.type}`)).toEqual([]);
    expect(again.plan.actions.map((a) => a.name)).toContain("sg/redis");
    expect(await inventory(env)).toMatchObject({ groups: 1, subnets: 1, parameters: 1, secrets: 1 });
  });
});

describe("crash safety and faults", () => {
  it("converges with no duplicates after an abort after the k-th write, for every k", async () => {
    const manifest = (name: string) => loadEnv(redisManifest(name, network, { authentication: "token" }));
    const reference = manifest("crashref");
    const referencePool = pool(target());
    await applyUntilConverged(referencePool, reference);
    const totalWrites = referencePool.calls.writes;
    expect(totalWrites).toBeGreaterThan(6);
    const expected = await inventory(reference);

    for (let k = 1; k <= totalWrites; k++) {
      const env = manifest(`crash${k}`);
      let writes = 0;
      let crashed = false;
      const crash = () => {
        crashed = true;
        throw new ReconcileAborted(`crash after write ${k}`);
      };
      // The k-th write reaches AWS and the process dies before it can use the answer.
      const crashing = pool(target(), {
        gate: () => {
          if (crashed) crash();
        },
        listeners: [({ mutating }) => {
          if (mutating && ++writes === k) crash();
        }],
      });
      await expect(applyUntilConverged(crashing, env)).rejects.toThrow(ReconcileAborted);
      const { result } = await applyUntilConverged(pool(target()), env);
      expect(result.converged).toBe(true);
      expect({ k, ...(await inventory(env)) }).toEqual({ k, ...expected });
    }
  }, 300_000);

  it("converges with 30% throttling and 5xx errors on ElastiCache and Secrets Manager", async () => {
    const env = loadEnv(redisManifest("faulty", network));
    await setFaults(target().endpoint, { rate: 0.3, kinds: ["throttle", "5xx"], services: ["elasticache", "secretsmanager"], seed: 11 });
    const reconcilers = pool(target());
    try {
      const { result } = await applyUntilConverged(reconcilers, env, { maxPasses: 40 });
      expect(result.converged).toBe(true);
      expect((await faultStatus(target().endpoint)).injected).toBeGreaterThan(3);
      expect(Math.max(...reconcilers.calls.events.map((e) => e.attempts))).toBeLessThanOrEqual(8);
    } finally {
      await clearFaults(target().endpoint);
    }
    expect(await inventory(env)).toMatchObject({ groups: 1, subnets: 1, parameters: 1, users: 2, userGroups: 1 });
  }, 120_000);
});
