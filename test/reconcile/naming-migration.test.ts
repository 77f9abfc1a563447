import { DescribeTableCommand, ListTagsOfResourceCommand } from "@aws-sdk/client-dynamodb";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPlan } from "../../src/plan/render.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { NAMING_TAG, ownershipTags, physicalNames } from "../../src/spec/names.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, sdkClients, tableExists, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

/** Tables, a token-authenticated Redis (its replication group and its secret): the data-holding kinds. */
function manifest(name: string): Record<string, unknown> {
  return coreManifest(name, network, { redis: { authentication: "token", encryption: { atRest: true, inTransit: true } } });
}

/**
 * What the release before v2 names ran: the loader gave v1 names, and no resource carried the naming tag (tagsFor
 * adds it only for v2 names). Reconciling an environment loaded like this is that release's converge path.
 */
function asPreviousRelease(env: LoadedEnvironment): LoadedEnvironment {
  return { ...env, names: physicalNames(env.manifest.metadata.namespace ?? "default", env.manifest.metadata.name, env.manifest.spec, { scheme: "v1" }) };
}

describe("naming scheme migration (issue #13)", () => {
  it("keeps an environment created under v1 names on them: the plan says so, nothing is replaced, converge stays idempotent", async () => {
    const env = loadEnvironment(manifest("legacy"));
    expect(env.names.scheme).toBe("v2");
    const legacy = asPreviousRelease(env);
    await convergeFully(testPool(target()), legacy);
    const { dynamodb } = sdkClients(target());
    expect(await tableExists(dynamodb, "games-legacy-users")).toBe(true);

    const pool = testPool(target());
    const planned = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(planned.plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.type} ${a.name}`)).toEqual([]);
    expect(planned.plan.naming).toBe("v1");
    expect(renderPlan(planned.plan)).toMatch(/^Note: naming: v1 \(legacy\) names are kept for every resource of games\/legacy, because \d+ resource\(s\) tagged/);
    expect(renderPlan(planned.plan)).toContain("To move games/legacy to v2 names, create the environment under a new name");

    const applied = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(applied.events.filter((e) => e.reason === "Deleted" || e.reason === "Created")).toEqual([]);
    expect(applied.converged).toBe(true);
    expect(applied.outputs.tables.users?.name).toBe("games-legacy-users");
    const again = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(again.plan.actions.every((a) => a.type === "noop")).toBe(true);
    expect(pool.calls.writes).toBe(0);
    expect(await tableExists(dynamodb, "games-legacy-users")).toBe(true);
    const elasticache = new ElastiCacheClient({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
    const groups = (await elasticache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? [];
    expect(groups.map((g) => g.ReplicationGroupId)).toContain("games-legacy");
  }, 120_000);

  it("recognises a v1 environment whose only resource is its task role (a crash right after creating it)", async () => {
    const env = loadEnvironment(manifest("rolely"));
    const legacy = asPreviousRelease(env);
    const { iam } = sdkClients(target());
    await iam.send(new CreateRoleCommand({
      RoleName: legacy.names.taskRoleName, Path: "/gamectl/", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      Tags: Object.entries(ownershipTags("games", "rolely", "role/task")).map(([Key, Value]) => ({ Key, Value })),
    }));
    const planned = await testPool(target()).forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(planned.plan.naming).toBe("v1");
    expect(planned.plan.notes?.[0]).toContain(`its task role ${legacy.names.taskRoleName} exists under its v1 name`);
    // A role of that name tagged for another environment is not evidence.
    const other = loadEnvironment(manifest("other"));
    await iam.send(new CreateRoleCommand({
      RoleName: asPreviousRelease(other).names.taskRoleName, AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      Tags: Object.entries(ownershipTags("games", "someone-else", "role/task")).map(([Key, Value]) => ({ Key, Value })),
    }));
    expect((await testPool(target()).forEnvironment(other).reconcile(other, { mode: "plan" })).plan.naming).toBe("v2");
  }, 60_000);

  it("gives a new environment v2 names tagged with the scheme, and finds them again on the next pass", async () => {
    const env = loadEnvironment(manifest("fresh"));
    const converged = await convergeFully(testPool(target()), env);
    expect(converged.plan.naming).toBe("v2");
    const { dynamodb } = sdkClients(target());
    expect(await tableExists(dynamodb, env.names.tableName("users"))).toBe(true);
    expect(env.names.tableName("users")).toMatch(/^gc-[0-9a-f]{10}-games-fresh-users$/);
    const pool = testPool(target());
    const planned = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    expect(planned.plan.naming).toBe("v2");
    expect(planned.plan.notes).toBeUndefined();
    expect(planned.plan.actions.every((a) => a.type === "noop")).toBe(true);
    const arn = (await dynamodb.send(new DescribeTableCommand({ TableName: env.names.tableName("users") }))).Table!.TableArn!;
    const tags = (await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags ?? [];
    expect(tags).toContainEqual({ Key: NAMING_TAG, Value: "v2" });
  }, 120_000);
});
