import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { stringify } from "yaml";
import type { AwsCallGate, AwsCallListener } from "../../src/aws/clients.ts";
import { ReconcilerPool } from "../../src/reconcile/pool.ts";
import type { ReconcileResult } from "../../src/reconcile/reconcile.ts";
import { formatManifestError } from "../../src/spec/errors.ts";
import { loadManifestText, type LoadedEnvironment } from "../../src/spec/load.ts";
import { createLogger } from "../../src/util/log.ts";
import type { AwsTestTarget } from "../env/index.ts";

export interface RedisTestNetwork {
  vpcId: string;
  privateSubnetIds: string[];
  publicSubnetIds: string[];
}

/** The VPC is not gamectl's: it is made in moto first, and the manifest names its real IDs. */
export async function createRedisNetwork(target: AwsTestTarget, octet: number): Promise<RedisTestNetwork> {
  const ec2 = new EC2Client({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${octet}.0.0/16` }))).Vpc!.VpcId!;
  const subnet = async (third: number, az: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${octet}.${third}.0/24`, AvailabilityZone: az }))).Subnet!.SubnetId!;
  const network = {
    vpcId,
    privateSubnetIds: [await subnet(1, "us-east-1a"), await subnet(2, "us-east-1b")],
    publicSubnetIds: [await subnet(101, "us-east-1a"), await subnet(102, "us-east-1b")],
  };
  ec2.destroy();
  return network;
}

export function redisManifest(name: string, network: RedisTestNetwork, redis: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "gamectl.dev/v1alpha1",
    kind: "GameEnvironment",
    metadata: { name, namespace: "games" },
    spec: {
      region: "us-east-1",
      tags: { project: "arena" },
      network: { vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds, publicSubnetIds: network.publicSubnetIds, privateRouteTableIds: [] },
      gameServer: { port: 2567, healthCheckPath: "/health" },
      redis: {
        engineVersion: "7.1",
        nodeType: "cache.t4g.small",
        shards: 1,
        replicasPerShard: 1,
        multiAZ: true,
        encryption: { atRest: true, inTransit: true },
        authentication: "iam",
        snapshotRetentionDays: 7,
        maintenanceWindow: "sun:05:00-sun:06:00",
        ...redis,
      },
      iam: { taskRole: { create: true } },
      ...spec,
    },
  };
}

export function loadEnv(manifest: Record<string, unknown>): LoadedEnvironment {
  const result = loadManifestText(stringify(manifest), "redis-test.yaml");
  if (result.errors.length > 0) throw new Error(result.errors.map(formatManifestError).join("\n"));
  return result.environments[0]!;
}

export function pool(target: AwsTestTarget, hooks: { gate?: AwsCallGate; listeners?: AwsCallListener[] } = {}): ReconcilerPool {
  return new ReconcilerPool({ region: target.region, endpoint: target.endpoint, credentials: target.credentials, ...hooks }, createLogger("silent"));
}

/** Applies until converged, sleeping between passes as the CLI would (short: the tests' async delays are short). */
export async function applyUntilConverged(
  reconcilers: ReconcilerPool, env: LoadedEnvironment, options: { maxPasses?: number; waitMs?: number } = {},
): Promise<{ result: ReconcileResult; passes: ReconcileResult[] }> {
  const passes: ReconcileResult[] = [];
  for (let pass = 0; pass < (options.maxPasses ?? 30); pass++) {
    const result = await reconcilers.forEnvironment(env).reconcile(env, { mode: "apply" });
    passes.push(result);
    if (result.converged) return { result, passes };
    await new Promise((resolve) => setTimeout(resolve, options.waitMs ?? 100));
  }
  const last = passes.at(-1)!;
  const stuck = last.resources.filter((r) => r.state !== "Ready").map((r) => `${r.name}: ${r.state} ${r.awsState ?? ""} ${r.message ?? ""}`);
  throw new Error(`not converged after ${passes.length} passes: ${stuck.join(" | ")} errors: ${last.errors.join(" | ")}`);
}
