import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  AddTagsToResourceCommand,
  CreateCacheParameterGroupCommand,
  CreateCacheSubnetGroupCommand,
  CreateReplicationGroupCommand,
  CreateSnapshotCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DecreaseReplicaCountCommand,
  DeleteCacheParameterGroupCommand,
  DeleteCacheSubnetGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeCacheParametersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  IncreaseReplicaCountCommand,
  ListTagsForResourceCommand,
  ModifyCacheParameterGroupCommand,
  ModifyCacheSubnetGroupCommand,
  ModifyReplicationGroupCommand,
  ModifyReplicationGroupShardConfigurationCommand,
  ModifyUserCommand,
  ModifyUserGroupCommand,
  RemoveTagsFromResourceCommand,
  ResetCacheParameterGroupCommand,
  type CreateReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMoto, type MotoService } from "../env/moto.ts";
import { addElastiCacheEvent, resetMoto, setAsyncDelays } from "./admin.ts";
import { awsError, pollUntil, sdkConfig } from "./sdk-helpers.ts";

let moto: MotoService;
let elasticache: ElastiCacheClient;
const account = "123456789012";

beforeAll(async () => {
  moto = await startMoto();
  elasticache = new ElastiCacheClient(sdkConfig(moto.endpoint));
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await resetMoto(moto.endpoint);
});

async function createGroup(input: Partial<CreateReplicationGroupCommandInput> & { ReplicationGroupId: string }) {
  const { ReplicationGroup } = await elasticache.send(
    new CreateReplicationGroupCommand({ ReplicationGroupDescription: "sessions", Engine: "redis", CacheNodeType: "cache.t4g.micro", ...input }),
  );
  if (!ReplicationGroup) throw new Error("CreateReplicationGroup returned no group");
  return ReplicationGroup;
}

async function describeGroup(id: string) {
  const { ReplicationGroups } = await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }));
  const group = ReplicationGroups?.[0];
  if (!group) throw new Error(`replication group ${id} not described`);
  return group;
}

async function memberCluster(id: string) {
  const { CacheClusters } = await elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }));
  const cluster = CacheClusters?.[0];
  if (!cluster) throw new Error(`cache cluster ${id} not described`);
  return cluster;
}

async function parameter(group: string, name: string) {
  const { Parameters } = await elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: group }));
  return Parameters?.find((p) => p.ParameterName === name);
}

