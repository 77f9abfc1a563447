import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CreateRouteTableCommand, DescribeVpcEndpointsCommand, EC2Client, ModifyVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, ECSClient, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeTargetGroupAttributesCommand, DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client, ModifyListenerCommand, ModifyTargetGroupCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { ListTagsForResourceCommand, SNSClient } from "@aws-sdk/client-sns";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { clearRecordedRequests, recordedRequests, resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let network: TestNetwork;
let existingRoleArn: string;

/** Only the edge sections on top of the core kinds: two private route tables, an existing task role and an ECS service. */
function edgeManifest(overrides: { port?: number; privateSubnetIds?: string[] } = {}): LoadedEnvironment {
  const manifest = coreManifest("edge", { ...network, ...(overrides.privateSubnetIds ? { privateSubnetIds: overrides.privateSubnetIds } : {}) }, {
    gameServer: { port: overrides.port ?? 2567, healthCheckPath: "/health", ecs: { cluster: "edge", service: "edge-game", containerName: "game" } },
    iam: { taskRole: { existingRoleName: "edge-existing-task" } },
    vpcEndpoints: { gateway: ["dynamodb"], interface: ["logs", "sts"] },
    loadBalancer: {
      scheme: "internet-facing", allowedCidrs: ["0.0.0.0/0"], idleTimeoutSeconds: 90,
      listeners: [{ port: 80, protocol: "HTTP" }],
      healthCheck: { intervalSeconds: 10, healthyThreshold: 2, unhealthyThreshold: 4 },
      stickiness: { enabled: true, durationSeconds: 600 }, deregistrationDelaySeconds: 20,
    },
    // No threshold and no topic: the default 1000 ms and a topic gamectl creates.
    alarms: {},
  });
  return loadEnvironment(manifest);
}

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
  const ec2 = new EC2Client(config());
  const second = await ec2.send(new CreateRouteTableCommand({ VpcId: network.vpcId }));
  network.privateRouteTableIds.push(second.RouteTable!.RouteTableId!);
  const role = await new IAMClient(config()).send(new CreateRoleCommand({
    RoleName: "edge-existing-task",
    AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
  }));
  existingRoleArn = role.Role!.Arn!;
  const ecs = new ECSClient(config());
  await ecs.send(new CreateClusterCommand({ clusterName: "edge" }));
  const task = await ecs.send(new RegisterTaskDefinitionCommand({
    family: "edge-game", taskRoleArn: existingRoleArn, containerDefinitions: [{ name: "game", image: "arena:1", memory: 512 }],
  }));
  await ecs.send(new CreateServiceCommand({ cluster: "edge", serviceName: "edge-game", taskDefinition: task.taskDefinition!.taskDefinitionArn!, desiredCount: 0 }));
});

