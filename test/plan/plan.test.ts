import { describe, expect, it } from "vitest";
import { computeDeletePlan, computePlan, planHasChanges } from "../../src/plan/plan.ts";
import { normalizePolicy } from "../../src/plan/policy.ts";
import { renderPlan } from "../../src/plan/render.ts";
import type { DesiredResource, JsonValue, ObservedResource } from "../../src/plan/types.ts";
import { ref } from "../../src/plan/values.ts";

const env = "games/arena";
const owner = { "gamectl.dev/environment": env, "gamectl.dev/managed-by": "gamectl" };

const keySchema = [{ name: "playerId", type: "S", keyType: "HASH" }];

function table(overrides: Partial<DesiredResource["properties"]> = {}, extra: Partial<DesiredResource> = {}): DesiredResource {
  return {
    kind: "DynamoTable", name: "table/users", component: "table/users", physicalName: "arena-users",
    properties: { keySchema, billingMode: "PAY_PER_REQUEST", globalSecondaryIndexes: [], pointInTimeRecovery: true, timeToLive: null, deletionProtection: false, ...overrides },
    tags: { ...owner, "gamectl.dev/component": "table/users" },
    ...extra,
  };
}

function observedTable(overrides: Partial<ObservedResource["properties"]> = {}, extra: Partial<ObservedResource> = {}): ObservedResource {
  return {
    kind: "DynamoTable", name: "table/users", id: "arena-users", owned: true, state: "ACTIVE",
    properties: { keySchema, billingMode: "PAY_PER_REQUEST", globalSecondaryIndexes: [], pointInTimeRecovery: true, timeToLive: null, deletionProtection: false, ...overrides },
    attributes: { id: "arena-users", arn: "arn:aws:dynamodb:us-east-1:123456789012:table/arena-users" },
    tags: { ...owner, "gamectl.dev/component": "table/users" },
    ...extra,
  };
}

const base = { environment: env, adopt: false, deletionPolicy: "Retain" as const };

