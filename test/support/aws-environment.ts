import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateRouteTableCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { stringify } from "yaml";
import type { ApiBudget } from "../../src/aws/budget.ts";
import type { AwsCallGate, AwsCallListener } from "../../src/aws/clients.ts";
import type { SharedObservationOptions } from "../../src/aws/shared-observation.ts";
import { ReconcilerPool } from "../../src/reconcile/pool.ts";
import { ReconcileAborted, type ReconcileResult } from "../../src/reconcile/reconcile.ts";
import { loadManifestText, type LoadedEnvironment } from "../../src/spec/load.ts";
import { formatManifestError } from "../../src/spec/errors.ts";
import { createLogger } from "../../src/util/log.ts";
import type { AwsTestTarget } from "../env/index.ts";

export interface TestNetwork {
  vpcId: string;
  privateSubnetIds: string[];
  publicSubnetIds: string[];
  privateRouteTableIds: string[];
}

/** The VPC an environment lives in ("Phase 2" in the design): made in moto, since gamectl does not own it. */
export async function createNetwork(target: AwsTestTarget): Promise<TestNetwork> {
  const ec2 = new EC2Client({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }));
  const vpcId = vpc.Vpc!.VpcId!;
  const subnet = async (cidr: string, az: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }))).Subnet!.SubnetId!;
  const privateSubnetIds = [await subnet("10.20.1.0/24", "us-east-1a"), await subnet("10.20.2.0/24", "us-east-1b")];
  const publicSubnetIds = [await subnet("10.20.101.0/24", "us-east-1a"), await subnet("10.20.102.0/24", "us-east-1b")];
  const routeTable = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
  ec2.destroy();
  return { vpcId, privateSubnetIds, publicSubnetIds, privateRouteTableIds: [routeTable.RouteTable!.RouteTableId!] };
}

/** A manifest for the core kinds: security groups, three tables (one with an index) and the task role. */
export function coreManifest(name: string, network: TestNetwork, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "gamectl.dev/v1alpha1",
    kind: "GameEnvironment",
    metadata: { name, namespace: "games" },
    spec: {
      region: "us-east-1",
      tags: { project: "arena", stage: "test" },
      network,
      gameServer: { port: 2567, healthCheckPath: "/health" },
      dynamodb: {
        billingMode: "PAY_PER_REQUEST",
        pointInTimeRecovery: true,
        tables: [
          { name: "users", partitionKey: { name: "playerId", type: "S" } },
          {
            name: "game-history", partitionKey: { name: "gameId", type: "S" }, sortKey: { name: "endedAt", type: "N" }, ttlAttribute: "expiresAt",
            globalSecondaryIndexes: [{ name: "by-player", partitionKey: { name: "playerId", type: "S" }, sortKey: { name: "endedAt", type: "N" }, projection: "ALL" }],
          },
          { name: "game-state", partitionKey: { name: "roomId", type: "S" } },
        ],
      },
      iam: { taskRole: { create: true } },
      ...spec,
    },
  };
}

/** Loads a manifest object through the real loader, so tests exercise the same defaults as users. */
export function loadEnvironment(manifest: Record<string, unknown>, file = "test.yaml"): LoadedEnvironment {
  const result = loadManifestText(stringify(manifest), file);
  if (result.errors.length > 0) throw new Error(result.errors.map(formatManifestError).join("\n"));
  const env = result.environments[0];
  if (!env) throw new Error("no environment loaded");
  return env;
}

export function testPool(
  target: AwsTestTarget,
  hooks: { gate?: AwsCallGate; listeners?: AwsCallListener[]; maxConcurrentCalls?: number; budget?: ApiBudget; sharedObservation?: SharedObservationOptions } = {},
): ReconcilerPool {
  return new ReconcilerPool({ region: target.region, endpoint: target.endpoint, credentials: target.credentials, ...hooks }, createLogger("silent"));
}

/** Reconciles until converged, without the waits a real AWS needs (moto is instant unless told otherwise). */
export async function convergeFully(
  pool: ReconcilerPool, env: LoadedEnvironment, options: { maxPasses?: number; waitMs?: number; concurrency?: number } = {},
): Promise<ReconcileResult> {
  let last: ReconcileResult | undefined;
  for (let pass = 0; pass < (options.maxPasses ?? 15); pass++) {
    last = await pool.forEnvironment(env).reconcile(env, { mode: "apply", ...(options.concurrency ? { concurrency: options.concurrency } : {}) });
    if (last.converged) return last;
    if (options.waitMs) await new Promise((resolve) => setTimeout(resolve, Math.min(options.waitMs ?? 0, last?.requeueAfterMs ?? 0)));
  }
  throw new Error(`not converged after ${options.maxPasses ?? 15} passes: ${JSON.stringify({ errors: last?.errors, resources: last?.resources.filter((r) => r.state !== "Ready") })}`);
}

/**
 * A pool whose process "dies" right after its k-th write reaches AWS, before the answer is
 * recorded (k = 0: before the first write): the hardest case for idempotency. Every later call fails too.
 */
export function crashingPool(target: AwsTestTarget, k: number): ReconcilerPool {
  let writes = 0;
  let crashed = false;
  const crash = () => {
    crashed = true;
    throw new ReconcileAborted(`crash after write ${k}`);
  };
  return testPool(target, {
    gate: () => {
      if (crashed || k === 0) crash();
    },
    listeners: [({ mutating }) => {
      if (mutating && ++writes === k) crash();
    }],
  });
}

/** Plain SDK clients against the test's moto, for arranging drift and checking results behind gamectl's back. */
export function sdkClients(target: AwsTestTarget) {
  const config = { region: target.region, endpoint: target.endpoint, credentials: target.credentials };
  return { ec2: new EC2Client(config), dynamodb: new DynamoDBClient(config), iam: new IAMClient(config) };
}

/** Whether a table exists, however its reconcile went: tests ask AWS itself. */
export async function tableExists(dynamo: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") return false;
    throw error;
  }
}
