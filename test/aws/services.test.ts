import {
  CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, ListTagsForResourceCommand as ListAlarmTagsCommand, PutMetricAlarmCommand, PutMetricDataCommand, TagResourceCommand,
  type Dimension,
} from "@aws-sdk/client-cloudwatch";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcEndpointCommand,
  RevokeSecurityGroupIngressCommand,
} from "@aws-sdk/client-ec2";
import { CreateServiceCommand, CreateClusterCommand, DescribeServicesCommand, ECSClient, RegisterTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateRoleCommand, GetRolePolicyCommand, IAMClient, ListRoleTagsCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateTopicCommand, ListTagsForResourceCommand as ListTopicTagsCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMoto, type MotoService } from "../env/moto.ts";
import { resetMoto } from "./admin.ts";
import { awsError, sdkConfig } from "./sdk-helpers.ts";

let moto: MotoService;
let ec2: EC2Client;
let elbv2: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  moto = await startMoto();
  ec2 = new EC2Client(sdkConfig(moto.endpoint));
  elbv2 = new ElasticLoadBalancingV2Client(sdkConfig(moto.endpoint));
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await resetMoto(moto.endpoint);
});

async function network() {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.30.0.0/16" }))).Vpc?.VpcId ?? "";
  const subnet = async (cidr: string, zone: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet?.SubnetId ?? "";
  const subnets = [await subnet("10.30.1.0/24", "us-east-1a"), await subnet("10.30.2.0/24", "us-east-1b")];
  const group = async (name: string) => (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId ?? "";
  return { vpcId, subnets, app: await group("app"), redis: await group("redis"), endpoint: await group("endpoint") };
}

describe("EC2 security groups behave like AWS", () => {
  it("treats a rule that differs only in description as a duplicate, and revokes it without the description", async () => {
    const { app, redis } = await network();
    const rule = (description?: string) => [{ IpProtocol: "tcp", FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: app, Description: description }] }];
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: redis, IpPermissions: rule("from app") }));
    expect(await awsError(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: redis, IpPermissions: rule("other words") })))).toMatchObject({
      code: "InvalidPermission.Duplicate",
      status: 400,
    });
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: redis, IpPermissions: rule() }));
    const { SecurityGroupRules } = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [redis] }] }));
    expect(SecurityGroupRules?.filter((r) => !r.IsEgress)).toEqual([]);
  });

  it("refuses to delete a group that a rule, an endpoint or a load balancer still uses", async () => {
    const { vpcId, subnets, app, redis, endpoint } = await network();
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: redis, IpPermissions: [{ IpProtocol: "tcp", FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: app }] }] }));
    expect(await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: app })))).toMatchObject({ code: "DependencyViolation", status: 400 });

    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: "Interface", ServiceName: "com.amazonaws.us-east-1.logs", SubnetIds: subnets, SecurityGroupIds: [endpoint] }),
    );
    expect((await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: endpoint })))).code).toBe("DependencyViolation");
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint?.VpcEndpointId ?? ""] }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: endpoint }));

    const { LoadBalancers } = await elbv2.send(new CreateLoadBalancerCommand({ Name: "alb", Subnets: subnets, SecurityGroups: [redis] }));
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: redis, IpPermissions: [{ IpProtocol: "tcp", FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: app }] }] }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: app }));
    expect((await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: redis })))).code).toBe("DependencyViolation");
    await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: LoadBalancers?.[0]?.LoadBalancerArn }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: redis }));
  });
});

