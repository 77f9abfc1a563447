import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { AwsCallCounter } from "../../src/aws/clients.ts";
import { StateDirectory, type EnvironmentRecord } from "../../src/runtime/folder/state.ts";
import { runController, type RunningController } from "../../src/runtime/run.ts";
import { createLogger } from "../../src/util/log.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { createNetwork, tableExists, type TestNetwork } from "../support/aws-environment.ts";
import { devLikeManifest, devManifest, eventually, expectedResources, gamectl } from "./support.ts";

const target = aws();
const namespace = "games";
let network: TestNetwork;
const dynamo = new DynamoDBClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const scratch: string[] = [];
const running: RunningController[] = [];

function folder(): { dir: string; state: StateDirectory } {
  const dir = mkdtempSync(join(tmpdir(), "gamectl-folder-"));
  scratch.push(dir);
  return { dir, state: new StateDirectory(join(dir, ".gamectl")) };
}

function write(dir: string, file: string, manifest: Record<string, unknown> | string): void {
  writeFileSync(join(dir, file), typeof manifest === "string" ? manifest : stringify(manifest));
}

async function start(dir: string, calls = new AwsCallCounter(), extra: { maxEnvironmentDeletions?: number; gitPullMs?: number; metricsAddr?: string; resyncMs?: number } = {}): Promise<RunningController> {
  const controller = await runController({
    manifestsDir: dir, log: createLogger("silent"), transitionalMs: 500, rescanMs: 1_000,
    aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials, listeners: [calls.listener] }, ...extra,
  });
  running.push(controller);
  return controller;
}

function record(state: StateDirectory, key: string): EnvironmentRecord | undefined {
  return state.readAll().find((r) => r.key === key);
}

async function phaseOf(state: StateDirectory, key: string, phase: string, timeoutMs = 30_000): Promise<EnvironmentRecord> {
  return (await eventually(async () => record(state, key), (r) => r?.status?.phase === phase, timeoutMs, `${key} ${phase}`))!;
}

beforeAll(async () => {
  await resetMoto(target.endpoint);
  network = await createNetwork(target);
}, 60_000);

afterAll(async () => {
  for (const controller of running) await controller.stop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  dynamo.destroy();
});

