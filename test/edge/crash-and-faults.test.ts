import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { beforeAll, describe, expect, it } from "vitest";
import { ReconcileAborted } from "../../src/reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { clearFaults, resetMoto, setFaults } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, crashingPool, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

function edgeEnvironment(name: string): LoadedEnvironment {
  return loadEnvironment(coreManifest(name, network, {
    vpcEndpoints: { gateway: ["dynamodb"], interface: ["logs"] },
    loadBalancer: { listeners: [{ port: 80, protocol: "HTTP" }], healthCheck: { intervalSeconds: 10 } },
    alarms: { sessionCreationLatencyMs: 800 },
  }));
}

/** What exists for one environment, by kind, to find duplicates and orphans. */
async function inventory(env: LoadedEnvironment) {
  const endpoints = (await new EC2Client(config()).send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [env.key] }] }))).VpcEndpoints ?? [];
  const elb = new ElasticLoadBalancingV2Client(config());
  const balancers = ((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).filter((lb) => lb.LoadBalancerName === env.names.albName);
  const groups = ((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? []).filter((g) => g.TargetGroupName?.startsWith(env.names.targetGroupName.slice(0, 20)));
  const listeners = balancers.length ? (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: balancers[0]!.LoadBalancerArn }))).Listeners ?? [] : [];
  const alarms = (await new CloudWatchClient(config()).send(new DescribeAlarmsCommand({ AlarmNamePrefix: env.names.alarmName }))).MetricAlarms ?? [];
  const topics = ((await new SNSClient(config()).send(new ListTopicsCommand({}))).Topics ?? []).filter((t) => t.TopicArn?.endsWith(`:${env.names.snsTopicName}`));
  return { endpoints: endpoints.filter((e) => String(e.State).toLowerCase() !== "deleted").length, balancers: balancers.length, groups: groups.length, listeners: listeners.length, alarms: alarms.length, topics: topics.length };
}

describe("edge kinds under crashes and faults", () => {
  it("converge without duplicates after a crash after every write", async () => {
    const reference = edgeEnvironment("edgeref");
    const referencePool = testPool(target());
    await convergeFully(referencePool, reference);
    const writes = referencePool.calls.writes;
    const expected = await inventory(reference);
    expect(expected).toEqual({ endpoints: 2, balancers: 1, groups: 1, listeners: 1, alarms: 1, topics: 1 });
    for (let k = 0; k < writes; k++) {
      const env = edgeEnvironment(`edge${k}`);
      const crashing = crashingPool(target(), k);
      await expect(convergeFully(crashing, env)).rejects.toThrow(ReconcileAborted);
      const resumed = await convergeFully(testPool(target()), env);
      expect(resumed.converged).toBe(true);
      expect({ k, ...(await inventory(env)) }).toEqual({ k, ...expected });
    }
  }, 300_000);

  it("converge with 30% throttling and 5xx errors", async () => {
    const env = edgeEnvironment("edgefaults");
    await setFaults(target().endpoint, { rate: 0.3, kinds: ["throttle", "5xx"], seed: 11 });
    try {
      const result = await convergeFully(testPool(target()), env, { maxPasses: 30 });
      expect(result.converged).toBe(true);
    } finally {
      await clearFaults(target().endpoint);
    }
    expect(await inventory(env)).toEqual({ endpoints: 2, balancers: 1, groups: 1, listeners: 1, alarms: 1, topics: 1 });
  }, 180_000);
});