describe("VPC endpoints", () => {
  it("modifies gateway route tables and interface subnets, groups and private DNS in place", async () => {
    const { vpcId, subnets, app, endpoint } = await network();
    const routeTable = async () => (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId ?? "";
    const [rt1, rt2] = [await routeTable(), await routeTable()];
    const gateway = await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: "Gateway", ServiceName: "com.amazonaws.us-east-1.dynamodb", RouteTableIds: [rt1] }));
    const gatewayId = gateway.VpcEndpoint?.VpcEndpointId ?? "";
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: gatewayId, AddRouteTableIds: [rt2], RemoveRouteTableIds: [rt1] }));
    const iface = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        VpcEndpointType: "Interface",
        ServiceName: "com.amazonaws.us-east-1.elasticache",
        SubnetIds: [subnets[0] ?? ""],
        SecurityGroupIds: [app],
        PrivateDnsEnabled: true,
      }),
    );
    const interfaceId = iface.VpcEndpoint?.VpcEndpointId ?? "";
    await ec2.send(
      new ModifyVpcEndpointCommand({ VpcEndpointId: interfaceId, AddSubnetIds: [subnets[1] ?? ""], RemoveSubnetIds: [subnets[0] ?? ""], AddSecurityGroupIds: [endpoint], RemoveSecurityGroupIds: [app], PrivateDnsEnabled: false }),
    );
    const { VpcEndpoints } = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [gatewayId, interfaceId] }));
    const byId = new Map(VpcEndpoints?.map((e) => [e.VpcEndpointId, e]));
    expect(byId.get(gatewayId)?.RouteTableIds).toEqual([rt2]);
    expect(byId.get(interfaceId)).toMatchObject({ SubnetIds: [subnets[1]], PrivateDnsEnabled: false });
    expect(byId.get(interfaceId)?.Groups?.map((g) => g.GroupId)).toEqual([endpoint]);
  });
});

describe("VPC endpoint creation", () => {
  it("is idempotent for a repeated ClientToken", async () => {
    const { vpcId } = await network();
    const routeTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId ?? "";
    const create = (serviceName: string) =>
      ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: "Gateway", ServiceName: serviceName, RouteTableIds: [routeTableId], ClientToken: "gamectl-ns-env-dynamodb" }));
    const first = await create("com.amazonaws.us-east-1.dynamodb");
    const again = await create("com.amazonaws.us-east-1.dynamodb");
    expect(again.VpcEndpoint?.VpcEndpointId).toBe(first.VpcEndpoint?.VpcEndpointId);
    expect((await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }))).VpcEndpoints).toHaveLength(1);
    expect((await awsError(create("com.amazonaws.us-east-1.s3"))).code).toBe("IdempotentParameterMismatch");
  });

  it("lists tagged endpoints in the tagging API as ec2:vpc-endpoint, by tag", async () => {
    const { vpcId } = await network();
    const routeTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId ?? "";
    const tagged = (environment: string) => ec2.send(new CreateVpcEndpointCommand({
      VpcId: vpcId, VpcEndpointType: "Gateway", ServiceName: "com.amazonaws.us-east-1.dynamodb", RouteTableIds: [routeTableId],
      TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "gamectl.dev/environment", Value: environment }] }],
    }));
    const ours = (await tagged("games/a")).VpcEndpoint?.VpcEndpointId ?? "";
    await tagged("games/b");
    const tagging = new ResourceGroupsTaggingAPIClient(sdkConfig(moto.endpoint));
    const listed = async (types: string[]) => (await tagging.send(new GetResourcesCommand({
      TagFilters: [{ Key: "gamectl.dev/environment", Values: ["games/a"] }], ResourceTypeFilters: types,
    }))).ResourceTagMappingList?.map((m) => m.ResourceARN);
    expect(await listed(["ec2:vpc-endpoint"])).toEqual([`arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/${ours}`]);
    expect(await listed(["ec2:security-group"])).toEqual([]);
  });
});

