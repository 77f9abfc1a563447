import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheParametersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  ModifyReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMoto, type MotoService } from "../env/moto.ts";
import { clearFaults, faultStatus, recordedRequests, resetMoto, setAsyncDelays, setFaults } from "./admin.ts";
import { awsError, pollUntil, sdkConfig } from "./sdk-helpers.ts";

let moto: MotoService;

beforeAll(async () => {
  moto = await startMoto();
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await resetMoto(moto.endpoint);
});

async function createReplicationGroup(elasticache: ElastiCacheClient, id: string) {
  const { ReplicationGroup } = await elasticache.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: "sessions",
      Engine: "redis",
      CacheNodeType: "cache.t4g.micro",
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
    }),
  );
  return ReplicationGroup;
}

async function replicationGroupStatus(elasticache: ElastiCacheClient, id: string): Promise<string | undefined> {
  const { ReplicationGroups } = await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }));
  return ReplicationGroups?.[0]?.Status;
}

describe("moto launcher through the AWS SDK v3", () => {
  it("creates and describes a DynamoDB table with a GSI", async () => {
    const dynamodb = new DynamoDBClient(sdkConfig(moto.endpoint));
    await dynamodb.send(
      new CreateTableCommand({
        TableName: "players",
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "playerId", KeyType: "HASH" }],
        AttributeDefinitions: [
          { AttributeName: "playerId", AttributeType: "S" },
          { AttributeName: "email", AttributeType: "S" },
        ],
        GlobalSecondaryIndexes: [{ IndexName: "by-email", KeySchema: [{ AttributeName: "email", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } }],
      }),
    );
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: "players" }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.KeySchema).toEqual([{ AttributeName: "playerId", KeyType: "HASH" }]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus])).toEqual([["by-email", "ACTIVE"]]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
  });

  it("creates an EC2 security group, finds it by tag and reads its referenced-group rule", async () => {
    const ec2 = new EC2Client(sdkConfig(moto.endpoint));
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }));
    const vpcId = Vpc?.VpcId;
    const tagged = (component: string) => [{ ResourceType: "security-group" as const, Tags: [{ Key: "gamectl.dev/component", Value: component }] }];
    const app = await ec2.send(new CreateSecurityGroupCommand({ GroupName: "app", Description: "game servers", VpcId: vpcId, TagSpecifications: tagged("app") }));
    const redis = await ec2.send(new CreateSecurityGroupCommand({ GroupName: "redis", Description: "sessions", VpcId: vpcId, TagSpecifications: tagged("redis") }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: redis.GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: app.GroupId, Description: "from app" }] }],
      }),
    );
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/component", Values: ["redis"] }, { Name: "vpc-id", Values: [vpcId ?? ""] }] }),
    );
    expect(SecurityGroups?.map((group) => group.GroupId)).toEqual([redis.GroupId]);
    const { SecurityGroupRules } = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [redis.GroupId ?? ""] }] }));
    const ingress = SecurityGroupRules?.filter((rule) => !rule.IsEgress);
    expect(ingress).toHaveLength(1);
    expect(ingress?.[0]).toMatchObject({ IpProtocol: "tcp", FromPort: 6379, ToPort: 6379, ReferencedGroupInfo: { GroupId: app.GroupId }, Description: "from app" });
  });

  it("creates a cache parameter group with AWS defaults and modifies a replication group, recording only the sent fields", async () => {
    const elasticache = new ElastiCacheClient(sdkConfig(moto.endpoint));
    await elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "sessions-redis7", CacheParameterGroupFamily: "redis7", Description: "sessions" }));
    const { Parameters } = await elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: "sessions-redis7" }));
    expect(Parameters?.find((p) => p.ParameterName === "maxmemory-policy")).toMatchObject({ ParameterValue: "volatile-lru", Source: "system", IsModifiable: true });

    await createReplicationGroup(elasticache, "sessions");
    const { ReplicationGroup } = await elasticache.send(
      new ModifyReplicationGroupCommand({ ReplicationGroupId: "sessions", ApplyImmediately: true, CacheParameterGroupName: "sessions-redis7", SnapshotRetentionLimit: 5 }),
    );
    expect(ReplicationGroup?.SnapshotRetentionLimit).toBe(5);

    const [modify] = await recordedRequests(moto.endpoint, { service: "elasticache", operation: "ModifyReplicationGroup" });
    expect(modify?.params).toEqual({ ReplicationGroupId: "sessions", ApplyImmediately: true, CacheParameterGroupName: "sessions-redis7", SnapshotRetentionLimit: 5 });
    expect(modify?.status).toBe(200);
    expect(modify?.fault).toBeNull();
  });

  it("keeps a replication group `creating` for the configured time, then `available`", async () => {
    await setAsyncDelays(moto.endpoint, { elasticache: { creating: 1.5 } });
    const elasticache = new ElastiCacheClient(sdkConfig(moto.endpoint));
    const created = await createReplicationGroup(elasticache, "slow");
    expect(created?.Status).toBe("creating");
    expect(created?.NodeGroups?.[0]?.Status).toBe("creating");
    const modifyTooEarly = await awsError(elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "slow", ApplyImmediately: true, SnapshotRetentionLimit: 1 })));
    expect(modifyTooEarly.code).toBe("InvalidReplicationGroupState");

    const seen = new Set<string>();
    const { elapsedMs } = await pollUntil(
      async () => {
        const status = (await replicationGroupStatus(elasticache, "slow")) ?? "missing";
        seen.add(status);
        return status;
      },
      (status) => status === "available",
      10_000,
    );
    expect([...seen]).toEqual(["creating", "available"]);
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps a DynamoDB table CREATING for the configured time", async () => {
    await setAsyncDelays(moto.endpoint, { dynamodb: { creating: 1.5 } });
    const dynamodb = new DynamoDBClient(sdkConfig(moto.endpoint));
    const started = Date.now();
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: "sessions",
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      }),
    );
    expect(TableDescription?.TableStatus).toBe("CREATING");
    const { value } = await pollUntil(
      async () => (await dynamodb.send(new DescribeTableCommand({ TableName: "sessions" }))).Table?.TableStatus,
      (status) => status !== "CREATING",
      10_000,
    );
    expect(value).toBe("ACTIVE");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  });

  it("makes a deleted replication group disappear", async () => {
    const elasticache = new ElastiCacheClient(sdkConfig(moto.endpoint));
    await createReplicationGroup(elasticache, "doomed");
    const { ReplicationGroup } = await elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "doomed" }));
    expect(ReplicationGroup?.Status).toBe("deleting");
    const gone = await awsError(elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "doomed" })));
    expect(gone).toMatchObject({ code: "ReplicationGroupNotFoundFault", status: 404 });
    const { ReplicationGroups } = await elasticache.send(new DescribeReplicationGroupsCommand({}));
    expect(ReplicationGroups).toEqual([]);
  });

  it("injects throttling errors shaped like AWS's for each protocol", async () => {
    await setFaults(moto.endpoint, { rate: 1, kinds: ["throttle"], seed: 1 });
    const elasticache = await awsError(new ElastiCacheClient(sdkConfig(moto.endpoint)).send(new DescribeReplicationGroupsCommand({})));
    expect(elasticache).toMatchObject({ code: "Throttling", status: 400 });
    const dynamodb = await awsError(new DynamoDBClient(sdkConfig(moto.endpoint)).send(new ListTablesCommand({})));
    expect(dynamodb).toMatchObject({ name: "ThrottlingException", status: 400 });
    const ec2 = await awsError(new EC2Client(sdkConfig(moto.endpoint)).send(new DescribeVpcsCommand({})));
    expect(ec2).toMatchObject({ code: "RequestLimitExceeded", status: 503 });
    const cloudwatch = await awsError(new CloudWatchClient(sdkConfig(moto.endpoint)).send(new DescribeAlarmsCommand({})));
    expect(cloudwatch).toMatchObject({ name: "Throttling", status: 400 });
    expect((await faultStatus(moto.endpoint)).injected).toBe(4);
    const throttled = (await recordedRequests(moto.endpoint)).map((r) => [r.service, r.fault, r.status]);
    expect(throttled).toEqual([
      ["elasticache", "throttle", 400],
      ["dynamodb", "throttle", 400],
      ["ec2", "throttle", 503],
      ["cloudwatch", "throttle", 400],
    ]);
    await clearFaults(moto.endpoint);
    await new DynamoDBClient(sdkConfig(moto.endpoint)).send(new ListTablesCommand({}));
  });

  it("limits faults to the named services and operations", async () => {
    await setFaults(moto.endpoint, { rate: 1, kinds: ["5xx"], services: ["dynamodb"], operations: ["CreateTable"] });
    const dynamodb = new DynamoDBClient(sdkConfig(moto.endpoint));
    await dynamodb.send(new ListTablesCommand({}));
    const failed = await awsError(
      dynamodb.send(
        new CreateTableCommand({ TableName: "t", BillingMode: "PAY_PER_REQUEST", KeySchema: [{ AttributeName: "id", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }] }),
      ),
    );
    expect([500, 503]).toContain(failed.status);
    await new ElastiCacheClient(sdkConfig(moto.endpoint)).send(new DescribeReplicationGroupsCommand({}));
    expect(await faultStatus(moto.endpoint)).toMatchObject({ injected: 1, considered: 1 });
  });

  it("succeeds through the SDK's retries at a 30% fault rate", async () => {
    await setFaults(moto.endpoint, { rate: 0.3, kinds: ["throttle", "5xx"], seed: 42 });
    const cloudwatch = new CloudWatchClient(sdkConfig(moto.endpoint, 8));
    const elasticache = new ElastiCacheClient(sdkConfig(moto.endpoint, 8));
    for (let i = 0; i < 10; i++) {
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: `latency-${i}`,
          Namespace: "GameMetrics",
          MetricName: "SessionCreationLatency",
          Statistic: "Average",
          Period: 60,
          EvaluationPeriods: 2,
          Threshold: 1000,
          ComparisonOperator: "GreaterThanThreshold",
        }),
      );
      await elasticache.send(new DescribeReplicationGroupsCommand({}));
    }
    const status = await faultStatus(moto.endpoint);
    expect(status.injected).toBeGreaterThan(0);
    expect(status.injectedByKind.throttle + status.injectedByKind["5xx"]).toBe(status.injected);
    await clearFaults(moto.endpoint);
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "latency-" }));
    expect(MetricAlarms).toHaveLength(10);
  });
});
