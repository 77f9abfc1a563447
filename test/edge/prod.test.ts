import { readFileSync } from "node:fs";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeVpcEndpointsCommand, EC2Client, ModifyVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { CreateClusterCommand, DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client, ModifyListenerCommand, ModifyTargetGroupCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, createNetwork, loadEnvironment, testPool } from "../support/aws-environment.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let env: LoadedEnvironment;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  const network = await createNetwork(target());
  const certificate = await new ACMClient(config()).send(new RequestCertificateCommand({ DomainName: "arena.example.com" }));
  await new SNSClient(config()).send(new CreateTopicCommand({ Name: "arena-alerts" }));
  const ecs = new ECSClient(config());
  await ecs.send(new CreateClusterCommand({ clusterName: "arena" }));
  const prod = parse(readFileSync("manifests/examples/prod.yaml", "utf8")) as { spec: { network: unknown; loadBalancer: { listeners: Array<{ certificateArn?: string }> } } };
  prod.spec.network = network;
  for (const listener of prod.spec.loadBalancer.listeners) if (listener.certificateArn) listener.certificateArn = certificate.CertificateArn!;
  env = loadEnvironment(prod as unknown as Record<string, unknown>, "manifests/examples/prod.yaml");
});

describe("manifests/examples/prod.yaml", () => {
  it("converges from empty to every resource present and configured, then a second pass makes zero writes", async () => {
    const pool = testPool(target());
    const result = await convergeFully(pool, env, { maxPasses: 40 });
    const kinds = result.resources.reduce<Record<string, number>>((count, r) => ({ ...count, [r.kind]: (count[r.kind] ?? 0) + 1 }), {});
    // prod.yaml deploys the game server into the existing cluster "arena": no cluster of gamectl's own.
    expect(kinds).toMatchObject({
      VpcEndpoint: 8, LoadBalancer: 1, TargetGroup: 1, Listener: 2, MetricAlarm: 1, ReplicationGroup: 1, DynamoTable: 3, TaskRole: 1,
      ExecutionRole: 1, LogGroup: 1, TaskDefinition: 1, EcsService: 1,
    });
    expect(kinds.EcsCluster).toBeUndefined();
    expect(result.resources.every((r) => r.state === "Ready")).toBe(true);
    expect(result.outputs.loadBalancer?.dnsName).toBeTruthy();
    expect(Object.keys(result.outputs.vpcEndpoints).sort()).toEqual(["dynamodb", "ecr.api", "ecr.dkr", "elasticache", "logs", "monitoring", "s3", "secretsmanager"]);
    expect(result.outputs.snsTopicArn).toBe("arn:aws:sns:us-east-1:123456789012:arena-alerts");

    const elb = new ElasticLoadBalancingV2Client(config());
    const attributes = await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: result.outputs.loadBalancer!.arn }));
    const value = (key: string) => attributes.Attributes?.find((a) => a.Key === key)?.Value;
    expect([value("idle_timeout.timeout_seconds"), value("deletion_protection.enabled"), value("routing.http.drop_invalid_header_fields.enabled")]).toEqual(["120", "true", "true"]);
    const listeners = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: result.outputs.loadBalancer!.arn }))).Listeners ?? [];
    const http = listeners.find((l) => l.Port === 80)!;
    expect(http.DefaultActions?.[0]).toMatchObject({ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } });
    expect(listeners.find((l) => l.Port === 443)?.SslPolicy).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    const group = (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [result.outputs.targetGroupArn!] }))).TargetGroups![0]!;
    expect([group.TargetType, group.Port, group.HealthCheckPath, group.HealthCheckIntervalSeconds, group.Matcher?.HttpCode]).toEqual(["ip", 2567, "/health", 15, "200"]);
    const service = (await new ECSClient(config()).send(new DescribeServicesCommand({ cluster: "arena", services: [env.names.gameServerName] }))).services![0]!;
    expect(service.loadBalancers?.[0]).toMatchObject({ targetGroupArn: result.outputs.targetGroupArn, containerName: "game", containerPort: 2567 });
    expect(service.desiredCount).toBe(3);

    pool.calls.reset();
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
  }, 120_000);

  it("detects and restores drift of a gateway route table, a health-check path, a listener's default action and the alarm threshold", async () => {
    const pool = testPool(target());
    const before = await convergeFully(pool, env, { maxPasses: 10 });
    const ec2 = new EC2Client(config());
    const elb = new ElasticLoadBalancingV2Client(config());
    const cloudwatch = new CloudWatchClient(config());
    const gateway = before.outputs.vpcEndpoints.dynamodb!;
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: gateway, RemoveRouteTableIds: env.manifest.spec.network.privateRouteTableIds }));
    await elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: before.outputs.targetGroupArn!, HealthCheckPath: "/wrong" }));
    const listeners = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: before.outputs.loadBalancer!.arn }))).Listeners ?? [];
    const http = listeners.find((l) => l.Port === 80)!;
    await elb.send(new ModifyListenerCommand({ ListenerArn: http.ListenerArn, DefaultActions: [{ Type: "forward", TargetGroupArn: before.outputs.targetGroupArn }] }));
    const alarm = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [env.names.alarmName] }))).MetricAlarms![0]!;
    await cloudwatch.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: alarm.AlarmName!, Threshold: 5000, EvaluationPeriods: alarm.EvaluationPeriods!, ComparisonOperator: alarm.ComparisonOperator! }));

    const drift = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    const changed = drift.plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`).sort();
    expect(changed).toEqual([
      "alarm/session-creation-latency:threshold", "endpoint/gateway/dynamodb:routeTableIds", "listener/80:defaultAction",
      `targetgroup/${env.names.targetGroupName}:healthCheck`,
    ]);

    await convergeFully(pool, env, { maxPasses: 10 });
    const after = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(after.plan.actions.filter((a) => a.type !== "noop")).toEqual([]);
    const endpoint = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [gateway] }))).VpcEndpoints![0]!;
    expect(endpoint.RouteTableIds).toEqual(env.manifest.spec.network.privateRouteTableIds);
  }, 120_000);
});

describe("target group replacement", () => {
  it("creates the new group first, switches the listeners, then deletes the old one, without errors", async () => {
    const pool = testPool(target());
    const before = await convergeFully(pool, env, { maxPasses: 10 });
    const manifest = JSON.parse(JSON.stringify(env.manifest)) as { spec: { gameServer: { port: number } } };
    manifest.spec.gameServer.port = 3000;
    const edited = loadEnvironment(manifest as unknown as Record<string, unknown>);
    expect(edited.names.targetGroupName).not.toBe(env.names.targetGroupName);
    const plan = (await pool.forEnvironment(edited).reconcile(edited, { mode: "plan" })).plan;
    expect(plan.actions.find((a) => a.name === `targetgroup/${edited.names.targetGroupName}`)?.type).toBe("create");
    expect(plan.actions.find((a) => a.name === `targetgroup/${env.names.targetGroupName}`)?.type).toBe("delete");
    const first = await pool.forEnvironment(edited).reconcile(edited, { mode: "apply" });
    expect(first.errors).toEqual([]);
    const done = await convergeFully(pool, edited, { maxPasses: 10 });
    const elb = new ElasticLoadBalancingV2Client(config());
    const groups = (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    expect(groups.map((g) => g.TargetGroupArn)).not.toContain(before.outputs.targetGroupArn);
    expect(groups.find((g) => g.TargetGroupArn === done.outputs.targetGroupArn)?.Port).toBe(3000);
    const listeners = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: done.outputs.loadBalancer!.arn }))).Listeners ?? [];
    expect(listeners.find((l) => l.Port === 443)?.DefaultActions?.[0]?.TargetGroupArn).toBe(done.outputs.targetGroupArn);
  }, 120_000);
});