describe("ELBv2", () => {
  it("creates load balancers and target groups idempotently, rejecting a clashing name", async () => {
    const { vpcId, subnets, app } = await network();
    const balancer = () => elbv2.send(new CreateLoadBalancerCommand({ Name: "game", Subnets: subnets, SecurityGroups: [app], Scheme: "internet-facing", Type: "application" }));
    const first = (await balancer()).LoadBalancers?.[0]?.LoadBalancerArn;
    expect((await balancer()).LoadBalancers?.[0]?.LoadBalancerArn).toBe(first);
    expect((await elbv2.send(new DescribeLoadBalancersCommand({ Names: ["game"] }))).LoadBalancers).toHaveLength(1);
    expect((await awsError(elbv2.send(new CreateLoadBalancerCommand({ Name: "game", Subnets: subnets, Scheme: "internal" })))).code).toBe("DuplicateLoadBalancerName");

    const group = (port: number) =>
      elbv2.send(new CreateTargetGroupCommand({ Name: "game", Protocol: "HTTP", Port: port, VpcId: vpcId, TargetType: "ip", HealthCheckPath: "/health", Matcher: { HttpCode: "200" } }));
    const targetGroupArn = (await group(2567)).TargetGroups?.[0]?.TargetGroupArn;
    expect((await group(2567)).TargetGroups?.[0]?.TargetGroupArn).toBe(targetGroupArn);
    expect((await awsError(group(8080))).code).toBe("DuplicateTargetGroupName");

    await elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: targetGroupArn, HealthCheckPath: "/ready", HealthCheckIntervalSeconds: 10 }));
    await elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: targetGroupArn,
        Attributes: [
          { Key: "stickiness.enabled", Value: "true" },
          { Key: "deregistration_delay.timeout_seconds", Value: "30" },
        ],
      }),
    );
    const { Attributes } = await elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn }));
    expect(Attributes).toEqual(expect.arrayContaining([{ Key: "stickiness.enabled", Value: "true" }, { Key: "deregistration_delay.timeout_seconds", Value: "30" }]));

    const listener = () => elbv2.send(new CreateListenerCommand({ LoadBalancerArn: first, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: targetGroupArn }] }));
    const { Listeners } = await listener();
    expect((await listener()).Listeners?.[0]?.ListenerArn).toBe(Listeners?.[0]?.ListenerArn);
    const clash = elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: first, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }] }),
    );
    expect((await awsError(clash)).code).toBe("DuplicateListener");
    const modified = await elbv2.send(
      new ModifyListenerCommand({ ListenerArn: Listeners?.[0]?.ListenerArn, DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }] }),
    );
    expect(modified.Listeners?.[0]?.DefaultActions?.[0]).toMatchObject({ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } });
  });
});