describe("cache parameter groups", () => {
  it("creates, describes, modifies, resets and deletes a group", async () => {
    const { CacheParameterGroup } = await elasticache.send(
      new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "sessions", CacheParameterGroupFamily: "valkey8", Description: "sessions" }),
    );
    expect(CacheParameterGroup).toMatchObject({
      CacheParameterGroupName: "sessions",
      CacheParameterGroupFamily: "valkey8",
      IsGlobal: false,
      ARN: `arn:aws:elasticache:us-east-1:${account}:parametergroup:sessions`,
    });
    const { CacheParameterGroups } = await elasticache.send(new DescribeCacheParameterGroupsCommand({}));
    expect(CacheParameterGroups?.map((g) => g.CacheParameterGroupName)).toEqual(expect.arrayContaining(["default.redis7", "default.valkey8", "sessions"]));

    expect(await parameter("sessions", "maxmemory-policy")).toMatchObject({ ParameterValue: "volatile-lru", Source: "system", DataType: "string", ChangeType: "immediate" });
    expect(await parameter("sessions", "maxclients")).toMatchObject({ IsModifiable: false });

    const modified = await elasticache.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: "sessions",
        ParameterNameValues: [
          { ParameterName: "maxmemory-policy", ParameterValue: "allkeys-lru" },
          { ParameterName: "timeout", ParameterValue: "300" },
        ],
      }),
    );
    expect(modified.CacheParameterGroupName).toBe("sessions");
    const { Parameters: userParameters } = await elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: "sessions", Source: "user" }));
    expect(userParameters?.map((p) => [p.ParameterName, p.ParameterValue, p.Source])).toEqual([
      ["maxmemory-policy", "allkeys-lru", "user"],
      ["timeout", "300", "user"],
    ]);

    await elasticache.send(new ResetCacheParameterGroupCommand({ CacheParameterGroupName: "sessions", ParameterNameValues: [{ ParameterName: "timeout" }] }));
    expect(await parameter("sessions", "timeout")).toMatchObject({ ParameterValue: "0", Source: "system" });
    expect(await parameter("sessions", "maxmemory-policy")).toMatchObject({ ParameterValue: "allkeys-lru", Source: "user" });
    await elasticache.send(new ResetCacheParameterGroupCommand({ CacheParameterGroupName: "sessions", ResetAllParameters: true }));
    expect(await parameter("sessions", "maxmemory-policy")).toMatchObject({ ParameterValue: "volatile-lru", Source: "system" });

    await elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: "sessions" }));
    expect(await awsError(elasticache.send(new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: "sessions" })))).toMatchObject({
      name: "CacheParameterGroupNotFoundFault",
      code: "CacheParameterGroupNotFound",
      status: 404,
    });
  });

  it("answers AWS's error codes", async () => {
    const create = (name: string, family: string) =>
      elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: name, CacheParameterGroupFamily: family, Description: "d" }));
    await create("sessions", "redis7");
    expect(await awsError(create("sessions", "redis7"))).toMatchObject({ code: "CacheParameterGroupAlreadyExists", status: 400 });
    expect((await awsError(create("other", "redis99"))).code).toBe("InvalidParameterValue");

    const modify = (group: string, name: string, value: string) =>
      elasticache.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: group, ParameterNameValues: [{ ParameterName: name, ParameterValue: value }] }));
    expect(await awsError(modify("missing", "timeout", "0"))).toMatchObject({ code: "CacheParameterGroupNotFound", status: 404 });
    expect(await awsError(modify("sessions", "no-such-parameter", "1"))).toMatchObject({ code: "InvalidParameterValue", message: "Unrecognized parameter: no-such-parameter" });
    expect(await awsError(modify("sessions", "cluster-enabled", "maybe"))).toMatchObject({ code: "InvalidParameterValue" });
    expect((await awsError(modify("sessions", "maxmemory-policy", "lru-please"))).code).toBe("InvalidParameterValue");
    expect((await awsError(modify("sessions", "timeout", "-3"))).code).toBe("InvalidParameterValue");
    expect((await awsError(modify("default.redis7", "timeout", "30"))).code).toBe("InvalidParameterValue");
    const tooMany = Array.from({ length: 21 }, () => ({ ParameterName: "timeout", ParameterValue: "0" }));
    expect((await awsError(elasticache.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: "sessions", ParameterNameValues: tooMany }))))).toMatchObject({
      code: "InvalidParameterCombination",
    });

    expect((await awsError(elasticache.send(new ResetCacheParameterGroupCommand({ CacheParameterGroupName: "missing", ResetAllParameters: true })))).code).toBe(
      "CacheParameterGroupNotFound",
    );
    expect((await awsError(elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: "missing" })))).code).toBe("CacheParameterGroupNotFound");
    expect((await awsError(elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: "default.redis7" })))).code).toBe(
      "InvalidCacheParameterGroupState",
    );

    await createGroup({ ReplicationGroupId: "uses-sessions", CacheParameterGroupName: "sessions" });
    expect(await awsError(elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: "sessions" })))).toMatchObject({
      code: "InvalidCacheParameterGroupState",
      status: 400,
    });
  });
});