describe("gamectl controller --manifests DIR", () => {
  it("converges a folder, shows the CRD's columns, keeps going past an invalid file and deletes removed environments", async () => {
    const { dir, state } = folder();
    write(dir, "arena.yaml", devManifest("arena", namespace, network));
    write(dir, "lobby.yaml", devLikeManifest("lobby", namespace, network));
    const invalid = devLikeManifest("broken", namespace, network);
    (invalid.spec as Record<string, unknown>).redis = { nodeType: "cache.t4g.micro", shards: "two" };
    write(dir, "broken.yaml", invalid);
    const controller = await start(dir);

    const arena = await phaseOf(state, `${namespace}/arena`, "Ready");
    await phaseOf(state, `${namespace}/lobby`, "Ready");
    // Same resources as the Kubernetes runtime ends with.
    expect(arena.status?.resources?.map((r) => r.name).sort()).toEqual(expectedResources(devManifest("arena", namespace, network)));
    expect(arena.status?.resources?.every((r) => r.state === "Ready")).toBe(true);
    expect(await tableExists(dynamo, arena.status!.outputs!.tables.users!.name)).toBe(true);
    expect(arena.status?.observedGeneration).toBe(1);

    const broken = await phaseOf(state, `${namespace}/broken`, "Failed");
    expect(broken.status?.message).toContain("spec.redis.shards");
    expect(broken.status?.conditions?.find((c) => c.type === "Ready")?.reason).toBe("InvalidSpec");

    const table = await gamectl(["get", "genv", "--manifests", dir]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines[0]!.split(/\s+/)).toEqual(["NAME", "READY", "SYNCED", "PHASE", "REDIS", "LOAD-BALANCER", "AGE"]);
    const arenaRow = lines.find((l) => l.startsWith("arena "))!.split(/\s+/);
    expect(arenaRow.slice(0, 4)).toEqual(["arena", "True", "True", "Ready"]);
    expect(arenaRow[4]).toBe(arena.status?.outputs?.redis?.primaryEndpoint);
    expect(arenaRow[5]).toBe(arena.status?.outputs?.loadBalancer?.dnsName);
    expect(lines.find((l) => l.startsWith("broken "))!.split(/\s+/).slice(0, 4)).toEqual(["broken", "False", "False", "Failed"]);
    const described = await gamectl(["describe", "genv", "arena", "--manifests", dir]);
    expect(described.stdout).toMatch(/Ready\s+True\s+Converged/);
    expect(described.stdout).toContain("redis.primaryEndpoint:");

    // An edit while the broken file stays broken: the others carry on.
    const edited = devManifest("arena", namespace, network);
    (edited.spec as { dynamodb: { tables: unknown[] } }).dynamodb.tables.push({ name: "leaderboard", partitionKey: { name: "season", type: "S" } });
    write(dir, "arena.yaml", edited);
    const afterEdit = (await eventually(async () => record(state, `${namespace}/arena`), (r) => r?.status?.observedGeneration === 2 && r.status.phase === "Ready", 20_000, "generation 2"))!;
    expect(await tableExists(dynamo, afterEdit.status!.outputs!.tables.leaderboard!.name)).toBe(true);

    // Removing a manifest deletes its environment per deletionPolicy (Delete here).
    const lobbyUsers = record(state, `${namespace}/lobby`)!.status!.outputs!.tables.users!.name;
    rmSync(join(dir, "lobby.yaml"));
    await eventually(async () => record(state, `${namespace}/lobby`), (r) => r === undefined, 30_000, "lobby deleted");
    expect(await tableExists(dynamo, lobbyUsers)).toBe(false);
    expect(record(state, `${namespace}/arena`)?.status?.phase).toBe("Ready");
    await controller.stop();
  }, 120_000);

  it("hostile files (100k documents, 1 MiB of nested lists, 75k keys) are refused and every other environment is served", async () => {
    const { dir, state } = folder();
    write(dir, "good.yaml", devLikeManifest("beside-hostile", namespace, network));
    // The same shapes as test/spec/limits.test.ts, just under the 1 MiB file limit.
    write(dir, "documents.yaml", "---\nx: 1\n".repeat(100_000));
    write(dir, "lists.yaml", `${"[".repeat(500_000)}${"]".repeat(500_000)}\n`);
    write(dir, "keys.yaml", `metadata:\n  labels:\n${Array.from({ length: 75_000 }, (_, i) => `    k${i}: x\n`).join("").slice(0, 1_000_000)}`);
    const controller = await start(dir);
    await phaseOf(state, `${namespace}/beside-hostile`, "Ready");
    const errors = state.readFileErrors();
    expect(errors.map((error) => error.file.slice(dir.length + 1)).sort()).toEqual(["documents.yaml", "keys.yaml", "lists.yaml"]);
    expect(errors.find((error) => error.file.endsWith("documents.yaml"))?.message).toMatch(/documents\.yaml:\d+:1: \(file\): more than 1000 documents/);
    expect(errors.find((error) => error.file.endsWith("lists.yaml"))?.message).toMatch(/lists\.yaml:1:65: \(file\): nested deeper than 64 levels/);
    expect(errors.find((error) => error.file.endsWith("keys.yaml"))?.message).toMatch(/keys\.yaml:1003:5: \(file\): more than 1000 keys/);

    // A manifest made hostile (1,001 documents: its own and 1,000 empty ones) is refused whole, and its environment,
    // no longer named by any file that loads, is held back from deletion rather than deleted.
    const users = (await phaseOf(state, `${namespace}/beside-hostile`, "Ready")).status!.outputs!.tables.users!.name;
    write(dir, "good.yaml", `${stringify(devLikeManifest("beside-hostile", namespace, network))}${"---\n".repeat(1_000)}`);
    const held = (await eventually(async () => record(state, `${namespace}/beside-hostile`), (r) => r?.status?.conditions?.some((c) => c.reason === "DeletionRefused") === true, 20_000, "deletion refused"))!;
    expect(held.status?.message).toContain("good.yaml");
    expect(await tableExists(dynamo, users)).toBe(true);
    await controller.stop();
  }, 90_000);

  it("a refresh request resyncs at once; a file that does not parse holds back every deletion", async () => {
    const { dir, state } = folder();
    write(dir, "a.yaml", devLikeManifest("refresh-a", namespace, network));
    const calls = new AwsCallCounter();
    const controller = await start(dir, calls);
    await phaseOf(state, `${namespace}/refresh-a`, "Ready");
    await controller.controller.idle();
    const before = calls.events.length;
    expect((await gamectl(["refresh", "genv", "refresh-a", "--manifests", dir])).code).toBe(0);
    await eventually(async () => calls.events.length, (n) => n > before, 5_000, "a resync after refresh");

    write(dir, "garbage.yaml", "apiVersion: gamectl.dev/v1alpha1\nkind: [unclosed\n");
    rmSync(join(dir, "a.yaml"));
    const held = (await eventually(async () => record(state, `${namespace}/refresh-a`), (r) => r?.status?.conditions?.some((c) => c.reason === "DeletionRefused") === true, 10_000, "deletion refused"))!;
    expect(held.status?.message).toContain("garbage.yaml");
    expect(await tableExists(dynamo, held.status!.outputs!.tables.users!.name)).toBe(true);
    await controller.stop();
  }, 90_000);

  it("resyncs a steady environment without the reads AWS cannot batch; a refresh reads everything", async () => {
    const { dir, state } = folder();
    write(dir, "a.yaml", devLikeManifest("light-a", namespace, network));
    const calls = new AwsCallCounter();
    const controller = await start(dir, calls, { resyncMs: 1_000 });
    await phaseOf(state, `${namespace}/light-a`, "Ready");
    await controller.controller.idle();
    const mark = calls.events.length;
    const passesSince = (from: number) => calls.events.slice(from).filter((e) => e.operation === "GetResources").length;
    await eventually(async () => passesSince(mark), (n) => n >= 2, 15_000, "two resyncs");
    const resyncs = calls.events.slice(mark);
    // The tables' details come from the full read that found them converged: the inventory lists them unchanged (#18).
    expect(resyncs.map((e) => e.operation)).not.toContain("DescribeTable");
    expect(resyncs.map((e) => e.operation)).not.toContain("DescribeTimeToLive");
    expect(resyncs.filter((e) => e.mutating)).toEqual([]);

    await controller.controller.idle();
    const before = calls.events.length;
    expect((await gamectl(["refresh", "genv", "light-a", "--manifests", dir])).code).toBe(0);
    await eventually(async () => calls.events.slice(before).map((e) => e.operation), (ops) => ops.includes("DescribeTimeToLive"), 10_000, "a full read after refresh");
    await controller.stop();
  }, 90_000);

  it("the mass-delete brake refuses when more environments disappear at once than allowed", async () => {
    const { dir, state } = folder();
    for (const name of ["mass-a", "mass-b"]) write(dir, `${name}.yaml`, devLikeManifest(name, namespace, network, { deletionPolicy: "Delete" }));
    const calls = new AwsCallCounter();
    const controller = await start(dir, calls, { maxEnvironmentDeletions: 1 });
    await phaseOf(state, `${namespace}/mass-a`, "Ready");
    const b = await phaseOf(state, `${namespace}/mass-b`, "Ready");
    await controller.controller.idle();
    calls.reset();
    rmSync(join(dir, "mass-a.yaml"));
    rmSync(join(dir, "mass-b.yaml"));
    const refused = (await eventually(async () => record(state, `${namespace}/mass-b`), (r) => r?.status?.conditions?.some((c) => c.reason === "DeletionRefused") === true, 10_000, "deletion refused"))!;
    expect(refused.status?.message).toContain("2 environments disappeared at once");
    expect(refused.status?.message).toContain("--max-environment-deletions");
    expect(await tableExists(dynamo, b.status!.outputs!.tables.users!.name)).toBe(true);
    expect(calls.writes).toBe(0);
    // Restoring the manifests brings them back to Ready, nothing lost.
    for (const name of ["mass-a", "mass-b"]) write(dir, `${name}.yaml`, devLikeManifest(name, namespace, network, { deletionPolicy: "Delete" }));
    await eventually(async () => record(state, `${namespace}/mass-b`), (r) => r?.status?.phase === "Ready" && !r.status.conditions?.some((c) => c.reason === "DeletionRefused"), 20_000, "restored");
    await controller.stop();
  }, 90_000);

  it("--git-pull-interval pulls new manifests from the remote, and /metrics, /healthz and /readyz answer", async () => {
    const origin = folder().dir;
    const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" });
    git(origin, "init", "--quiet", "--initial-branch=main");
    write(origin, "README.yaml", "# manifests\n");
    git(origin, "add", ".");
    git(origin, "commit", "--quiet", "-m", "empty");
    const checkout = folder();
    git(checkout.dir, "clone", "--quiet", origin, ".");
    const controller = await start(checkout.dir, new AwsCallCounter(), { gitPullMs: 300, metricsAddr: "127.0.0.1:0" });
    write(origin, "pulled.yaml", devLikeManifest("pulled", namespace, network));
    git(origin, "add", ".");
    git(origin, "commit", "--quiet", "-m", "add pulled");
    await phaseOf(checkout.state, `${namespace}/pulled`, "Ready");

    const base = `http://127.0.0.1:${controller.metricsPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const family of ["gamectl_reconciles_total{result=\"converged\"}", "gamectl_reconcile_duration_seconds_bucket", "gamectl_aws_calls_total{service=\"dynamodb\",operation=\"CreateTable\",code=\"ok\"}",
      "gamectl_queue_depth", "gamectl_resources{kind=\"DynamoTable\",state=\"Ready\"} 3", "gamectl_time_to_ready_seconds_count 1", "gamectl_environments{phase=\"Ready\"} 1"]) {
      expect(metrics).toContain(family);
    }
    await controller.stop();
  }, 60_000);
});