describe("the other services the drivers call", () => {
  it("CloudWatch alarms through the current SDK's protocol, with tags", async () => {
    const cloudwatch = new CloudWatchClient(sdkConfig(moto.endpoint));
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: "session-latency",
        Namespace: "GameMetrics",
        MetricName: "SessionCreationLatency",
        Statistic: "Average",
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: 1000,
        ComparisonOperator: "GreaterThanThreshold",
        AlarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"],
        Tags: [{ Key: "gamectl.dev/managed-by", Value: "gamectl" }],
      }),
    );
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["session-latency"] }));
    expect(MetricAlarms?.[0]).toMatchObject({ Threshold: 1000, EvaluationPeriods: 2, Period: 60, AlarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"] });
    const arn = MetricAlarms?.[0]?.AlarmArn;
    await cloudwatch.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: "team", Value: "game" }] }));
    expect((await cloudwatch.send(new ListAlarmTagsCommand({ ResourceARN: arn }))).Tags).toEqual([
      { Key: "gamectl.dev/managed-by", Value: "gamectl" },
      { Key: "team", Value: "game" },
    ]);
  });

  it("CloudWatch GetMetricData reads one series: its namespace, name and exact set of dimensions", async () => {
    const cloudwatch = new CloudWatchClient(sdkConfig(moto.endpoint));
    const now = new Date();
    const dims = (environment: string): Dimension[] => [{ Name: "Environment", Value: environment }, { Name: "Service", Value: "game-server" }];
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: "GameMetrics", MetricData: [{ MetricName: "SessionCreationLatency", Dimensions: dims("games/a"), Value: 1500, Timestamp: now }] }));
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: "GameMetrics", MetricData: [{ MetricName: "SessionCreationLatency", Dimensions: dims("games/b"), Value: 20, Timestamp: now }] }));
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: "Other", MetricData: [{ MetricName: "SessionCreationLatency", Dimensions: dims("games/a"), Value: 7, Timestamp: now }] }));
    const read = async (namespace: string, dimensions: Dimension[] | undefined) => {
      const answer = await cloudwatch.send(new GetMetricDataCommand({
        StartTime: new Date(now.getTime() - 600_000), EndTime: new Date(now.getTime() + 600_000),
        MetricDataQueries: [{ Id: "m", MetricStat: { Metric: { Namespace: namespace, MetricName: "SessionCreationLatency", Dimensions: dimensions }, Period: 60, Stat: "Average" } }],
      }));
      return answer.MetricDataResults?.[0]?.Values ?? [];
    };
    expect(await read("GameMetrics", dims("games/a"))).toEqual([1500]);
    // Dimension order is not part of a series' identity.
    expect(await read("GameMetrics", [...dims("games/b")].reverse())).toEqual([20]);
    expect(await read("Other", dims("games/a"))).toEqual([7]);
    // As in AWS: no dimensions is its own (here empty) series, and so is a subset of the dimensions.
    expect(await read("GameMetrics", undefined)).toEqual([]);
    expect(await read("GameMetrics", [{ Name: "Service", Value: "game-server" }])).toEqual([]);
  });

  it("SNS topics, Secrets Manager secrets, IAM roles and STS", async () => {
    const sns = new SNSClient(sdkConfig(moto.endpoint));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "alerts", Tags: [{ Key: "k", Value: "v" }] }));
    expect((await sns.send(new ListTopicTagsCommand({ ResourceArn: TopicArn }))).Tags).toEqual([{ Key: "k", Value: "v" }]);

    const secrets = new SecretsManagerClient(sdkConfig(moto.endpoint));
    await secrets.send(new CreateSecretCommand({ Name: "redis-auth", SecretString: "a-very-long-token-1234", Tags: [{ Key: "k", Value: "v" }] }));
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: "redis-auth" }))).SecretString).toBe("a-very-long-token-1234");
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: "redis-auth" }))).Tags).toEqual([{ Key: "k", Value: "v" }]);
    expect((await awsError(secrets.send(new CreateSecretCommand({ Name: "redis-auth", SecretString: "x" })))).name).toBe("ResourceExistsException");

    const iam = new IAMClient(sdkConfig(moto.endpoint));
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    await iam.send(new CreateRoleCommand({ RoleName: "game-task", AssumeRolePolicyDocument: JSON.stringify(trust), Tags: [{ Key: "k", Value: "v" }] }));
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: ["arn:aws:dynamodb:us-east-1:123456789012:table/players"] }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: "game-task", PolicyName: "tables", PolicyDocument: JSON.stringify(policy) }));
    const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: "game-task", PolicyName: "tables" }));
    expect(JSON.parse(decodeURIComponent(PolicyDocument ?? ""))).toEqual(policy);
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: "game-task" }))).Tags).toEqual([{ Key: "k", Value: "v" }]);

    expect((await new STSClient(sdkConfig(moto.endpoint)).send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
  });

  it("ECS services take a target group through UpdateService", async () => {
    const { vpcId } = await network();
    const { TargetGroups } = await elbv2.send(new CreateTargetGroupCommand({ Name: "game", Protocol: "HTTP", Port: 2567, VpcId: vpcId, TargetType: "ip" }));
    const ecs = new ECSClient(sdkConfig(moto.endpoint));
    await ecs.send(new CreateClusterCommand({ clusterName: "games" }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({ family: "game", taskRoleArn: "arn:aws:iam::123456789012:role/game-task", containerDefinitions: [{ name: "game", image: "game:1", memory: 512 }] }),
    );
    await ecs.send(new CreateServiceCommand({ cluster: "games", serviceName: "game", taskDefinition: "game", desiredCount: 1 }));
    const loadBalancers = [{ targetGroupArn: TargetGroups?.[0]?.TargetGroupArn, containerName: "game", containerPort: 2567 }];
    await ecs.send(new UpdateServiceCommand({ cluster: "games", service: "game", loadBalancers }));
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "games", services: ["game"] }));
    expect(services?.[0]?.loadBalancers).toEqual(loadBalancers);
  });
});
