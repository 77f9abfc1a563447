import { describe, expect, it } from "vitest";
import { installationPrefix, loadManifestText } from "../../src/spec/load.ts";
import { environmentPrefix, fitName, namedLimits, ownershipTags, physicalNames } from "../../src/spec/names.ts";
import { installationArns } from "../../src/kinds/permissions.ts";
import type { GameEnvironmentSpec } from "../../src/spec/types.generated.ts";

function specOf(extra = ""): GameEnvironmentSpec {
  const text = `apiVersion: gamectl.dev/v1alpha1
kind: GameEnvironment
metadata: {name: env}
spec:
  region: us-east-1
  network: {vpcId: vpc-0a1b2c3d4e5f60718, privateSubnetIds: [subnet-0a1b2c3d4e5f60001]}
${extra}`;
  const result = loadManifestText(text, "names.yaml");
  expect(result.errors).toEqual([]);
  return result.environments[0]!.manifest.spec;
}

const longNamespace = "a-very-long-namespace-name-that-uses-all-sixty-three-characters";
const longName = "an-environment-name-of-30-char";

describe("physical names", () => {
  it("v1 (legacy) names stay exactly what they were, so environments created under them keep them", () => {
    const names = physicalNames("games", "arena-prod", specOf("  redis: {}\n"), { scheme: "v1" });
    expect(names.scheme).toBe("v1");
    expect(names.prefix).toBe("games-arena-prod");
    expect(names.replicationGroupId).toBe("games-arena-prod");
    expect(names.cacheParameterGroupName).toBe("games-arena-prod-redis7");
    expect(names.albName).toBe("games-arena-prod");
    expect(names.targetGroupName).toMatch(/^games-arena-prod-[0-9a-f]{6}$/);
    expect(names.taskRoleName).toBe("games-arena-prod-task");
    expect(names.securityGroupName("redis")).toBe("games-arena-prod-redis");
    expect(names.tableName("users")).toBe("games-arena-prod-users");
    expect(names.snsTopicName).toBe("games-arena-prod-alerts");
    expect(names.redisSecretName).toBe("gamectl/games/arena-prod/redis-auth-token");
  });

  it("v2 names start with the installation prefix and a hash of namespace/name, then stay readable", () => {
    const names = physicalNames("games", "arena-prod", specOf("  redis: {}\n"));
    expect(names.scheme).toBe("v2");
    expect(names.prefix).toMatch(/^gc-[0-9a-f]{10}$/);
    const base = `${names.prefix}-games-arena-prod`;
    expect(names.replicationGroupId).toBe(base);
    expect(names.albName).toBe(base);
    expect(names.targetGroupName).toMatch(new RegExp(`^${names.prefix}-[0-9a-f]{6}-games-arena$`));
    expect(names.taskRoleName).toBe(`${base}-task`);
    expect(names.executionRoleName).toBe(`${names.prefix}-execution`);
    expect(names.securityGroupName("redis")).toBe(`${base}-redis`);
    expect(names.tableName("users")).toBe(`${base}-users`);
    // Secrets and log groups were already injective paths under gamectl/, which the policy restricts.
    expect(names.redisSecretName).toBe("gamectl/games/arena-prod/redis-auth-token");
  });

  it("v2 load balancer, target group and listener ARNs fall under the controller policy's installation patterns, short or cut", () => {
    // IAM's wildcard: '*' is any run of characters, '/' included.
    const matches = (pattern: string, arn: string) => new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, "\\$&")).join(".*")}$`).test(arn);
    const elb = "arn:aws:elasticloadbalancing:us-east-1:123456789012";
    for (const names of [physicalNames("games", "arena", specOf()), physicalNames(longNamespace, longName, specOf())]) {
      const loadBalancer = `${elb}:loadbalancer/app/${names.albName}/50dc6c495c0c9188`;
      expect(matches(installationArns.loadBalancer, loadBalancer), loadBalancer).toBe(true);
      expect(matches(installationArns.listener, `${elb}:listener/app/${names.albName}/50dc6c495c0c9188/f2f7dc8efc522ab2`), names.albName).toBe(true);
      expect(matches(installationArns.targetGroup, `${elb}:targetgroup/${names.targetGroupName}/73e2d6bc24d8a067`), names.targetGroupName).toBe(true);
    }
    // v1 (legacy) names are outside the prefix: the generated policy does not reach them.
    const legacy = physicalNames("games", "arena", specOf(), { scheme: "v1" });
    expect(matches(installationArns.loadBalancer, `${elb}:loadbalancer/app/${legacy.albName}/50dc6c495c0c9188`)).toBe(false);
  });

  it("take a configured installation prefix, and refuse one that would break the names", () => {
    const spec = specOf();
    expect(physicalNames("games", "arena", spec, { installationPrefix: "acme1" }).albName).toMatch(/^acme1-[0-9a-f]{10}-games-arena$/);
    // Cut to 40 characters, a name still starts with the prefix: drivers find leftovers by it.
    const long = physicalNames(longNamespace, longName, specOf("  redis: {}\n"));
    for (const cut of [long.redisUserId, long.replicationGroupId, long.albName, long.targetGroupName]) expect(cut.startsWith(`${long.prefix}-`), cut).toBe(true);
    for (const bad of ["", "1gc", "g-c", "GC", "toolong"]) {
      expect(() => physicalNames("games", "arena", spec, { installationPrefix: bad }), bad).toThrow(/installation prefix/);
    }
  });

  it("take the installation prefix from GAMECTL_NAME_PREFIX, and name the variable when it is invalid", () => {
    expect(installationPrefix({})).toBe("gc");
    expect(installationPrefix({ GAMECTL_NAME_PREFIX: "acme" })).toBe("acme");
    expect(() => installationPrefix({ GAMECTL_NAME_PREFIX: "Acme-1" })).toThrow(/GAMECTL_NAME_PREFIX="Acme-1" is not a valid installation prefix/);
  });

  it("are deterministic", () => {
    const spec = specOf();
    expect(JSON.stringify(physicalNames("games", "arena", spec))).toBe(JSON.stringify(physicalNames("games", "arena", spec)));
    expect(physicalNames("games", "arena", spec).tableName("t")).toBe(physicalNames("games", "arena", specOf()).tableName("t"));
  });

  it("never collide when hyphens move between namespace and name", () => {
    expect(environmentPrefix("a-b", "c")).not.toBe(environmentPrefix("a", "b-c"));
    const spec = specOf();
    expect(physicalNames("a-b", "c", spec).albName).not.toBe(physicalNames("a", "b-c", spec).albName);
  });

  it("stay within AWS limits for the longest namespace and name, with a hash suffix when truncated", () => {
    const spec = specOf("  dynamodb:\n    tables: [{name: a-table-with-a-long-logical-name, partitionKey: {name: id, type: S}}]\n  redis: {}\n");
    const names = physicalNames(longNamespace, longName, spec);
    for (const limit of namedLimits(names, spec)) {
      expect(limit.name.length, limit.what).toBeLessThanOrEqual(limit.max);
      expect(limit.name.length, limit.what).toBeGreaterThanOrEqual(limit.min);
      expect(limit.name, limit.what).toMatch(limit.pattern);
    }
    expect(names.replicationGroupId).toMatch(/-[0-9a-f]{8}$/);
    expect(names.replicationGroupId).toBe(names.replicationGroupId.toLowerCase());
    expect(names.albName.length).toBeLessThanOrEqual(32);
    expect(names.targetGroupName.length).toBeLessThanOrEqual(32);
    expect(names.taskRoleName.length).toBeLessThanOrEqual(64);
    // Two identities that share the truncated head still differ.
    const other = physicalNames(longNamespace, `${longName.slice(0, -1)}x`, spec);
    expect(other.albName).not.toBe(names.albName);
    expect(other.replicationGroupId).not.toBe(names.replicationGroupId);
  });

  it("give a new target group name when port or VPC change (create before destroy)", () => {
    const before = physicalNames("games", "arena", specOf());
    const after = physicalNames("games", "arena", specOf("  gameServer: {port: 3000}\n"));
    expect(after.targetGroupName).not.toBe(before.targetGroupName);
    expect(after.albName).toBe(before.albName);
  });

  it("follow the parameter-group family of the engine version", () => {
    expect(physicalNames("g", "a", specOf('  redis: {engineVersion: "6.2"}\n'), { scheme: "v1" }).cacheParameterGroupName).toBe("g-a-redis6-x");
    expect(physicalNames("g", "a", specOf('  redis: {engineVersion: "6.2"}\n')).cacheParameterGroupName).toMatch(/^gc-[0-9a-f]{10}-g-a-redis6-x$/);
  });

  it("fitName hashes any rewrite so that sanitized names stay unique", () => {
    expect(fitName("ok-name", { max: 40 })).toBe("ok-name");
    expect(fitName("9lives", { max: 40, mustStartWithLetter: true })).toMatch(/^g9lives-[0-9a-f]{8}$/);
    expect(fitName("a--b", { max: 40, sanitize: (n) => n.replace(/-+/g, "-") })).not.toBe(fitName("a-b", { max: 40, sanitize: (n) => n.replace(/-+/g, "-") }));
  });
});

describe("ownership tags", () => {
  it("carry the environment, component and manager over the spec's tags", () => {
    expect(ownershipTags("games", "arena", "redis", { stage: "prod", "gamectl.dev/component": "spoofed" })).toEqual({
      stage: "prod",
      "gamectl.dev/environment": "games/arena",
      "gamectl.dev/component": "redis",
      "gamectl.dev/managed-by": "gamectl",
    });
  });
});
