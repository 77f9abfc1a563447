import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { recentFailures } from "../../src/kinds/elasticache/replication-group.ts";
import { desiredResources } from "../../src/kinds/registries.ts";
import { taskPolicyDocument } from "../../src/kinds/registries.ts";
import { computePlan } from "../../src/plan/plan.ts";
import { renderPlan } from "../../src/plan/render.ts";
import type { DesiredResource, ObservedResource } from "../../src/plan/types.ts";
import { loadManifestText } from "../../src/spec/load.ts";
import { loadEnv, redisManifest } from "./harness.ts";

const network = { vpcId: "vpc-0a1b2c3d4e5f60718", privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], publicSubnetIds: [] };

function redisOf(resources: readonly DesiredResource[]) {
  return resources.filter((r) => r.name.startsWith("redis/"));
}

describe("Redis family", () => {
  it("derives prod.yaml's Redis resources, with the parameter-group family from the engine version", () => {
    const loaded = loadManifestText(readFileSync(new URL("../../manifests/examples/prod.yaml", import.meta.url), "utf8"), "prod.yaml");
    expect(loaded.errors).toEqual([]);
    const env = loaded.environments[0]!;
    const redis = redisOf(desiredResources(env));
    expect(redis.map((r) => `${r.kind} ${r.name}`).sort()).toEqual([
      "CacheParameterGroup redis/parameters", "CacheSubnetGroup redis/subnets", "RedisUser redis/default-user", "RedisUser redis/user",
      "RedisUserGroup redis/user-group", "ReplicationGroup redis/group",
    ]);
    const parameters = redis.find((r) => r.name === "redis/parameters")!;
    expect(parameters.properties).toEqual({ family: "redis7", parameters: { "maxmemory-policy": "volatile-lru" } });
    const group = redis.find((r) => r.name === "redis/group")!;
    expect(group.properties).toMatchObject({
      engineVersion: "7.1", clusterMode: "disabled", shards: 1, replicasPerShard: 1, multiAZ: true, automaticFailover: true,
      atRestEncryption: true, transitEncryption: true, authTokenSecret: null, securityGroupIds: [{ $ref: "sg/redis", attribute: "id" }],
      snapshotRetentionDays: 7, maintenanceWindow: "sun:05:00-sun:06:00",
    });
    const policy = JSON.stringify(taskPolicyDocument(env));
    expect(policy).toContain('"Action":["elasticache:Connect"]');
    expect(policy).toContain('{"$ref":"redis/group","attribute":"arn"}');
    expect(policy).toContain('{"$ref":"redis/user","attribute":"arn"}');
  });

  it("uses redis6.x for 6.2, cluster mode for more than one shard, and no elasticache:Connect without IAM auth", () => {
    const env = loadEnv(redisManifest("family", network, { engineVersion: "6.2", shards: 3, authentication: "token" }));
    const redis = redisOf(desiredResources(env));
    expect(redis.find((r) => r.name === "redis/parameters")!.properties.family).toBe("redis6.x");
    expect(redis.find((r) => r.name === "redis/group")!.properties).toMatchObject({ clusterMode: "enabled", shards: 3, automaticFailover: true });
    expect(redis.find((r) => r.name === "redis/auth-token")!.properties.token).toBe("(sensitive)");
    expect(JSON.stringify(taskPolicyDocument(env))).not.toContain("elasticache:Connect");
  });

  it("classifies a port change as blocked, and with the opt-in as a replacement with data loss and a snapshot step", () => {
    const observedFor = (desired: DesiredResource): ObservedResource => ({
      kind: desired.kind, name: desired.name, id: desired.physicalName, owned: true, state: "available",
      properties: { ...(desired.properties as ObservedResource["properties"]), port: 6379 }, attributes: { id: desired.physicalName }, tags: desired.tags,
    });
    for (const allowReplacement of [false, true]) {
      const env = loadEnv(redisManifest("classify", network, { authentication: "none", port: 6380, allowReplacement }));
      const group = desiredResources(env).find((r) => r.name === "redis/group")!;
      const desired = { ...group, properties: { ...group.properties, securityGroupIds: ["sg-1"] } };
      const plan = computePlan({ environment: env.key, desired: [desired], observed: [observedFor(desired)], adopt: false, deletionPolicy: "Retain" });
      const action = plan.actions[0]!;
      if (allowReplacement) {
        expect({ type: action.type, dataLoss: action.dataLoss }).toEqual({ type: "replace", dataLoss: true });
        expect(renderPlan(plan)).toMatch(/# step: take a final snapshot of the old replication group/);
      } else {
        expect(action.type).toBe("blocked");
        expect(renderPlan(plan)).toMatch(/port: 6379 → 6380\s+# blocked: ElastiCache cannot change the port/);
      }
    }
  });
});

describe("DescribeEvents failures", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  it("reports failures newer than the last event that was not one", () => {
    expect(recentFailures([
      { Message: "Replication group modified", Date: at(1) },
      { Message: "Failed to apply the replica count change; rolled back", Date: at(3) },
      { Message: "Replica count decreased", Date: at(2) },
    ])).toEqual(["Failed to apply the replica count change; rolled back"]);
    expect(recentFailures([
      { Message: "Failed to scale", Date: at(1) },
      { Message: "Replication group modified", Date: at(2) },
    ])).toEqual([]);
  });
});
