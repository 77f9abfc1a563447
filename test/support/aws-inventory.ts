import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand, ListServicesCommand, ListTaskDefinitionsCommand,
} from "@aws-sdk/client-ecs";
import {
  DescribeCacheParameterGroupsCommand, DescribeCacheSubnetGroupsCommand, DescribeReplicationGroupsCommand, DescribeUserGroupsCommand, DescribeUsersCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { catalogEntry } from "../../src/plan/catalog.ts";
import { desiredResources } from "../../src/kinds/registries.ts";
import { securityGroupName } from "../../src/kinds/ec2/security-groups.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import type { AwsTestTarget } from "../env/index.ts";

/** What is left of an environment in AWS after a delete, for tests of every runtime. */

const config = (target: AwsTestTarget) => ({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });

const startsWith = (prefix: string) => (name: string | undefined): name is string => typeof name === "string" && name.startsWith(prefix);

/**
 * Everything in the account that carries the environment's name prefix or its ownership tag, as "Kind:physical name",
 * read with each service's own describe calls (moto's tagging API does not cover every kind) and cross-checked with
 * the tagging API.
 */
export async function leftInAws(target: AwsTestTarget, env: LoadedEnvironment): Promise<string[]> {
  const prefix = env.names.prefix;
  const mine = startsWith(prefix);
  const left: string[] = [];
  const ec2 = new EC2Client(config(target));
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
  for (const g of groups) if (mine(g.GroupName) || g.Tags?.some((t) => t.Key === "gamectl.dev/environment" && t.Value === env.key)) left.push(`SecurityGroup:${g.GroupName}`);
  const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [env.key] }] }))).VpcEndpoints ?? [];
  for (const e of endpoints) if (String(e.State).toLowerCase() !== "deleted") left.push(`VpcEndpoint:${e.ServiceName}`);
  for (const name of (await new DynamoDBClient(config(target)).send(new ListTablesCommand({}))).TableNames ?? []) if (mine(name)) left.push(`DynamoTable:${name}`);
  const cache = new ElastiCacheClient(config(target));
  for (const g of (await cache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []) if (mine(g.ReplicationGroupId)) left.push(`ReplicationGroup:${g.ReplicationGroupId}`);
  for (const g of (await cache.send(new DescribeCacheSubnetGroupsCommand({}))).CacheSubnetGroups ?? []) if (mine(g.CacheSubnetGroupName)) left.push(`CacheSubnetGroup:${g.CacheSubnetGroupName}`);
  for (const g of (await cache.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups ?? []) if (mine(g.CacheParameterGroupName)) left.push(`CacheParameterGroup:${g.CacheParameterGroupName}`);
  for (const u of (await cache.send(new DescribeUsersCommand({}))).Users ?? []) if (mine(u.UserId)) left.push(`RedisUser:${u.UserId}`);
  for (const g of (await cache.send(new DescribeUserGroupsCommand({}))).UserGroups ?? []) if (mine(g.UserGroupId)) left.push(`RedisUserGroup:${g.UserGroupId}`);
  const logGroups = (await new CloudWatchLogsClient(config(target)).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: env.names.logGroupName }))).logGroups ?? [];
  for (const g of logGroups) left.push(`LogGroup:${g.logGroupName}`);
  for (const r of (await new IAMClient(config(target)).send(new ListRolesCommand({}))).Roles ?? []) if (mine(r.RoleName)) left.push(`Role:${r.RoleName}`);
  const elb = new ElasticLoadBalancingV2Client(config(target));
  for (const b of (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []) if (mine(b.LoadBalancerName)) left.push(`LoadBalancer:${b.LoadBalancerName}`);
  for (const g of (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []) if (mine(g.TargetGroupName)) left.push(`TargetGroup:${g.TargetGroupName}`);
  const ecs = new ECSClient(config(target));
  const clusters = (await ecs.send(new ListClustersCommand({}))).clusterArns ?? [];
  // A deleted cluster or service stays visible as INACTIVE for a while, as on AWS: only live ones count.
  const live = clusters.length > 0 ? (await ecs.send(new DescribeClustersCommand({ clusters }))).clusters ?? [] : [];
  for (const cluster of live.filter((c) => c.status !== "INACTIVE")) {
    if (mine(cluster.clusterName)) left.push(`EcsCluster:${cluster.clusterName}`);
    const arns = ((await ecs.send(new ListServicesCommand({ cluster: cluster.clusterArn }))).serviceArns ?? []).filter((arn) => mine(arn.split("/").pop()));
    const services = arns.length > 0 ? (await ecs.send(new DescribeServicesCommand({ cluster: cluster.clusterArn, services: arns }))).services ?? [] : [];
    for (const service of services.filter((s) => s.status !== "INACTIVE")) left.push(`EcsService:${service.serviceName}`);
  }
  for (const arn of (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: prefix, status: "ACTIVE" }))).taskDefinitionArns ?? []) left.push(`TaskDefinition:${arn.split("/").pop()}`);
  for (const a of (await new CloudWatchClient(config(target)).send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix }))).MetricAlarms ?? []) left.push(`MetricAlarm:${a.AlarmName}`);
  for (const t of (await new SNSClient(config(target)).send(new ListTopicsCommand({}))).Topics ?? []) if (mine(t.TopicArn?.split(":").pop())) left.push(`SnsTopic:${t.TopicArn!.split(":").pop()}`);
  for (const p of (await new CognitoIdentityProviderClient(config(target)).send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []) if (mine(p.Name)) left.push(`CognitoUserPool:${p.Name}`);
  return left.sort();
}