describe("edge kinds: VPC endpoints, load balancer, target group, listener, alarm and topic, ECS attachment", () => {
  it("converge from empty with the manifest's settings, then a second pass makes zero writes", async () => {
    const env = edgeManifest();
    const pool = testPool(target());
    const result = await convergeFully(pool, env, { maxPasses: 20 });
    const kinds = result.resources.reduce<Record<string, number>>((count, r) => ({ ...count, [r.kind]: (count[r.kind] ?? 0) + 1 }), {});
    expect(kinds).toMatchObject({ VpcEndpoint: 3, LoadBalancer: 1, TargetGroup: 1, Listener: 1, SnsTopic: 1, MetricAlarm: 1, EcsServiceAttachment: 1 });
    expect(result.resources.filter((r) => r.state !== "Ready")).toEqual([]);

    const endpoints = (await new EC2Client(config()).send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: Object.values(result.outputs.vpcEndpoints) }))).VpcEndpoints ?? [];
    const gateway = endpoints.find((e) => e.VpcEndpointId === result.outputs.vpcEndpoints.dynamodb)!;
    expect(gateway.VpcEndpointType).toBe("Gateway");
    expect([...(gateway.RouteTableIds ?? [])].sort()).toEqual([...network.privateRouteTableIds].sort());
    const logs = endpoints.find((e) => e.VpcEndpointId === result.outputs.vpcEndpoints.logs)!;
    expect(logs).toMatchObject({ VpcEndpointType: "Interface", ServiceName: "com.amazonaws.us-east-1.logs", PrivateDnsEnabled: true });
    expect([...(logs.SubnetIds ?? [])].sort()).toEqual([...network.privateSubnetIds].sort());
    expect(logs.Groups?.map((g) => g.GroupId)).toEqual([result.outputs.securityGroups.endpoints]);
    expect(Object.keys(result.outputs.vpcEndpoints).sort()).toEqual(["dynamodb", "logs", "sts"]);
    const creates = await recordedRequests(target().endpoint, { operation: "CreateVpcEndpoint" });
    expect(new Set(creates.map((r) => r.params.ClientToken)).size).toBe(3);
    expect(creates.every((r) => /^[0-9a-f]{32}$/.test(String(r.params.ClientToken)))).toBe(true);

    const elb = new ElasticLoadBalancingV2Client(config());
    const lbAttributes = (await elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: result.outputs.loadBalancer!.arn }))).Attributes ?? [];
    const lbValue = (key: string) => lbAttributes.find((a) => a.Key === key)?.Value;
    // stage is "test", so no deletion protection.
    expect(["idle_timeout.timeout_seconds", "deletion_protection.enabled", "routing.http2.enabled", "routing.http.drop_invalid_header_fields.enabled"].map(lbValue))
      .toEqual(["90", "false", "true", "true"]);
    const group = (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [result.outputs.targetGroupArn!] }))).TargetGroups![0]!;
    expect([group.TargetType, group.Port, group.HealthCheckPath, group.HealthCheckIntervalSeconds, group.HealthyThresholdCount, group.UnhealthyThresholdCount, group.Matcher?.HttpCode])
      .toEqual(["ip", 2567, "/health", 10, 2, 4, "200"]);
    const tgAttributes = (await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: group.TargetGroupArn }))).Attributes ?? [];
    const tgValue = (key: string) => tgAttributes.find((a) => a.Key === key)?.Value;
    expect(["stickiness.enabled", "stickiness.lb_cookie.duration_seconds", "deregistration_delay.timeout_seconds"].map(tgValue)).toEqual(["true", "600", "20"]);
    const listener = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: result.outputs.loadBalancer!.arn }))).Listeners![0]!;
    expect(listener.DefaultActions?.[0]).toMatchObject({ Type: "forward", TargetGroupArn: result.outputs.targetGroupArn });

    const alarm = (await new CloudWatchClient(config()).send(new DescribeAlarmsCommand({ AlarmNames: [env.names.alarmName] }))).MetricAlarms![0]!;
    expect(alarm).toMatchObject({ Namespace: "GameMetrics", MetricName: "SessionCreationLatency", Statistic: "Average", Period: 60, EvaluationPeriods: 2, Threshold: 1000 });
    expect(alarm.AlarmActions).toEqual([result.outputs.snsTopicArn]);
    expect(result.outputs.alarmArn).toBe(alarm.AlarmArn);
    const topicTags = (await new SNSClient(config()).send(new ListTagsForResourceCommand({ ResourceArn: result.outputs.snsTopicArn! }))).Tags ?? [];
    expect(topicTags).toContainEqual({ Key: "gamectl.dev/environment", Value: "games/edge" });

    const service = (await new ECSClient(config()).send(new DescribeServicesCommand({ cluster: "edge", services: ["edge-game"] }))).services![0]!;
    expect(service.loadBalancers).toEqual([{ targetGroupArn: result.outputs.targetGroupArn, containerName: "game", containerPort: 2567 }]);
    expect(result.outputs.taskRoleArn).toBe(existingRoleArn);
    expect(result.resources.find((r) => r.kind === "EcsServiceAttachment")?.message).toContain(`task role ${existingRoleArn}`);

    pool.calls.reset();
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
  }, 120_000);

  it("restores a dropped route table, a health-check path, a listener's default action and the alarm threshold, each with one in-place call", async () => {
    const env = edgeManifest();
    const pool = testPool(target());
    const before = await convergeFully(pool, env, { maxPasses: 10 });
    const [keptTable, droppedTable] = network.privateRouteTableIds;
    await new EC2Client(config()).send(new ModifyVpcEndpointCommand({ VpcEndpointId: before.outputs.vpcEndpoints.dynamodb!, RemoveRouteTableIds: [droppedTable!] }));
    const elb = new ElasticLoadBalancingV2Client(config());
    await elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: before.outputs.targetGroupArn!, HealthCheckPath: "/drifted" }));
    const listener = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: before.outputs.loadBalancer!.arn }))).Listeners![0]!;
    await elb.send(new ModifyListenerCommand({
      ListenerArn: listener.ListenerArn, DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_302" } }],
    }));
    const cloudwatch = new CloudWatchClient(config());
    const alarm = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [env.names.alarmName] }))).MetricAlarms![0]!;
    await cloudwatch.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: alarm.AlarmName!, Threshold: 7000, EvaluationPeriods: 2, ComparisonOperator: alarm.ComparisonOperator! }));

    const drift = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    const changed = drift.plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.type} ${a.name}:${a.changes.map((c) => `${c.field}(${c.class})`).join(",")}`).sort();
    expect(changed).toEqual([
      "update alarm/session-creation-latency:threshold(in-place)", "update endpoint/gateway/dynamodb:routeTableIds(in-place)",
      "update listener/80:defaultAction(in-place)", `update targetgroup/${env.names.targetGroupName}:healthCheck(in-place)`,
    ]);

    await clearRecordedRequests(target().endpoint);
    await convergeFully(pool, env, { maxPasses: 10 });
    const writes = (await recordedRequests(target().endpoint)).filter((r) => !/^(Describe|List|Get)/.test(r.operation));
    expect(writes.map((r) => r.operation).sort()).toEqual(["ModifyListener", "ModifyTargetGroup", "ModifyVpcEndpoint", "PutMetricAlarm"]);
    // Only the missing table is added; nothing else of the endpoint is resent.
    expect(writes.find((r) => r.operation === "ModifyVpcEndpoint")?.params).toMatchObject({ VpcEndpointId: before.outputs.vpcEndpoints.dynamodb, AddRouteTableIds: [droppedTable] });
    expect(writes.find((r) => r.operation === "ModifyVpcEndpoint")?.params).not.toHaveProperty("RemoveRouteTableIds");
    expect(writes.find((r) => r.operation === "ModifyListener")?.params).toEqual({
      ListenerArn: listener.ListenerArn, DefaultActions: [{ Type: "forward", TargetGroupArn: before.outputs.targetGroupArn }],
    });

    const endpoint = (await new EC2Client(config()).send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [before.outputs.vpcEndpoints.dynamodb!] }))).VpcEndpoints![0]!;
    expect([...(endpoint.RouteTableIds ?? [])].sort()).toEqual([keptTable, droppedTable].sort());
    const group = (await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [before.outputs.targetGroupArn!] }))).TargetGroups![0]!;
    expect(group.HealthCheckPath).toBe("/health");
    const restored = (await elb.send(new DescribeListenersCommand({ ListenerArns: [listener.ListenerArn!] }))).Listeners![0]!;
    expect(restored.DefaultActions?.[0]).toMatchObject({ Type: "forward", TargetGroupArn: before.outputs.targetGroupArn });
    expect((await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [env.names.alarmName] }))).MetricAlarms![0]!.Threshold).toBe(1000);
    const after = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(after.plan.actions.filter((a) => a.type !== "noop")).toEqual([]);
  }, 120_000);

  it("moves interface endpoints between subnets in place, keeping their IDs", async () => {
    const pool = testPool(target());
    const before = await convergeFully(pool, edgeManifest(), { maxPasses: 10 });
    const oneSubnet = edgeManifest({ privateSubnetIds: [network.privateSubnetIds[0]!] });
    await clearRecordedRequests(target().endpoint);
    const after = await convergeFully(pool, oneSubnet, { maxPasses: 10 });
    expect(after.outputs.vpcEndpoints).toEqual(before.outputs.vpcEndpoints);
    const modifies = await recordedRequests(target().endpoint, { operation: "ModifyVpcEndpoint" });
    expect(modifies.map((r) => r.params.RemoveSubnetIds)).toEqual([[network.privateSubnetIds[1]], [network.privateSubnetIds[1]]]);
    expect(await recordedRequests(target().endpoint, { operation: "CreateVpcEndpoint" })).toEqual([]);
    const logs = (await new EC2Client(config()).send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [after.outputs.vpcEndpoints.logs!] }))).VpcEndpoints![0]!;
    expect(logs.SubnetIds).toEqual([network.privateSubnetIds[0]]);
    await convergeFully(pool, edgeManifest(), { maxPasses: 10 });
  }, 120_000);

  it("replaces the target group create-before-destroy when the port changes; the listener and the ECS service follow", async () => {
    const pool = testPool(target());
    const before = await convergeFully(pool, edgeManifest(), { maxPasses: 10 });
    const moved = edgeManifest({ port: 3100 });
    const plan = (await pool.forEnvironment(moved).reconcile(moved, { mode: "plan" })).plan;
    expect(plan.actions.find((a) => a.name === `targetgroup/${moved.names.targetGroupName}`)?.type).toBe("create");
    expect(plan.actions.find((a) => a.kind === "TargetGroup" && a.type === "delete")?.name).toBe(`targetgroup/${edgeManifest().names.targetGroupName}`);
    await clearRecordedRequests(target().endpoint);
    const after = await convergeFully(pool, moved, { maxPasses: 10 });
    const order = (await recordedRequests(target().endpoint)).map((r) => r.operation).filter((op) => ["CreateTargetGroup", "ModifyListener", "DeleteTargetGroup"].includes(op));
    expect(order.indexOf("CreateTargetGroup")).toBeLessThan(order.indexOf("ModifyListener"));
    expect(order.lastIndexOf("ModifyListener")).toBeLessThan(order.lastIndexOf("DeleteTargetGroup"));
    const elb = new ElasticLoadBalancingV2Client(config());
    const groups = (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    expect(groups.map((g) => g.TargetGroupArn)).not.toContain(before.outputs.targetGroupArn);
    expect(groups.find((g) => g.TargetGroupArn === after.outputs.targetGroupArn)?.Port).toBe(3100);
    const service = (await new ECSClient(config()).send(new DescribeServicesCommand({ cluster: "edge", services: ["edge-game"] }))).services![0]!;
    expect(service.loadBalancers).toEqual([{ targetGroupArn: after.outputs.targetGroupArn, containerName: "game", containerPort: 3100 }]);
  }, 120_000);
});
