import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  CreateClusterCommand, DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand, ListServicesCommand, ListTaskDefinitionsCommand,
} from "@aws-sdk/client-ecs";
import {
  DescribeCacheParameterGroupsCommand, DescribeCacheSubnetGroupsCommand, DescribeReplicationGroupsCommand, DescribeUserGroupsCommand, DescribeUsersCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { CreateSecretCommand, ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogEntry } from "../../src/plan/catalog.ts";
import { desiredResources } from "../../src/plan/families/index.ts";
import { securityGroupName } from "../../src/plan/families/security-groups.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const exec = promisify(execFile);
const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });

async function gamectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const t = target();
  const env = { ...process.env, AWS_ENDPOINT_URL: t.endpoint, AWS_REGION: t.region, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };
  try {
    const { stdout, stderr } = await exec("node", ["bin/gamectl.js", ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let network: TestNetwork;
let certificateArn: string;
let dir: string;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
  certificateArn = (await new ACMClient(config()).send(new RequestCertificateCommand({ DomainName: "arena.example.com" }))).CertificateArn!;
  // What prod.yaml expects to exist already: the cluster it deploys into and the topic its alarm notifies.
  await new ECSClient(config()).send(new CreateClusterCommand({ clusterName: "arena" }));
  await new SNSClient(config()).send(new CreateTopicCommand({ Name: "arena-alerts" }));
  const secrets = new SecretsManagerClient(config());
  for (const name of ["arena-dev/jwt", "arena-prod/jwt"]) await secrets.send(new CreateSecretCommand({ Name: name, SecretString: "test-jwt-secret" }));
  dir = mkdtempSync(join(tmpdir(), "gamectl-delete-"));
});

interface Example {
  metadata: { name: string; namespace?: string };
  spec: {
    network: unknown; deletionPolicy?: string;
    dynamodb: { tables: Array<{ deletionProtection?: boolean }> };
    loadBalancer: { deletionProtection?: boolean; listeners: Array<{ certificateArn?: string }> };
    gameServer: { secrets?: Record<string, string> };
  };
}

/**
 * The example as written, renamed per case and pointed at the test VPC. Deletion protection (prod's users table,
 * prod's load balancer) is the one thing that rightly stops a delete: it is turned off in the manifest first, as
 * the plan tells a user to.
 */
async function exampleFile(example: "dev" | "prod", policy: "Retain" | "Delete"): Promise<{ file: string; env: LoadedEnvironment }> {
  const manifest = parse(readFileSync(`manifests/examples/${example}.yaml`, "utf8")) as Example;
  manifest.metadata.name = `${manifest.metadata.name}-${policy.toLowerCase()}`;
  manifest.spec.network = example === "dev" ? { ...network, privateSubnetIds: network.privateSubnetIds.slice(0, 1) } : network;
  manifest.spec.deletionPolicy = policy;
  for (const table of manifest.spec.dynamodb.tables) table.deletionProtection = false;
  manifest.spec.loadBalancer.deletionProtection = false;
  for (const listener of manifest.spec.loadBalancer.listeners) if (listener.certificateArn) listener.certificateArn = certificateArn;
  const secretArns = (await new SecretsManagerClient(config()).send(new ListSecretsCommand({}))).SecretList ?? [];
  const jwt = secretArns.find((s) => s.Name === `${example === "dev" ? "arena-dev" : "arena-prod"}/jwt`)!.ARN!;
  manifest.spec.gameServer.secrets = { JWT_SECRET: jwt };
  const file = join(dir, `${example}-${policy}.yaml`);
  writeFileSync(file, stringify(manifest));
  return { file, env: loadEnvironment(manifest as unknown as Record<string, unknown>, file) };
}

const startsWith = (prefix: string) => (name: string | undefined): name is string => typeof name === "string" && name.startsWith(prefix);

/**
 * Everything in the account that carries the environment's name prefix or its ownership tag, as "Kind:physical name",
 * read with each service's own describe calls (moto's tagging API does not cover every kind) and cross-checked with
 * the tagging API.
 */
async function leftInAws(env: LoadedEnvironment): Promise<string[]> {
  const prefix = env.names.prefix;
  const mine = startsWith(prefix);
  const left: string[] = [];
  const ec2 = new EC2Client(config());
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
  for (const g of groups) if (mine(g.GroupName) || g.Tags?.some((t) => t.Key === "gamectl.dev/environment" && t.Value === env.key)) left.push(`SecurityGroup:${g.GroupName}`);
  const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [env.key] }] }))).VpcEndpoints ?? [];
  for (const e of endpoints) if (String(e.State).toLowerCase() !== "deleted") left.push(`VpcEndpoint:${e.ServiceName}`);
  for (const name of (await new DynamoDBClient(config()).send(new ListTablesCommand({}))).TableNames ?? []) if (mine(name)) left.push(`DynamoTable:${name}`);
  const cache = new ElastiCacheClient(config());
  for (const g of (await cache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []) if (mine(g.ReplicationGroupId)) left.push(`ReplicationGroup:${g.ReplicationGroupId}`);
  for (const g of (await cache.send(new DescribeCacheSubnetGroupsCommand({}))).CacheSubnetGroups ?? []) if (mine(g.CacheSubnetGroupName)) left.push(`CacheSubnetGroup:${g.CacheSubnetGroupName}`);
  for (const g of (await cache.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups ?? []) if (mine(g.CacheParameterGroupName)) left.push(`CacheParameterGroup:${g.CacheParameterGroupName}`);
  for (const u of (await cache.send(new DescribeUsersCommand({}))).Users ?? []) if (mine(u.UserId)) left.push(`RedisUser:${u.UserId}`);
  for (const g of (await cache.send(new DescribeUserGroupsCommand({}))).UserGroups ?? []) if (mine(g.UserGroupId)) left.push(`RedisUserGroup:${g.UserGroupId}`);
  const logGroups = (await new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: env.names.logGroupName }))).logGroups ?? [];
  for (const g of logGroups) left.push(`LogGroup:${g.logGroupName}`);
  for (const r of (await new IAMClient(config()).send(new ListRolesCommand({}))).Roles ?? []) if (mine(r.RoleName)) left.push(`Role:${r.RoleName}`);
  const elb = new ElasticLoadBalancingV2Client(config());
  for (const b of (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []) if (mine(b.LoadBalancerName)) left.push(`LoadBalancer:${b.LoadBalancerName}`);
  for (const g of (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []) if (mine(g.TargetGroupName)) left.push(`TargetGroup:${g.TargetGroupName}`);
  const ecs = new ECSClient(config());
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
  for (const a of (await new CloudWatchClient(config()).send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix }))).MetricAlarms ?? []) left.push(`MetricAlarm:${a.AlarmName}`);
  for (const t of (await new SNSClient(config()).send(new ListTopicsCommand({}))).Topics ?? []) if (mine(t.TopicArn?.split(":").pop())) left.push(`SnsTopic:${t.TopicArn!.split(":").pop()}`);
  return left.sort();
}

