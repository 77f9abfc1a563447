import { UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { RevokeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReconcilerPool } from "../../src/reconcile/pool.ts";
import { ReconcileAborted } from "../../src/reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { clearRecordedRequests, recordedRequests, resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, sdkClients, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

/** A window long enough that every resync of a test falls in it: only writes end a shared read. */
const window = { windowMs: 600_000 };

async function converged(pool: ReconcilerPool, names: readonly string[], spec: Record<string, unknown> = {}): Promise<LoadedEnvironment[]> {
  const envs = names.map((name) => loadEnvironment(coreManifest(name, network, spec)));
  for (const env of envs) expect((await convergeFully(pool, env)).errors).toEqual([]);
  return envs;
}

const resync = (pool: ReconcilerPool, env: LoadedEnvironment) => pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "resync" });

async function count(operation: string): Promise<number> {
  return (await recordedRequests(target().endpoint, { operation })).length;
}

/** Reads of a list (not its later pages), and of them those filtered by the managed-by tag: the controller-wide ones. */
async function firstPages(operation: string): Promise<{ all: number; controllerWide: number }> {
  const firsts = (await recordedRequests(target().endpoint, { operation })).filter((r) => r.params.PaginationToken === undefined && r.params.NextToken === undefined);
  return { all: firsts.length, controllerWide: firsts.filter((r) => JSON.stringify(r.params).includes("gamectl.dev/managed-by")).length };
}

describe("the observation shared across a controller's environments", () => {
  it("reads the tag inventory and the security groups once for a steady resync of every environment, not once per environment", async () => {
    const pool = testPool(target(), { sharedObservation: window });
    const envs = await converged(pool, ["wave-a", "wave-b", "wave-c", "wave-d", "wave-e"]);
    await clearRecordedRequests(target().endpoint);
    const results = await Promise.all(envs.map((env) => resync(pool, env)));
    for (const result of results) {
      expect(result.converged).toBe(true);
      expect(result.observation).toBe("resync");
    }
    expect(await firstPages("GetResources")).toEqual({ all: 1, controllerWide: 1 });
    expect(await firstPages("DescribeSecurityGroups")).toEqual({ all: 1, controllerWide: 1 });
    expect((await recordedRequests(target().endpoint)).filter((r) => !/^(Describe|Get|List)/.test(r.operation))).toEqual([]);
    // A table's details were read by the full passes that converged it; a resync whose inventory lists it with the same tags reuses them.
    expect(await count("DescribeTable")).toBe(0);
    // A role's details were read by this first resync (the full passes do not list roles); the next resync lists the
    // roles under gamectl's path once and reuses each role's read.
    await clearRecordedRequests(target().endpoint);
    for (const result of await Promise.all(envs.map((env) => resync(pool, env)))) expect(result.observation).toBe("resync");
    expect(await count("GetRole")).toBe(0);
    expect(await count("DescribeTable")).toBe(0);
  });

  it("finds drift made out of band by the next full pass, although a shared read of before the drift is still in its window", async () => {
    const pool = testPool(target(), { sharedObservation: window });
    const [env] = await converged(pool, ["drift-a"]);
    expect((await resync(pool, env!)).observation).toBe("resync");
    const { ec2, dynamodb } = sdkClients(target());
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [env!.key] }] }))).SecurityGroups!
      .find((g) => (g.IpPermissions ?? []).length > 0)!;
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId!, IpPermissions: group.IpPermissions! }));
    await dynamodb.send(new UpdateTableCommand({ TableName: env!.names.tableName("users"), DeletionProtectionEnabled: true }));

    const refresh = await pool.forEnvironment(env!).reconcile(env!, { mode: "apply" });
    const changed = refresh.plan.actions.filter((a) => a.type === "update").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`).sort();
    expect(changed).toEqual(expect.arrayContaining([expect.stringMatching(/^sgrules\//), "table/users:deletionProtection"]));
    expect(refresh.errors).toEqual([]);
    // What the shared observation kept from before the repair is gone: the next light look sees the repaired
    // environment steady, rather than a stale difference that sends it back to a full read.
    const after = await resync(pool, env!);
    expect(after.observation).toBe("resync");
    expect(after.converged).toBe(true);
  });

  it("never reuses a shared read made before one of its own writes, so a write and a crash are followed by no duplicate create", async () => {
    // As crashingPool: the pass dies right after its write reaches AWS, before the answer is recorded.
    let crashAtWrite: number | undefined;
    let writes = 0;
    const pool = testPool(target(), {
      sharedObservation: window,
      listeners: [({ mutating }) => {
        if (mutating && ++writes === crashAtWrite) throw new ReconcileAborted(`crash after write ${crashAtWrite}`);
      }],
    });
    const [steady, other] = await converged(pool, ["crash-a", "crash-b"]);
    // The wave of shared reads, from before the new table exists.
    expect((await resync(pool, steady!)).observation).toBe("resync");
    const grown = loadEnvironment(coreManifest("crash-a", network, {
      dynamodb: { ...(coreManifest("crash-a", network).spec as { dynamodb: Record<string, unknown> }).dynamodb, tables: [
        ...((coreManifest("crash-a", network).spec as { dynamodb: { tables: unknown[] } }).dynamodb.tables), { name: "extra", partitionKey: { name: "id", type: "S" } },
      ] },
    }));
    await clearRecordedRequests(target().endpoint);
    crashAtWrite = writes + 1;
    await expect(pool.forEnvironment(grown).reconcile(grown, { mode: "apply" })).rejects.toThrow(ReconcileAborted);
    crashAtWrite = undefined;
    // Another environment's light look in the same window reads afresh: the write ended the wave.
    expect((await resync(pool, other!)).observation).toBe("resync");
    expect((await firstPages("GetResources")).controllerWide).toBe(1);
    // The crashed environment's next light look sees the new table and still wants its TTL/PITR: it reads in full,
    // finds the table, and finishes it instead of creating it again.
    await resync(pool, grown);
    expect((await convergeFully(pool, grown)).errors).toEqual([]);
    const creates = (await recordedRequests(target().endpoint, { operation: "CreateTable" })).filter((r) => r.params.TableName === grown.names.tableName("extra"));
    expect(creates).toHaveLength(1);
  });
});
