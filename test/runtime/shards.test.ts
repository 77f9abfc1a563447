import { describe, expect, it } from "vitest";
import type { DesiredEnvironment, EnvironmentAdapter } from "../../src/runtime/adapter.ts";
import { memberLeaseName } from "../../src/runtime/kube/membership.ts";
import { NotShardOwnerError, rendezvousOwner, ShardedAdapter, type SourceWrite } from "../../src/runtime/shards.ts";

const keys = Array.from({ length: 3_000 }, (_, i) => `team-${i % 17}/env-${i}`);

function assignment(members: readonly string[]): Map<string, string | undefined> {
  return new Map(keys.map((key) => [key, rendezvousOwner(key, members)]));
}

describe("rendezvous hashing", () => {
  it("gives every key one owner, the same whatever the order of the members, and spreads keys evenly", () => {
    const a = assignment(["replica-a", "replica-b", "replica-c"]);
    expect(assignment(["replica-c", "replica-a", "replica-b"])).toEqual(a);
    const counts = new Map<string, number>();
    for (const owner of a.values()) counts.set(owner!, (counts.get(owner!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(["replica-a", "replica-b", "replica-c"]);
    for (const count of counts.values()) expect(Math.abs(count - 1_000)).toBeLessThan(150);
    expect(rendezvousOwner("team/env", [])).toBeUndefined();
  });

  it("moves only the dead member's keys when a member goes, and only keys for the newcomer when one comes", () => {
    const before = assignment(["replica-a", "replica-b", "replica-c"]);
    const after = assignment(["replica-a", "replica-b"]);
    for (const key of keys) if (before.get(key) !== "replica-c") expect(after.get(key)).toBe(before.get(key));
    const joined = assignment(["replica-a", "replica-b", "replica-c", "replica-d"]);
    for (const key of keys) if (joined.get(key) !== "replica-d") expect(joined.get(key)).toBe(before.get(key));
  });

  it("two replicas that each count the other as live never both own a key, whatever else their views hold", () => {
    const views = [["x", "y"], ["x", "y", "z"], ["w", "x", "y"], ["w", "x", "y", "z"]];
    for (const key of keys.slice(0, 500)) {
      const owners = new Set(views.map((view) => rendezvousOwner(key, view)).filter((owner) => owner === "x" || owner === "y"));
      expect(owners.size, key).toBeLessThanOrEqual(1);
    }
  });

  it("names each member's Lease as a DNS subdomain", () => {
    expect(memberLeaseName("gamectl-controller", "gamectl-controller-7d9f-x2k4")).toBe("gamectl-controller-gamectl-controller-7d9f-x2k4");
    expect(memberLeaseName("gamectl-controller", "Host_Name:1234")).toBe("gamectl-controller-host-name-1234");
    expect(memberLeaseName("g", "___")).toBe("g-member");
  });
});

describe("the sharded adapter", () => {
  function inner(): EnvironmentAdapter & { written: string[] } {
    const written: string[] = [];
    const env = (key: string): DesiredEnvironment => ({ key, generation: 1, annotations: {}, deleting: false });
    return {
      written,
      start: async () => undefined, stop: async () => undefined, keys: () => ["a/one", "a/two"], get: env,
      prepare: async (key) => void written.push(`prepare ${key}`), writeStatus: async (key) => void written.push(`status ${key}`),
      writeOutputs: async (key) => void written.push(`outputs ${key}`), recordEvents: async (key) => void written.push(`events ${key}`),
      deletionFinished: async (key) => void written.push(`deletion ${key}`),
    };
  }

  it("shows the controller only the environments owned now, refuses writes for the others, and re-announces every key when owners change", async () => {
    const source = inner();
    let owned = new Set(["a/one"]);
    const seen: SourceWrite[] = [];
    const adapter = new ShardedAdapter(source, { identity: "replica-a", owns: (key) => owned.has(key) }, { beforeWrite: (write) => void seen.push(write) });
    const changed: string[] = [];
    await adapter.start((key) => changed.push(key));
    expect(adapter.keys()).toEqual(["a/one"]);
    expect(adapter.get("a/two")).toBeUndefined();
    expect(adapter.get("a/one")?.key).toBe("a/one");
    await adapter.writeStatus("a/one", { phase: "Ready" });
    await expect(adapter.writeStatus("a/two", { phase: "Ready" })).rejects.toThrow(NotShardOwnerError);
    await expect(adapter.prepare("a/two")).rejects.toThrow(/replica-a does not own this environment/);
    await expect(adapter.recordEvents("a/two", [])).rejects.toThrow(NotShardOwnerError);
    await expect(adapter.writeOutputs("a/two", {} as never)).rejects.toThrow(NotShardOwnerError);
    await expect(adapter.deletionFinished("a/two")).rejects.toThrow(NotShardOwnerError);
    expect(source.written).toEqual(["status a/one"]);
    expect(seen).toEqual([{ key: "a/one", kind: "status" }]);

    owned = new Set(["a/two"]);
    adapter.reassigned();
    expect(changed).toEqual(["a/one", "a/two"]);
    await expect(adapter.writeStatus("a/one", { phase: "Ready" })).rejects.toThrow(NotShardOwnerError);
    expect(adapter.allKeys()).toEqual(["a/one", "a/two"]);
  });
});