describe("cluster mode and the parameter group", () => {
  const modify = (group: string, value: string) =>
    elasticache.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: group, ParameterNameValues: [{ ParameterName: "cluster-enabled", ParameterValue: value }] }));
  const customGroup = (name: string) =>
    elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: name, CacheParameterGroupFamily: "redis7", Description: name }));

  it("cluster-enabled is a modifiable, requires-reboot parameter of a custom group", async () => {
    await customGroup("clustered");
    expect(await parameter("clustered", "cluster-enabled")).toMatchObject({ ParameterValue: "no", IsModifiable: true, ChangeType: "requires-reboot" });
    await modify("clustered", "yes");
    expect(await parameter("clustered", "cluster-enabled")).toMatchObject({ ParameterValue: "yes", Source: "user" });
    expect(await parameter("default.redis7.cluster.on", "cluster-enabled")).toMatchObject({ ParameterValue: "yes" });
  });

  it("more than one node group needs a group that says cluster-enabled yes; such a group with one node group is cluster mode with one shard", async () => {
    await customGroup("plain");
    await customGroup("clustered");
    await modify("clustered", "yes");
    const wrongGroup = { code: "InvalidParameterCombination", status: 400, message: "Cluster mode should be enabled in parameter group, but found it is disabled." };
    expect(await awsError(createGroup({ ReplicationGroupId: "two", NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true, CacheParameterGroupName: "plain" })))
      .toMatchObject(wrongGroup);
    expect(await awsError(createGroup({
      ReplicationGroupId: "config", AutomaticFailoverEnabled: true, CacheParameterGroupName: "plain",
      NodeGroupConfiguration: [{ NodeGroupId: "0001", ReplicaCount: 1 }, { NodeGroupId: "0002", ReplicaCount: 1 }],
    }))).toMatchObject(wrongGroup);
    expect(await awsError(createGroup({ ReplicationGroupId: "mode", ClusterMode: "enabled", CacheParameterGroupName: "plain" }))).toMatchObject(wrongGroup);
    expect(await awsError(createGroup({ ReplicationGroupId: "off", ClusterMode: "disabled", CacheParameterGroupName: "clustered" }))).toMatchObject({
      code: "InvalidParameterCombination", message: "Cluster mode should be disabled in parameter group, but found it is enabled.",
    });

    const one = await createGroup({ ReplicationGroupId: "one", NumNodeGroups: 1, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true, CacheParameterGroupName: "clustered" });
    expect(one.ClusterEnabled).toBe(true);
    expect(one.NodeGroups?.map((g) => g.Slots)).toEqual(["0-16383"]);
    expect(one.ConfigurationEndpoint?.Address).toMatch(/^clustercfg\.one\./);
    const two = await createGroup({ ReplicationGroupId: "two", NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true, CacheParameterGroupName: "clustered" });
    expect(two.NodeGroups).toHaveLength(2);
    const single = await createGroup({ ReplicationGroupId: "single", CacheParameterGroupName: "plain" });
    expect(single.ClusterEnabled).toBe(false);
  });

  it("cluster mode cannot flip under a replication group: not by editing its group, not by switching to a group that differs", async () => {
    await customGroup("plain");
    await customGroup("clustered");
    await modify("clustered", "yes");
    await createGroup({ ReplicationGroupId: "sharded", NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true, CacheParameterGroupName: "clustered" });
    await createGroup({ ReplicationGroupId: "single", CacheParameterGroupName: "plain" });
    expect(await awsError(modify("clustered", "no"))).toMatchObject({ code: "InvalidCacheParameterGroupState", status: 400 });
    expect(await awsError(modify("plain", "yes"))).toMatchObject({ code: "InvalidCacheParameterGroupState", status: 400 });
    expect(await awsError(elasticache.send(new ResetCacheParameterGroupCommand({ CacheParameterGroupName: "clustered", ResetAllParameters: true }))))
      .toMatchObject({ code: "InvalidCacheParameterGroupState" });
    // Setting the value it already has changes nothing, and other parameters stay modifiable.
    await modify("clustered", "yes");
    await elasticache.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: "plain", ParameterNameValues: [{ ParameterName: "timeout", ParameterValue: "30" }] }));
    expect(await awsError(elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "single", CacheParameterGroupName: "clustered", ApplyImmediately: true }))))
      .toMatchObject({ code: "InvalidParameterCombination" });
    expect((await parameter("clustered", "cluster-enabled"))?.ParameterValue).toBe("yes");
  });
});