/**
 * What the tagging API still finds tagged for the environment, by ARN, less what its own service reports deleted:
 * like AWS, it keeps listing a deleted VPC endpoint (state deleted) and an ECS service, cluster or task definition
 * (INACTIVE) for a while.
 */
async function taggedArns(env: LoadedEnvironment): Promise<string[]> {
  const tagging = new ResourceGroupsTaggingAPIClient(config());
  const found = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: "gamectl.dev/environment", Values: [env.key] }] }));
  const arns = (found.ResourceTagMappingList ?? []).map((m) => m.ResourceARN ?? "").sort();
  const ec2 = new EC2Client(config());
  const ecs = new ECSClient(config());
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
function retainedByDesign(env: LoadedEnvironment): string[] {
  const kindLabel: Record<string, string> = { TaskRole: "Role", ExecutionRole: "Role" };
  return desiredResources(env)
    .filter((r) => catalogEntry(r.kind).dataHolding || r.name === securityGroupName("redis"))
    .map((r) => `${kindLabel[r.kind] ?? r.kind}:${r.physicalName}`)
    .sort();
}

describe.each([
  ["dev", "Retain"], ["dev", "Delete"], ["prod", "Retain"], ["prod", "Delete"],
] as const)("gamectl delete of manifests/examples/%s.yaml with deletionPolicy %s", (example, policy) => {
  it("applies, deletes to the end with exit 0, and leaves exactly what the policy keeps", async () => {
    const { file, env } = await exampleFile(example, policy);
    const applied = await gamectl(["apply", "-f", file, "--auto-approve", "--timeout", "3m"]);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await leftInAws(env)).length).toBeGreaterThan(10);

    const deleted = await gamectl(["delete", "-f", file, "--auto-approve", "--allow-mass-delete", "--timeout", "3m"]);
    expect(deleted.code, deleted.stdout + deleted.stderr).toBe(0);

    // The end: another delete pass has nothing left to do but keep what is retained.
    const pool = testPool(target());
    const after = await pool.forEnvironment(env).reconcile(env, { mode: "delete-preview" });
    expect(after.plan.actions.filter((a) => a.type !== "retain" && a.type !== "noop").map((a) => `${a.type} ${a.name}`)).toEqual([]);

    const left = await leftInAws(env);
    const tagged = await taggedArns(env);
    if (policy === "Delete") {
      expect(left).toEqual([]);
      expect(tagged).toEqual([]);
    } else {
      expect(left).toEqual(retainedByDesign(env));
      expect(after.plan.actions.map((a) => a.type).every((t) => t === "retain")).toBe(true);
      // The kept Redis group has no rules left: the game server it admitted is gone.
      const redisGroup = (await new EC2Client(config()).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [env.names.securityGroupName("redis")] }] }))).SecurityGroups![0]!;
      expect([redisGroup.IpPermissions, redisGroup.IpPermissionsEgress]).toEqual([[], []]);
      // Whatever the tagging API still finds is one of the retained resources.
      const keptNames = retainedByDesign(env).map((k) => k.slice(k.indexOf(":") + 1));
      for (const arn of tagged) expect(keptNames.some((name) => arn.includes(name)) || arn.includes(redisGroup.GroupId!), arn).toBe(true);
    }
  }, 300_000);
});
