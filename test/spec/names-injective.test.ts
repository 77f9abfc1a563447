import { describe, expect, it } from "vitest";
import { loadManifestText } from "../../src/spec/load.ts";
import { physicalNames, type SecurityGroupComponent } from "../../src/spec/names.ts";
import type { GameEnvironmentSpec } from "../../src/spec/types.generated.ts";

const spec: GameEnvironmentSpec = (() => {
  const result = loadManifestText(`apiVersion: gamectl.dev/v1alpha1
kind: GameEnvironment
metadata: {name: env}
spec:
  region: us-east-1
  network: {vpcId: vpc-0a1b2c3d4e5f60718, privateSubnetIds: [subnet-0a1b2c3d4e5f60001]}
  redis: {}
`, "names.yaml");
  expect(result.errors).toEqual([]);
  return result.environments[0]!.manifest.spec;
})();

interface Triple { readonly namespace: string; readonly name: string; readonly table: string }

const components: readonly SecurityGroupComponent[] = ["alb", "app", "redis", "endpoints"];

/**
 * Every name of a triple, keyed by the AWS namespace it lives in (two kinds that AWS keeps apart may share a name),
 * with what it names: equal names in one AWS namespace must name the same thing.
 */
function namesOf(triple: Triple): Array<{ space: string; name: string; names: string }> {
  const names = physicalNames(triple.namespace, triple.name, spec);
  const environment = `${triple.namespace}/${triple.name}`;
  const one = (space: string, name: string, what: string) => ({ space, name, names: `${environment} ${what}` });
  return [
    one("elasticache replication group", names.replicationGroupId, "group"),
    one("elasticache subnet group", names.cacheSubnetGroupName, "subnets"),
    one("elasticache parameter group", names.cacheParameterGroupName, "parameters"),
    one("elasticache user", names.redisUserId, "user"),
    one("elasticache user group", names.redisUserGroupId, "users"),
    one("load balancer", names.albName, "alb"),
    one("target group", names.targetGroupName, "target group"),
    one("iam role", names.taskRoleName, "task role"),
    one("iam role", names.executionRoleName, "execution role"),
    ...components.map((component) => one("security group", names.securityGroupName(component), component)),
    one("dynamodb table", names.tableName(triple.table), `table ${triple.table}`),
    one("alarm", names.alarmName, "alarm"),
    one("dashboard", names.dashboardName, "dashboard"),
    one("sns topic", names.snsTopicName, "topic"),
    one("secret", names.redisSecretName, "secret"),
    one("ecs", names.gameServerName, "game server"),
    one("log group", names.logGroupName, "log group"),
  ];
}

/** The names that collide: two different things in one AWS namespace under one name. */
function collisions(triples: readonly Triple[]): string[] {
  const seen = new Map<string, string>();
  const found = new Set<string>();
  for (const triple of triples) {
    for (const { space, name, names } of namesOf(triple)) {
      const key = `${space}\u0000${name}`;
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, names);
      else if (earlier !== names) found.add(`${space} "${name}": ${earlier} and ${names}`);
    }
  }
  return [...found];
}

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A string of `alphabet` of 1..maxLength characters whose first and last are alphanumeric. A tiny alphabet with
 * '-' makes the ambiguous splits ("a-b" + "c" against "a" + "b-c") common; sometimes the longest allowed string is
 * drawn instead, to reach the limits that force truncation.
 */
function word(next: () => number, alphabet: string, maxLength: number, edges = "ab"): string {
  const length = next() < 0.1 ? maxLength : 1 + Math.floor(next() * Math.min(maxLength, 7));
  let text = "";
  for (let i = 0; i < length; i++) {
    const pool = i === 0 || i === length - 1 ? edges : alphabet;
    text += pool[Math.floor(next() * pool.length)];
  }
  return text;
}

describe("physical names (issue #13)", () => {
  it("do not collide for the examples of the issue", () => {
    expect(collisions([
      { namespace: "team", name: "game", table: "eu-scores" },
      { namespace: "team", name: "game-eu", table: "scores" },
      { namespace: "prod", name: "games-arena-26cc", table: "scores" },
      { namespace: "prod-games", name: "arena", table: "scores" },
    ])).toEqual([]);
  });

  it("are injective over random (namespace, name, logical table name) triples, for every kind", () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const triples: Triple[] = [];
      for (let i = 0; i < 3000; i++) {
        // Namespaces and names are DNS-1123 labels (63 and 30 characters); table names per the schema (128).
        triples.push({ namespace: word(next, "ab-", 63), name: word(next, "ab-", 30), table: word(next, "ab-_.", 128) });
      }
      expect(collisions(triples), `seed ${seed}`).toEqual([]);
    }
  });
});