describe("computePlan", () => {
  it("creates what does not exist, with every field shown", () => {
    const plan = computePlan({ ...base, desired: [table()], observed: [] });
    expect(plan.actions.map((a) => a.type)).toEqual(["create"]);
    expect(plan.actions[0]!.changes.find((c) => c.field === "billingMode")?.new).toBe("PAY_PER_REQUEST");
    expect(plan.summary.create).toBe(1);
  });

  it("is empty when AWS matches the spec", () => {
    const plan = computePlan({ ...base, desired: [table()], observed: [observedTable()] });
    expect(planHasChanges(plan)).toBe(false);
    expect(renderPlan(plan)).toContain("No changes");
  });

  it("reports a field-level in-place diff", () => {
    const plan = computePlan({ ...base, desired: [table()], observed: [observedTable({ pointInTimeRecovery: false })] });
    const action = plan.actions[0]!;
    expect(action.type).toBe("update");
    expect(action.changes).toEqual([{ field: "pointInTimeRecovery", old: false, new: true, class: "in-place" }]);
    expect(renderPlan(plan)).toMatch(/~ pointInTimeRecovery: false → true/);
  });

  it("treats fields a light observation did not read as unchanged, and diffs the rest", () => {
    const unread = observedTable({ pointInTimeRecovery: false, timeToLive: null }, { unobserved: ["pointInTimeRecovery", "timeToLive", "tags"], tags: {} });
    expect(planHasChanges(computePlan({ ...base, desired: [table({ timeToLive: "expiresAt" })], observed: [unread] }))).toBe(false);
    const plan = computePlan({ ...base, desired: [table({ deletionProtection: true })], observed: [unread] });
    expect(plan.actions[0]!.changes.map((c) => c.field)).toEqual(["deletionProtection"]);
  });

  it("blocks a key-schema change with an explanation", () => {
    const plan = computePlan({ ...base, desired: [table({ keySchema: [{ name: "userId", type: "S", keyType: "HASH" }] })], observed: [observedTable()] });
    const action = plan.actions[0]!;
    expect(action.type).toBe("blocked");
    expect(action.reason).toMatch(/key schema/);
    expect(plan.summary.blocked).toBe(1);
    expect(renderPlan(plan)).toMatch(/blocked/);
  });

  it("replaces with a data-loss flag when the manifest opts in", () => {
    const plan = computePlan({ ...base, desired: [table({ keySchema: [{ name: "userId", type: "S", keyType: "HASH" }] }, { allowReplacement: true })], observed: [observedTable()] });
    expect(plan.actions[0]!.type).toBe("replace");
    expect(plan.actions[0]!.dataLoss).toBe(true);
    expect(renderPlan(plan)).toMatch(/-\/\+ DynamoTable table\/users/);
    expect(renderPlan(plan)).toMatch(/DATA LOSS/);
  });

  it("marks state-gated changes while the resource is transitional", () => {
    const plan = computePlan({ ...base, desired: [table({ deletionProtection: true })], observed: [observedTable({}, { state: "UPDATING" })] });
    expect(plan.actions[0]!.changes[0]).toMatchObject({ field: "deletionProtection", class: "needs-state", waitsFor: "ACTIVE" });
  });

  it("never touches a same-named resource it does not own, unless adopt is set", () => {
    const foreign = observedTable({}, { owned: false, tags: {} });
    const blocked = computePlan({ ...base, desired: [table()], observed: [foreign] });
    expect(blocked.actions[0]!.type).toBe("blocked");
    expect(blocked.actions[0]!.reason).toMatch(/not owned by gamectl.*spec.adopt/);
    const adopted = computePlan({ ...base, adopt: true, desired: [table()], observed: [foreign] });
    expect(adopted.actions[0]!.type).toBe("update");
    expect(adopted.actions[0]!.changes.map((c) => c.field)).toEqual(["tags"]);
  });

  it("never adopts, changes or deletes a resource another environment owns, even with adopt", () => {
    const theirs = observedTable({}, { owned: false, tags: { "gamectl.dev/environment": "other-team/arena", "gamectl.dev/managed-by": "gamectl" } });
    for (const adopt of [false, true]) {
      const plan = computePlan({ ...base, adopt, desired: [table()], observed: [theirs] });
      expect(plan.actions.map((a) => a.type)).toEqual(["blocked"]);
      expect(plan.actions[0]!.reason).toMatch(/owned by the environment other-team\/arena.*never/);
    }
    const external = computePlan({ ...base, desired: [table({}, { external: true })], observed: [theirs] });
    expect(external.actions.map((a) => a.type)).toEqual(["blocked"]);
  });

  it("retains a removed table under Retain and deletes it under Delete", () => {
    const retained = computePlan({ ...base, desired: [], observed: [observedTable()] });
    expect(retained.actions[0]!.type).toBe("retain");
    expect(planHasChanges(retained)).toBe(false);
    const deleted = computePlan({ ...base, deletionPolicy: "Delete", desired: [], observed: [observedTable()] });
    expect(deleted.actions[0]).toMatchObject({ type: "delete", dataLoss: true });
  });

  it("never deletes a table with deletion protection", () => {
    const plan = computeDeletePlan(env, [observedTable({ deletionProtection: true }, { deletionProtected: true })], "Delete");
    expect(plan.actions[0]!.type).toBe("blocked");
    expect(plan.actions[0]!.reason).toMatch(/deletion protection/);
  });

  it("keeps what a retained resource uses, and nothing else", () => {
    const group: ObservedResource = {
      kind: "ReplicationGroup", name: "redis/group", id: "arena", owned: true, state: "available",
      properties: { securityGroupIds: ["sg-redis"], cacheSubnetGroupName: "arena-redis" }, attributes: { id: "arena" }, tags: owner,
    };
    const redisGroup: ObservedResource = { kind: "SecurityGroup", name: "sg/redis", id: "sg-redis", owned: true, state: "available", properties: {}, attributes: { id: "sg-redis" }, tags: owner };
    const redisRules: ObservedResource = { ...redisGroup, kind: "SecurityGroupRules", name: "sgrules/redis", id: "sg-redis#rules" };
    const appGroup: ObservedResource = { ...redisGroup, name: "sg/app", id: "sg-app", attributes: { id: "sg-app" } };
    const plan = computeDeletePlan(env, [group, redisGroup, redisRules, appGroup], "Retain");
    const types = Object.fromEntries(plan.actions.map((a) => [a.name, a.type]));
    expect(types).toEqual({ "redis/group": "retain", "sg/redis": "retain", "sgrules/redis": "delete", "sg/app": "delete" });
    expect(plan.actions.find((a) => a.name === "sg/redis")!.reason).toMatch(/retained redis\/group uses it/);
  });

  it("counts revoked rules as gone, so a delete under Retain is done once their ingress is empty", () => {
    const group: ObservedResource = {
      kind: "ReplicationGroup", name: "redis/group", id: "arena", owned: true, state: "available",
      properties: { securityGroupIds: ["sg-redis"] }, attributes: { id: "arena" }, tags: owner,
    };
    const redisGroup: ObservedResource = { kind: "SecurityGroup", name: "sg/redis", id: "sg-redis", owned: true, state: "available", properties: {}, attributes: { id: "sg-redis" }, tags: owner };
    const revoked: ObservedResource = { ...redisGroup, kind: "SecurityGroupRules", name: "sgrules/redis", id: "sg-redis#rules", properties: { groupId: "sg-redis", ingress: [], egress: [] } };
    const plan = computeDeletePlan(env, [group, redisGroup, revoked], "Retain");
    expect(plan.actions.map((a) => `${a.name}:${a.type}`)).toEqual(["redis/group:retain", "sg/redis:retain"]);
    expect(planHasChanges(plan)).toBe(false);
  });

  it("ignores unowned resources when deleting", () => {
    const plan = computeDeletePlan(env, [observedTable({}, { owned: false })], "Delete");
    expect(plan.actions).toEqual([]);
  });

  it("compares rule sets regardless of order and shows only what changes", () => {
    const rule = (port: number) => ({ protocol: "tcp", fromPort: port, toPort: port, cidr: "0.0.0.0/0" });
    const desired: DesiredResource = {
      kind: "SecurityGroupRules", name: "sgrules/alb", component: "sgrules/alb", physicalName: "arena-alb",
      properties: { groupId: "sg-1", ingress: [rule(443), rule(80)], egress: [] }, tags: {},
    };
    const observed: ObservedResource = {
      kind: "SecurityGroupRules", name: "sgrules/alb", id: "sg-1", owned: true, state: "available",
      properties: { groupId: "sg-1", ingress: [rule(80), rule(443)], egress: [] }, attributes: { id: "sg-1" }, tags: {},
    };
    expect(planHasChanges(computePlan({ ...base, desired: [desired], observed: [observed] }))).toBe(false);
    const drifted = { ...observed, properties: { ...observed.properties, ingress: [rule(80), rule(22)] } };
    const plan = computePlan({ ...base, desired: [desired], observed: [drifted] });
    const text = renderPlan(plan);
    expect(text).toContain('+ {"cidr":"0.0.0.0/0","fromPort":443');
    expect(text).toContain('- {"cidr":"0.0.0.0/0","fromPort":22');
  });

  it("resolves references, shows unknown ones as known after apply, and orders by dependency", () => {
    const group: DesiredResource = { kind: "SecurityGroup", name: "sg/app", component: "sg/app", physicalName: "arena-app", properties: { vpcId: "vpc-1", description: "d" }, tags: owner };
    const rules: DesiredResource = {
      kind: "SecurityGroupRules", name: "sgrules/app", component: "sgrules/app", physicalName: "arena-app",
      properties: { groupId: ref("sg/app", "id"), ingress: [], egress: [] }, tags: {},
    };
    const plan = computePlan({ ...base, desired: [rules, group], observed: [] });
    expect(plan.actions.map((a) => a.name)).toEqual(["sg/app", "sgrules/app"]);
    expect(plan.actions[1]!.dependsOn).toEqual(["sg/app"]);
    expect(plan.actions[1]!.changes.find((c) => c.field === "groupId")?.knownAfterApply).toBe(true);
    expect(renderPlan(plan)).toContain("(known after apply)");
  });

  it("deletes in reverse tier order", () => {
    const sg: ObservedResource = { kind: "SecurityGroup", name: "sg/app", id: "sg-1", owned: true, state: "available", properties: {}, attributes: {}, tags: owner };
    const rules: ObservedResource = { ...sg, kind: "SecurityGroupRules", name: "sgrules/app" };
    const role: ObservedResource = { ...sg, kind: "TaskRole", name: "role/task", id: "arena-task" };
    const plan = computeDeletePlan(env, [sg, rules, role], "Delete");
    expect(plan.actions.map((a) => a.name)).toEqual(["role/task", "sgrules/app", "sg/app"]);
  });

  it("makes deletion order explicit: a delete depends on the deletes of the next higher tier, the reverse of creation", () => {
    const sg: ObservedResource = { kind: "SecurityGroup", name: "sg/app", id: "sg-1", owned: true, state: "available", properties: {}, attributes: {}, tags: owner };
    const rules: ObservedResource = { ...sg, kind: "SecurityGroupRules", name: "sgrules/app" };
    const role: ObservedResource = { ...sg, kind: "TaskRole", name: "role/task", id: "arena-task" };
    const listener: ObservedResource = { ...sg, kind: "Listener", name: "listener/80", id: "arn:listener" };
    const kept = observedTable();
    const plan = computeDeletePlan(env, [sg, rules, role, listener, kept], "Retain");
    const dependsOn = Object.fromEntries(plan.actions.map((a) => [a.name, a.dependsOn]));
    expect(dependsOn).toEqual({ "listener/80": [], "role/task": ["listener/80"], "sgrules/app": ["role/task"], "sg/app": ["sgrules/app"], "table/users": [] });
    // A spec that drops resources gets the same order among its removals, after the resources it keeps.
    const partial = computePlan({ ...base, deletionPolicy: "Delete", desired: [table()], observed: [kept, sg, rules] });
    expect(partial.actions.map((a) => [a.name, a.dependsOn])).toEqual([["table/users", []], ["sgrules/app", []], ["sg/app", ["sgrules/app"]]]);
  });
});

describe("normalizePolicy", () => {
  it("treats order, string-vs-list, action case and Sid as equal", () => {
    const a: JsonValue = { Version: "2012-10-17", Statement: [
      { Sid: "One", Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:GetItem"], Resource: "arn:t" },
      { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "GameMetrics" } } },
    ] };
    const metrics: JsonValue = { Effect: "Allow", Action: ["cloudwatch:putmetricdata"], Resource: ["*"], Condition: { StringEquals: { "cloudwatch:namespace": ["GameMetrics"] } } };
    const tables: JsonValue = { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: ["arn:t"] };
    const bJson: JsonValue = { Version: "2012-10-17", Statement: [metrics, tables] };
    expect(normalizePolicy(a)).toEqual(normalizePolicy(bJson));
    expect(normalizePolicy(encodeURIComponent(JSON.stringify(a)))).toEqual(normalizePolicy(bJson));
    const onlyTables: JsonValue = { Version: "2012-10-17", Statement: [tables] };
    expect(normalizePolicy(onlyTables)).not.toEqual(normalizePolicy(a));
  });
});