/**
 * What the tagging API still finds tagged for the environment, by ARN, less what its own service reports deleted:
 * like AWS, it keeps listing a deleted VPC endpoint (state deleted) and an ECS service, cluster or task definition
 * (INACTIVE) for a while.
 */
export async function taggedArns(target: AwsTestTarget, env: LoadedEnvironment): Promise<string[]> {
  const tagging = new ResourceGroupsTaggingAPIClient(config(target));
  const found = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: "gamectl.dev/environment", Values: [env.key] }] }));
  const arns = (found.ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? "").sort();
  const ec2 = new EC2Client(config(target));
  const ecs = new ECSClient(config(target));
  const live: string[] = [];
  for (const arn of arns) {
    const resource = arn.split(":").slice(5).join(":");
    if (resource.startsWith("vpc-endpoint/")) {
      const id = resource.slice("vpc-endpoint/".length);
      const endpoints = ((await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? []).filter((e) => e.VpcEndpointId === id);
      if (endpoints.every((e) => String(e.State).toLowerCase() === "deleted")) continue;
    } else if (resource.startsWith("service/")) {
      const [, cluster, service] = resource.split("/");
      const services = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service!] }))).services ?? [];
      if (services.every((s) => s.status === "INACTIVE")) continue;
    } else if (resource.startsWith("cluster/")) {
      const clusters = (await ecs.send(new DescribeClustersCommand({ clusters: [arn] }))).clusters ?? [];
      if (clusters.every((c) => c.status === "INACTIVE")) continue;
    } else if (resource.startsWith("task-definition/")) {
      const definition = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
      if (definition?.status !== "ACTIVE") continue;
    }
    live.push(arn);
  }
  return live;
}

/** For Retain: the data-holding resources (catalog: dataHolding) and the Redis security group they use, rules revoked. */
export function retainedByDesign(env: LoadedEnvironment): string[] {
  const kindLabel: Record<string, string> = { TaskRole: "Role", ExecutionRole: "Role" };
  return desiredResources(env)
    .filter((r) => catalogEntry(r.kind).dataHolding || r.name === securityGroupName("redis"))
    .map((r) => `${kindLabel[r.kind] ?? r.kind}:${r.physicalName}`)
    .sort();
}