describe("replication groups", () => {
  it("honours NumCacheClusters and ReplicasPerNodeGroup with cluster mode off", async () => {
    const three = await createGroup({ ReplicationGroupId: "three", NumCacheClusters: 3, AutomaticFailoverEnabled: true, MultiAZEnabled: true });
    expect(three.MemberClusters).toEqual(["three-001", "three-002", "three-003"]);
    expect(three.NodeGroups?.[0]?.NodeGroupMembers?.map((m) => [m.CacheClusterId, m.CurrentRole])).toEqual([
      ["three-001", "primary"],
      ["three-002", "replica"],
      ["three-003", "replica"],
    ]);
    expect(three.NodeGroups?.[0]?.PrimaryEndpoint?.Address).toMatch(/^master\.three\./);
    expect(three.NodeGroups?.[0]?.ReaderEndpoint?.Address).toMatch(/^replica\.three\./);
    expect(three).toMatchObject({ AutomaticFailover: "enabled", MultiAZ: "enabled", ClusterEnabled: false });

    const replicas = await createGroup({ ReplicationGroupId: "replicas", ReplicasPerNodeGroup: 2 });
    expect(replicas.MemberClusters).toHaveLength(3);

    const sharded = await createGroup({ ReplicationGroupId: "sharded", NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true });
    expect(sharded.ClusterEnabled).toBe(true);
    expect(sharded.NodeGroups?.map((g) => [g.NodeGroupId, g.Slots, g.NodeGroupMembers?.length])).toEqual([
      ["0001", "0-8191", 2],
      ["0002", "8192-16383", 2],
    ]);
    expect(sharded.ConfigurationEndpoint?.Address).toMatch(/^clustercfg\.sharded\./);

    const member = await memberCluster("three-002");
    expect(member).toMatchObject({ ReplicationGroupId: "three", CacheClusterStatus: "available", Engine: "redis", EngineVersion: "7.1", NumCacheNodes: 1 });
    expect(member.CacheParameterGroup?.CacheParameterGroupName).toBe("default.redis7");
    expect(member.CacheNodes?.[0]?.Endpoint?.Address).toMatch(/^three-002\.three\./);
  });

  it("rejects creation with AWS's error codes", async () => {
    await createGroup({ ReplicationGroupId: "taken" });
    expect(await awsError(createGroup({ ReplicationGroupId: "taken" }))).toMatchObject({ code: "ReplicationGroupAlreadyExists", status: 400 });
    expect(await awsError(createGroup({ ReplicationGroupId: "a", CacheParameterGroupName: "missing" }))).toMatchObject({ code: "CacheParameterGroupNotFound", status: 404 });
    await elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "old", CacheParameterGroupFamily: "redis6.x", Description: "d" }));
    expect(await awsError(createGroup({ ReplicationGroupId: "b", CacheParameterGroupName: "old" }))).toMatchObject({
      code: "InvalidParameterCombination",
      message: "Expected a parameter group of family redis7 but found one of family redis6.x",
    });
    expect((await awsError(createGroup({ ReplicationGroupId: "c", CacheSubnetGroupName: "missing" }))).code).toBe("CacheSubnetGroupNotFoundFault");
    expect((await awsError(createGroup({ ReplicationGroupId: "d", UserGroupIds: ["missing"] }))).code).toBe("UserGroupNotFound");
    expect((await awsError(createGroup({ ReplicationGroupId: "e", MultiAZEnabled: true, NumCacheClusters: 2 }))).code).toBe("InvalidParameterCombination");
    expect((await awsError(createGroup({ ReplicationGroupId: "f", AuthToken: "a-long-enough-token-1234" }))).code).toBe("InvalidParameterCombination");
    expect((await awsError(createGroup({ ReplicationGroupId: "g", Engine: "valkey", EngineVersion: "5.0" }))).code).toBe("InvalidParameterValue");
    expect((await awsError(createGroup({ ReplicationGroupId: "-bad-" }))).code).toBe("InvalidParameterValue");
  });

  it("modifies only what ModifyReplicationGroup sends, honouring ApplyImmediately", async () => {
    await elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "tuned", CacheParameterGroupFamily: "redis7", Description: "d" }));
    await elasticache.send(new CreateUserCommand({ UserId: "app", UserName: "app", Engine: "redis", AccessString: "on ~* +@all", AuthenticationMode: { Type: "iam" } }));
    await elasticache.send(new CreateUserGroupCommand({ UserGroupId: "players", Engine: "redis", UserIds: ["default", "app"] }));
    const ec2 = new EC2Client(sdkConfig(moto.endpoint));
    const securityGroup = async (name: string) => (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name }))).GroupId ?? "";
    const [first, second, third] = [await securityGroup("first"), await securityGroup("second"), await securityGroup("third")];
    await createGroup({ ReplicationGroupId: "sessions", NumCacheClusters: 2, SecurityGroupIds: [first] });
    expect((await awsError(elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "sessions", ApplyImmediately: true, SecurityGroupIds: ["sg-0000000000000dead"] })))))
      .toMatchObject({ code: "InvalidParameterValue", message: "Some security group Id not recognized by EC2: sg-0000000000000dead" });

    await elasticache.send(
      new ModifyReplicationGroupCommand({
        ReplicationGroupId: "sessions",
        ApplyImmediately: true,
        CacheNodeType: "cache.r7g.large",
        SecurityGroupIds: [second, third],
        SnapshotRetentionLimit: 7,
        PreferredMaintenanceWindow: "tue:03:00-tue:04:00",
        CacheParameterGroupName: "tuned",
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: true,
        UserGroupIdsToAdd: ["players"],
      }),
    );
    const group = await describeGroup("sessions");
    expect(group).toMatchObject({ CacheNodeType: "cache.r7g.large", SnapshotRetentionLimit: 7, AutomaticFailover: "enabled", MultiAZ: "enabled", UserGroupIds: ["players"] });
    expect(group.SnapshottingClusterId).toBe("sessions-002");
    const member = await memberCluster("sessions-001");
    expect(member.SecurityGroups).toEqual([
      { SecurityGroupId: second, Status: "active" },
      { SecurityGroupId: third, Status: "active" },
    ]);
    expect(member).toMatchObject({ PreferredMaintenanceWindow: "tue:03:00-tue:04:00", CacheNodeType: "cache.r7g.large" });
    expect(member.CacheParameterGroup?.CacheParameterGroupName).toBe("tuned");
    const { UserGroups } = await elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: "players" }));
    expect(UserGroups?.[0]?.ReplicationGroups).toEqual(["sessions"]);

    // Without ApplyImmediately a node-type change waits for the maintenance window.
    await elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "sessions", CacheNodeType: "cache.r7g.xlarge", UserGroupIdsToRemove: ["players"] }));
    expect((await describeGroup("sessions")).CacheNodeType).toBe("cache.r7g.large");
    expect((await memberCluster("sessions-001")).PendingModifiedValues?.CacheNodeType).toBe("cache.r7g.xlarge");
    expect((await describeGroup("sessions")).UserGroupIds).toEqual([]);
  });

  it("sets an AUTH token only with transit encryption", async () => {
    await createGroup({ ReplicationGroupId: "tls", TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true, AuthToken: "first-token-1234567890" });
    expect(await describeGroup("tls")).toMatchObject({ AuthTokenEnabled: true, TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true });
    await elasticache.send(
      new ModifyReplicationGroupCommand({ ReplicationGroupId: "tls", ApplyImmediately: true, AuthToken: "second-token-1234567890", AuthTokenUpdateStrategy: "ROTATE" }),
    );
    await createGroup({ ReplicationGroupId: "plain" });
    expect(await awsError(elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "plain", ApplyImmediately: true, AuthToken: "some-token-1234567890" })))).toMatchObject({
      code: "InvalidParameterCombination",
    });
    expect((await awsError(elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "tls", ApplyImmediately: true, AuthToken: "short" })))).code).toBe(
      "InvalidParameterValue",
    );
  });

  it("rejects modifications with AWS's error codes, and while the group is modifying", async () => {
    const modify = (input: Record<string, unknown>) => elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "sessions", ApplyImmediately: true, ...input }));
    expect(await awsError(modify({ SnapshotRetentionLimit: 1 }))).toMatchObject({ code: "ReplicationGroupNotFoundFault", status: 404 });
    await createGroup({ ReplicationGroupId: "sessions", NumCacheClusters: 1 });
    expect(await awsError(modify({}))).toMatchObject({ code: "InvalidParameterCombination", message: "No modifications were requested." });
    expect((await awsError(modify({ CacheParameterGroupName: "missing" }))).code).toBe("CacheParameterGroupNotFound");
    expect((await awsError(modify({ SnapshotRetentionLimit: 99 }))).code).toBe("InvalidParameterValue");
    expect((await awsError(modify({ PreferredMaintenanceWindow: "sometime" }))).code).toBe("InvalidParameterValue");
    expect((await awsError(modify({ AutomaticFailoverEnabled: true }))).code).toBe("InvalidParameterCombination");
    expect((await awsError(modify({ UserGroupIdsToAdd: ["missing"] }))).code).toBe("UserGroupNotFound");
    expect((await awsError(modify({ EngineVersion: "6.2" }))).code).toBe("InvalidParameterCombination");

    await setAsyncDelays(moto.endpoint, { elasticache: { modifying: 1 } });
    const { ReplicationGroup } = await modify({ SnapshotRetentionLimit: 2 });
    expect(ReplicationGroup?.Status).toBe("modifying");
    expect((await memberCluster("sessions-001")).CacheClusterStatus).toBe("modifying");
    expect(await awsError(modify({ SnapshotRetentionLimit: 3 }))).toMatchObject({ code: "InvalidReplicationGroupState", status: 400 });
    expect((await awsError(elasticache.send(new CreateSnapshotCommand({ ReplicationGroupId: "sessions", SnapshotName: "too-early" })))).code).toBe(
      "InvalidReplicationGroupState",
    );
    expect((await awsError(elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: "sessions", NewReplicaCount: 1, ApplyImmediately: true })))).code).toBe(
      "InvalidReplicationGroupState",
    );
    await pollUntil(async () => (await describeGroup("sessions")).Status, (status) => status === "available", 5_000);
    await modify({ SnapshotRetentionLimit: 3 });
  });

  it("changes the replica count through Increase/DecreaseReplicaCount", async () => {
    await createGroup({ ReplicationGroupId: "sessions", NumCacheClusters: 2, AutomaticFailoverEnabled: true });
    const increased = await elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: "sessions", NewReplicaCount: 3, ApplyImmediately: true }));
    expect(increased.ReplicationGroup?.MemberClusters).toEqual(["sessions-001", "sessions-002", "sessions-003", "sessions-004"]);
    expect((await memberCluster("sessions-004")).ReplicationGroupId).toBe("sessions");

    const decreased = await elasticache.send(new DecreaseReplicaCountCommand({ ReplicationGroupId: "sessions", NewReplicaCount: 1, ApplyImmediately: true }));
    expect(decreased.ReplicationGroup?.MemberClusters).toEqual(["sessions-001", "sessions-002"]);
    expect((await awsError(memberCluster("sessions-003"))).code).toBe("CacheClusterNotFound");

    const increase = (count: number, apply = true) =>
      elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: "sessions", NewReplicaCount: count, ApplyImmediately: apply }));
    const decrease = (count: number) => elasticache.send(new DecreaseReplicaCountCommand({ ReplicationGroupId: "sessions", NewReplicaCount: count, ApplyImmediately: true }));
    expect((await awsError(increase(1))).code).toBe("InvalidParameterValue");
    expect((await awsError(increase(6))).code).toBe("InvalidParameterValue");
    expect((await awsError(increase(2, false))).code).toBe("InvalidParameterValue");
    expect((await awsError(decrease(0))).code).toBe("InvalidParameterValue");
    expect((await awsError(decrease(1))).code).toBe("InvalidParameterValue");
    expect(
      (await awsError(elasticache.send(new IncreaseReplicaCountCommand({ ReplicationGroupId: "missing", NewReplicaCount: 2, ApplyImmediately: true })))).code,
    ).toBe("ReplicationGroupNotFoundFault");
  });

  it("reshards a cluster-mode group", async () => {
    await createGroup({ ReplicationGroupId: "sharded", NumNodeGroups: 2, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true });
    const reshard = (count: number, extra: Record<string, unknown> = {}) =>
      elasticache.send(new ModifyReplicationGroupShardConfigurationCommand({ ReplicationGroupId: "sharded", NodeGroupCount: count, ApplyImmediately: true, ...extra }));
    const { ReplicationGroup } = await reshard(3);
    expect(ReplicationGroup?.NodeGroups?.map((g) => g.Slots)).toEqual(["0-5460", "5461-10921", "10922-16383"]);
    expect(ReplicationGroup?.MemberClusters).toHaveLength(6);
    expect((await awsError(reshard(3))).code).toBe("NoOperationFault");
    expect((await awsError(reshard(2))).code).toBe("InvalidParameterValue");
    expect((await awsError(reshard(2, { NodeGroupsToRemove: ["0009"] }))).code).toBe("NodeGroupNotFoundFault");
    const shrunk = await reshard(2, { NodeGroupsToRemove: ["0002"] });
    expect(shrunk.ReplicationGroup?.NodeGroups?.map((g) => g.NodeGroupId)).toEqual(["0001", "0003"]);
    await createGroup({ ReplicationGroupId: "single" });
    expect(
      (await awsError(elasticache.send(new ModifyReplicationGroupShardConfigurationCommand({ ReplicationGroupId: "single", NodeGroupCount: 2, ApplyImmediately: true })))).code,
    ).toBe("InvalidParameterValue");
  });

  it("deletes a group after the deleting time, taking a final snapshot", async () => {
    await createGroup({ ReplicationGroupId: "sessions", NumCacheClusters: 2 });
    await setAsyncDelays(moto.endpoint, { elasticache: { deleting: 1 } });
    const { ReplicationGroup } = await elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "sessions", FinalSnapshotIdentifier: "sessions-final" }));
    expect(ReplicationGroup?.Status).toBe("deleting");
    const deleting = await describeGroup("sessions");
    expect([deleting.Status, deleting.NodeGroups?.[0]?.Status]).toEqual(["deleting", "deleting"]);
    expect((await memberCluster("sessions-001")).CacheClusterStatus).toBe("deleting");
    expect((await awsError(elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "sessions" })))).code).toBe("InvalidReplicationGroupState");
    await pollUntil(
      () => awsError(describeGroup("sessions")).catch(() => ({ code: "still there" })),
      (error) => error.code === "ReplicationGroupNotFoundFault",
      5_000,
    ).catch(async () => {
      throw new Error(`group still present: ${JSON.stringify(await describeGroup("sessions"))}`);
    });
    const { Snapshots } = await elasticache.send(new DescribeSnapshotsCommand({ SnapshotName: "sessions-final" }));
    expect(Snapshots?.[0]).toMatchObject({ SnapshotName: "sessions-final", ReplicationGroupId: "sessions", SnapshotStatus: "available", Engine: "redis" });
    const byGroup = await elasticache.send(new DescribeSnapshotsCommand({ ReplicationGroupId: "sessions" }));
    expect(byGroup.Snapshots?.map((s) => s.SnapshotName)).toEqual(["sessions-final"]);

    await setAsyncDelays(moto.endpoint, { elasticache: { deleting: 0 } });
    await createGroup({ ReplicationGroupId: "again" });
    expect(
      (await awsError(elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "again", FinalSnapshotIdentifier: "sessions-final" })))).code,
    ).toBe("SnapshotAlreadyExistsFault");
    expect((await awsError(elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "missing" })))).code).toBe("ReplicationGroupNotFoundFault");
  });
});

