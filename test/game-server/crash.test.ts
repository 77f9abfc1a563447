import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListTaskDefinitionsCommand } from "@aws-sdk/client-ecs";
import { beforeAll, describe, expect, it } from "vitest";
import { ReconcileAborted } from "../../src/reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

function deployed(name: string): LoadedEnvironment {
  return loadEnvironment(coreManifest(name, network, {
    gameServer: { port: 2567, healthCheckPath: "/health", image: "ghcr.io/example/gamectl-server:0.1.0", internetEgress: true, logRetentionDays: 3 },
    redis: { authentication: "none", encryption: { inTransit: false } },
    dynamodb: {
      tables: [
        { name: "users", partitionKey: { name: "playerId", type: "S" }, globalSecondaryIndexes: [{ name: "by-rating", partitionKey: { name: "board", type: "S" }, sortKey: { name: "rating", type: "N" }, projection: "ALL" }] },
        { name: "game-history", partitionKey: { name: "gameId", type: "S" } },
        { name: "game-state", partitionKey: { name: "roomId", type: "S" } },
      ],
    },
    loadBalancer: { listeners: [{ port: 80, protocol: "HTTP" }] },
  }));
}

/** A pool whose process dies right after its k-th ECS or CloudWatch Logs write reaches AWS, before the answer is recorded. */
function crashAfterGameServerWrite(k: number) {
  let writes = 0;
  let crashed = false;
  const crash = () => {
    crashed = true;
    throw new ReconcileAborted(`crash after game-server write ${k}`);
  };
  return testPool(target(), {
    gate: () => {
      if (crashed) crash();
    },
    listeners: [({ service, mutating }) => {
      if (mutating && (service === "ecs" || service === "logs") && ++writes === k) crash();
    }],
  });
}

/** What exists of the deployed server, to find duplicates: revisions, services, clusters, log groups. */
async function inventory(env: LoadedEnvironment) {
  const ecs = new ECSClient(config());
  const family = env.names.gameServerName;
  const revisions = (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: "ACTIVE" }))).taskDefinitionArns ?? [];
  const services = (await ecs.send(new DescribeServicesCommand({ cluster: family, services: [family] }))).services ?? [];
  const clusters = (await ecs.send(new DescribeClustersCommand({ clusters: [family] }))).clusters ?? [];
  const groups = (await new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: env.names.logGroupName }))).logGroups ?? [];
  return {
    revisions: revisions.length,
    services: services.filter((s) => s.status === "ACTIVE").map((s) => [s.taskDefinition === revisions.at(-1), s.deploymentConfiguration?.deploymentCircuitBreaker?.rollback]),
    clusters: clusters.filter((c) => c.status === "ACTIVE").length,
    logGroups: groups.map((g) => g.retentionInDays),
  };
}

describe("game-server kinds under crashes", () => {
  it("converge without duplicate revisions, services or log groups after a crash after every ECS and Logs write", async () => {
    const reference = deployed("crashref");
    const referencePool = testPool(target());
    await convergeFully(referencePool, reference, { maxPasses: 20 });
    const writes = referencePool.calls.mutatingOperations().filter((op) => op.startsWith("ecs:") || op.startsWith("logs:")).length;
    expect(writes).toBeGreaterThanOrEqual(5);
    const expected = await inventory(reference);
    expect(expected).toEqual({ revisions: 1, services: [[true, true]], clusters: 1, logGroups: [3] });
    for (let k = 1; k <= writes; k++) {
      const env = deployed(`crash${k}`);
      await expect(convergeFully(crashAfterGameServerWrite(k), env, { maxPasses: 20 })).rejects.toThrow(ReconcileAborted);
      const resumed = await convergeFully(testPool(target()), env, { maxPasses: 20 });
      expect(resumed.converged).toBe(true);
      expect({ k, ...(await inventory(env)) }).toEqual({ k, ...expected });
    }
  }, 300_000);
});
