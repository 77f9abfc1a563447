import { describe, expect, it } from "vitest";
import { desiredResources } from "../../src/kinds/registries.ts";
import { healthCheckCommand } from "../../src/kinds/ecs/task-definition.ts";
import { ecrRepositoryArn } from "../../src/kinds/iam/execution-role.ts";
import type { DesiredResource } from "../../src/plan/types.ts";
import { coreManifest, loadEnvironment } from "../support/aws-environment.ts";

const network = { vpcId: "vpc-0a1b2c3d4e5f60718", privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], publicSubnetIds: ["subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"], privateRouteTableIds: [] };
const tables = [
  { name: "users", partitionKey: { name: "playerId", type: "S" }, globalSecondaryIndexes: [{ name: "by-rating", partitionKey: { name: "board", type: "S" }, sortKey: { name: "rating", type: "N" }, projection: "ALL" }] },
  { name: "game-history", partitionKey: { name: "gameId", type: "S" } },
  { name: "game-state", partitionKey: { name: "roomId", type: "S" } },
];

function deployed(gameServer: Record<string, unknown>, redis: Record<string, unknown>): Map<string, DesiredResource> {
  const env = loadEnvironment(coreManifest("fam", network, {
    gameServer: { port: 2567, healthCheckPath: "/ready", image: "ghcr.io/example/gamectl-server:0.1.0", internetEgress: true, ...gameServer },
    redis: { engineVersion: "7.1", ...redis },
    dynamodb: { tables },
    loadBalancer: { listeners: [{ port: 80, protocol: "HTTP" }] },
  }));
  return new Map(desiredResources(env).map((r) => [r.name, r]));
}

const variables = (resources: Map<string, DesiredResource>) =>
  Object.fromEntries((resources.get("ecs/task-definition")!.properties["containerDefinition.environment"] as Array<{ name: string; value: unknown }>).map((v) => [v.name, v.value]));

describe("game-server family", () => {
  it("IAM authentication: the user id and replication group id, TLS URL from the endpoint reference, no secret for Redis", () => {
    const resources = deployed({}, { authentication: "iam", encryption: { inTransit: true } });
    const vars = variables(resources);
    expect(vars.REDIS_AUTH_MODE).toBe("iam");
    expect(vars.REDIS_USER).toMatch(/^gc-[0-9a-f]{10}-games-fam-app$/);
    expect(vars.REDIS_CACHE_NAME).toMatch(/^gc-[0-9a-f]{10}-games-fam$/);
    expect(vars.REDIS_URL).toEqual({ $ref: "redis/group", attribute: "primaryEndpoint", format: "rediss://{}:6379" });
    expect(resources.get("ecs/task-definition")!.properties["containerDefinition.secrets"]).toEqual([]);
  });

  it("cluster mode and no in-transit encryption: REDIS_CLUSTER true and a redis:// URL", () => {
    const vars = variables(deployed({}, { shards: 2, replicasPerShard: 1, authentication: "none", encryption: { inTransit: false } }));
    expect(vars.REDIS_CLUSTER).toBe("true");
    expect(vars.REDIS_TLS).toBe("false");
    expect((vars.REDIS_URL as { format: string }).format).toBe("redis://{}:6379");
  });

  it("defaults: 256 CPU / 512 MiB, two tasks, 30-day logs, container game, a cluster of gamectl's own", () => {
    const resources = deployed({}, {});
    const task = resources.get("ecs/task-definition")!.properties;
    expect([task.cpu, task.memory, task["containerDefinition.name"]]).toEqual(["256", "512", "game"]);
    expect(resources.get("ecs/game-server")!.properties.desiredCount).toBe(2);
    expect(resources.get("logs/game-server")!.properties.retentionInDays).toBe(30);
    expect(resources.get("ecs/cluster")?.physicalName).toMatch(/^gc-[0-9a-f]{10}-games-fam-game$/);
    expect(resources.get("ecs/game-server")!.dependsOn).toEqual(["ecs/cluster", "listener/80"]);
  });

  it("an existing cluster is named, never a resource", () => {
    const resources = deployed({ cluster: { name: "shared" } }, {});
    expect(resources.has("ecs/cluster")).toBe(false);
    expect(resources.get("ecs/game-server")!.physicalName).toMatch(/^shared\/gc-[0-9a-f]{10}-games-fam-game$/);
  });

  it("the health check asks the server's own health path with node (the image has no curl)", () => {
    expect(healthCheckCommand(2567, "/ready")).toEqual(["CMD", "node", "-e", 'fetch("http://127.0.0.1:2567/ready").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))']);
  });

  it("the execution role pulls only from the image's ECR repository, and needs no ECR grant for another registry", () => {
    expect(ecrRepositoryArn("123456789012.dkr.ecr.eu-west-1.amazonaws.com/arena/server:1.2")).toBe("arn:aws:ecr:eu-west-1:123456789012:repository/arena/server");
    expect(ecrRepositoryArn("ghcr.io/example/gamectl-server:0.1.0")).toBeUndefined();
    const ecr = deployed({ image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/arena/server@sha256:abc" }, {});
    const policy = ecr.get("role/execution")!.properties.policy as { Statement: Array<{ Sid: string; Resource: unknown }> };
    expect(policy.Statement.find((s) => s.Sid === "PullImage")?.Resource).toEqual(["arn:aws:ecr:us-east-1:123456789012:repository/arena/server"]);
  });

  it("no image: no game-server resources (attach-only or nothing)", () => {
    const env = loadEnvironment(coreManifest("none", network, {}));
    expect(desiredResources(env).filter((r) => ["LogGroup", "ExecutionRole", "TaskDefinition", "EcsService", "EcsCluster"].includes(r.kind))).toEqual([]);
  });
});