describe("subnet groups, engine versions, events, users and tags", () => {
  it("modifies and deletes cache subnet groups", async () => {
    const ec2 = new EC2Client(sdkConfig(moto.endpoint));
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" }));
    const subnet = async (cidr: string, zone: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: Vpc?.VpcId, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet?.SubnetId ?? "";
    const [a, b] = [await subnet("10.1.1.0/24", "us-east-1a"), await subnet("10.1.2.0/24", "us-east-1b")];
    await elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: "private", CacheSubnetGroupDescription: "private", SubnetIds: [a] }));
    const { CacheSubnetGroup } = await elasticache.send(new ModifyCacheSubnetGroupCommand({ CacheSubnetGroupName: "private", SubnetIds: [a, b] }));
    expect(CacheSubnetGroup?.Subnets?.map((s) => s.SubnetIdentifier)).toEqual([a, b]);
    expect(CacheSubnetGroup?.VpcId).toBe(Vpc?.VpcId);
    expect((await awsError(elasticache.send(new ModifyCacheSubnetGroupCommand({ CacheSubnetGroupName: "missing", SubnetIds: [a] })))).code).toBe(
      "CacheSubnetGroupNotFoundFault",
    );
    expect((await awsError(elasticache.send(new ModifyCacheSubnetGroupCommand({ CacheSubnetGroupName: "private", SubnetIds: [a, "subnet-0000000000000dead"] })))).code).toBe(
      "InvalidSubnet",
    );
    expect(
      (await awsError(elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: "bogus", CacheSubnetGroupDescription: "d", SubnetIds: ["subnet-0000000000000dead"] })))).code,
    ).toBe("InvalidSubnet");

    await createGroup({ ReplicationGroupId: "in-private", CacheSubnetGroupName: "private" });
    expect((await awsError(elasticache.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: "private" })))).code).toBe("CacheSubnetGroupInUse");
    await elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "in-private" }));
    await elasticache.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: "private" }));
    expect((await awsError(elasticache.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: "private" })))).code).toBe("CacheSubnetGroupNotFoundFault");
    expect((await awsError(elasticache.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: "private" })))).code).toBe("CacheSubnetGroupNotFoundFault");
  });

  it("describes engine versions with their parameter group families", async () => {
    const { CacheEngineVersions } = await elasticache.send(new DescribeCacheEngineVersionsCommand({ Engine: "valkey" }));
    expect(CacheEngineVersions?.map((v) => [v.EngineVersion, v.CacheParameterGroupFamily])).toEqual([
      ["7.2", "valkey7"],
      ["8.0", "valkey8"],
      ["8.1", "valkey8"],
    ]);
    const defaults = await elasticache.send(new DescribeCacheEngineVersionsCommand({ DefaultOnly: true }));
    expect(defaults.CacheEngineVersions?.map((v) => `${v.Engine} ${v.EngineVersion}`)).toEqual(["redis 7.1", "valkey 8.1"]);
    const redis7 = await elasticache.send(new DescribeCacheEngineVersionsCommand({ CacheParameterGroupFamily: "redis7" }));
    expect(redis7.CacheEngineVersions?.map((v) => v.EngineVersion)).toEqual(["7.0", "7.1"]);
  });

  it("lists events, including ones the test injects, newest first", async () => {
    await createGroup({ ReplicationGroupId: "sessions" });
    await elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "sessions", ApplyImmediately: true, SnapshotRetentionLimit: 1 }));
    await addElastiCacheEvent(moto.endpoint, { sourceIdentifier: "sessions", sourceType: "replication-group", message: "Failed to scale down: rolled back" });
    const { Events } = await elasticache.send(new DescribeEventsCommand({ SourceIdentifier: "sessions", SourceType: "replication-group", Duration: 60 }));
    expect(Events?.map((e) => e.Message)).toEqual(["Failed to scale down: rolled back", "Replication group modified", "Replication group created"]);
    expect(Events?.[0]?.Date).toBeInstanceOf(Date);
    const none = await elasticache.send(new DescribeEventsCommand({ SourceIdentifier: "other", SourceType: "replication-group" }));
    expect(none.Events).toEqual([]);
    expect((await awsError(elasticache.send(new DescribeEventsCommand({ SourceIdentifier: "sessions" })))).code).toBe("InvalidParameterCombination");
    expect((await awsError(elasticache.send(new DescribeEventsCommand({ Duration: 30_000 })))).code).toBe("InvalidParameterValue");
  });

  it("manages users and user groups", async () => {
    await elasticache.send(new CreateUserCommand({ UserId: "app", UserName: "app", Engine: "redis", AccessString: "on ~* +@all", AuthenticationMode: { Type: "iam" } }));
    expect(
      await awsError(elasticache.send(new CreateUserCommand({ UserId: "app", UserName: "app", Engine: "redis", AccessString: "on", AuthenticationMode: { Type: "iam" } }))),
    ).toMatchObject({ code: "UserAlreadyExists", message: "User app already exists." });
    const created = await elasticache.send(new CreateUserGroupCommand({ UserGroupId: "players", Engine: "redis", UserIds: ["default", "app"], Tags: [{ Key: "k", Value: "v" }] }));
    expect(created).toMatchObject({ UserGroupId: "players", Status: "active", UserIds: ["default", "app"], ARN: `arn:aws:elasticache:us-east-1:${account}:usergroup:players` });
    expect((await awsError(elasticache.send(new CreateUserGroupCommand({ UserGroupId: "players", Engine: "redis", UserIds: ["default"] })))).code).toBe(
      "UserGroupAlreadyExists",
    );
    expect((await awsError(elasticache.send(new CreateUserGroupCommand({ UserGroupId: "nodefault", Engine: "redis", UserIds: ["app"] })))).code).toBe(
      "DefaultUserRequired",
    );
    expect((await awsError(elasticache.send(new CreateUserGroupCommand({ UserGroupId: "ghosts", Engine: "redis", UserIds: ["default", "ghost"] })))).code).toBe(
      "UserNotFound",
    );
    const { Users } = await elasticache.send(new DescribeUsersCommand({ UserId: "app" }));
    expect(Users?.[0]?.UserGroupIds).toEqual(["players"]);

    const modifiedUser = await elasticache.send(new ModifyUserCommand({ UserId: "app", AccessString: "on ~session:* +@all" }));
    expect(modifiedUser).toMatchObject({ UserId: "app", AccessString: "on ~session:* +@all", Authentication: { Type: "iam" } });
    const withPassword = await elasticache.send(new ModifyUserCommand({ UserId: "app", AuthenticationMode: { Type: "password", Passwords: ["a-password-of-16+chars"] } }));
    expect(withPassword.Authentication).toEqual({ Type: "password", PasswordCount: 1 });
    expect((await awsError(elasticache.send(new ModifyUserCommand({ UserId: "app", AuthenticationMode: { Type: "password", Passwords: ["short"] } })))).code).toBe(
      "InvalidParameterValue",
    );
    expect((await awsError(elasticache.send(new ModifyUserCommand({ UserId: "ghost", AccessString: "on" })))).code).toBe("UserNotFound");

    await elasticache.send(new ModifyUserGroupCommand({ UserGroupId: "players", UserIdsToRemove: ["app"] }));
    expect((await elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: "players" }))).UserGroups?.[0]?.UserIds).toEqual(["default"]);
    expect((await awsError(elasticache.send(new ModifyUserGroupCommand({ UserGroupId: "players", UserIdsToRemove: ["default"] })))).code).toBe("DefaultUserRequired");
    expect((await awsError(elasticache.send(new ModifyUserGroupCommand({ UserGroupId: "missing", UserIdsToAdd: ["app"] })))).code).toBe("UserGroupNotFound");

    await createGroup({ ReplicationGroupId: "sessions", UserGroupIds: ["players"], TransitEncryptionEnabled: true });
    expect((await awsError(elasticache.send(new DeleteUserGroupCommand({ UserGroupId: "players" })))).code).toBe("InvalidUserGroupState");
    await elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "sessions" }));
    const deleted = await elasticache.send(new DeleteUserGroupCommand({ UserGroupId: "players" }));
    expect(deleted.Status).toBe("deleting");
    expect((await awsError(elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: "players" })))).code).toBe("UserGroupNotFound");

    await elasticache.send(new DeleteUserCommand({ UserId: "app" }));
    expect((await awsError(elasticache.send(new DescribeUsersCommand({ UserId: "app" })))).code).toBe("UserNotFound");
    expect((await elasticache.send(new DescribeUsersCommand({}))).Users?.map((u) => u.UserId)).toEqual(["default"]);
  });

  it("tags existing resources and answers NotFound for missing ones", async () => {
    const group = await createGroup({ ReplicationGroupId: "sessions", Tags: [{ Key: "gamectl.dev/managed-by", Value: "gamectl" }] });
    const arn = group.ARN ?? "";
    await elasticache.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: "team", Value: "game" }] }));
    await elasticache.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ["gamectl.dev/managed-by"] }));
    expect((await elasticache.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList).toEqual([{ Key: "team", Value: "game" }]);

    const missing = (kind: string, name: string) => elasticache.send(new ListTagsForResourceCommand({ ResourceName: `arn:aws:elasticache:us-east-1:${account}:${kind}:${name}` }));
    expect(await awsError(missing("replicationgroup", "gone"))).toMatchObject({ code: "ReplicationGroupNotFoundFault", status: 404 });
    expect((await awsError(missing("parametergroup", "gone"))).code).toBe("CacheParameterGroupNotFound");
    expect((await awsError(missing("usergroup", "gone"))).code).toBe("UserGroupNotFound");
    expect((await awsError(elasticache.send(new ListTagsForResourceCommand({ ResourceName: "not-an-arn" })))).code).toBe("InvalidARN");
    await elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "tagged", CacheParameterGroupFamily: "redis7", Description: "d", Tags: [{ Key: "a", Value: "b" }] }));
    expect((await missing("parametergroup", "tagged")).TagList).toEqual([{ Key: "a", Value: "b" }]);
  });
});
