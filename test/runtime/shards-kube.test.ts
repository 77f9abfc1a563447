import { DescribeSecurityGroupsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMutatingOperation } from "../../src/aws/clients.ts";
import { runController, type RunningController } from "../../src/runtime/run.ts";
import type { GameEnvironment } from "../../src/spec/types.generated.ts";
import { createLogger } from "../../src/util/log.ts";
import { clearRecordedRequests, recordedRequests, setSimulatedLatency } from "../aws/admin.ts";
import { aws, kube } from "../env/index.ts";
import { coreManifest, type TestNetwork } from "../support/aws-environment.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { eventually, run, prepareKubeAndAws } from "./support.ts";

const target = aws();
const suffix = `${process.pid % 10_000}${Date.now().toString(36).slice(-4)}`;
const namespace = `genv-shards-${suffix}`;
const kubeEnv = () => ({ KUBECONFIG: kube().kubeconfig });
const scratch = mkdtempSync(join(tmpdir(), "gamectl-shards-"));
const timings = { leaseDurationMs: 4_000, renewDeadlineMs: 2_500, retryPeriodMs: 500 };
const replicas = ["replica-a", "replica-b", "replica-c"] as const;
type Replica = (typeof replicas)[number];
/** Each replica signs with keys of its own, so the launcher's request log says which replica sent what. */
const accessKeyOf: Record<Replica, string> = { "replica-a": "AKIASHARDREPLICAAAAA", "replica-b": "AKIASHARDREPLICABBBB", "replica-c": "AKIASHARDREPLICACCCC" };
const environments = Array.from({ length: 6 }, (_, i) => `shard-${i}-${suffix}`);
const running: RunningController[] = [];
const proxies: TcpProxy[] = [];
let network: TestNetwork;
let blackhole: Server;
const held = new Set<Socket>();

function kubectl(args: string[], input?: string) {
  return run("kubectl", args, kubeEnv(), input);
}

function manifest(name: string, tables: string[]): Record<string, unknown> {
  const m = coreManifest(name, network, { deletionPolicy: "Delete", dynamodb: { tables: tables.map((table) => ({ name: table, partitionKey: { name: "id", type: "S" } })) } });
  (m.metadata as { namespace: string }).namespace = namespace;
  return m;
}

async function getObject(name: string): Promise<GameEnvironment | undefined> {
  const result = await kubectl(["get", "genv", name, "-n", namespace, "-o", "json"]);
  return result.code === 0 ? (JSON.parse(result.stdout) as GameEnvironment) : undefined;
}

function converged(object: GameEnvironment | undefined): boolean {
  const status = object?.status;
  return status?.observedGeneration === (object?.metadata as { generation?: number } | undefined)?.generation && status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}

async function gauge(controller: RunningController, name: string): Promise<number> {
  const metric = await controller.metrics.registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value ?? 0;
}

beforeAll(async () => {
  network = await prepareKubeAndAws(target, kube().kubeconfig);
  expect((await kubectl(["create", "namespace", namespace])).code).toBe(0);
  // Where a partitioned replica's connections go: accepted, never answered, as behind a dropped route.
  blackhole = createServer((socket) => {
    held.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => held.delete(socket));
  });
  await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
}, 120_000);

afterAll(async () => {
  await setSimulatedLatency(target.endpoint, 0);
  for (const controller of running) await controller.stop().catch(() => undefined);
  for (const proxy of proxies) await proxy.close();
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => blackhole.close(() => resolve()));
  await kubectl(["delete", "namespace", namespace, "--wait=false"]);
  rmSync(scratch, { recursive: true, force: true });
});

describe("sharded controllers on Kubernetes", () => {
  it("three replicas split the environments; a partitioned one stops before the others take its environments over, and all stay converged", async () => {
    const apiserver = new URL(readFileSync(kube().kubeconfig, "utf8").match(/server: (\S+)/)![1]!);
    const partitioned = new Set<Replica>();
    const lost: Partial<Record<Replica, number>> = {};
    const statusWrites: Array<{ replica: Replica; key: string; at: number }> = [];
    const writesSent: Array<{ replica: Replica; at: number }> = [];
    const controllers = {} as Record<Replica, RunningController>;
    const blackholePort = (blackhole.address() as { port: number }).port;
    for (const replica of replicas) {
      const proxy = await startTcpProxy(() => ({ host: "127.0.0.1", port: partitioned.has(replica) ? blackholePort : Number(apiserver.port) }), replica);
      proxies.push(proxy);
      const kubeconfig = join(scratch, `kubeconfig-${replica}`);
      writeFileSync(kubeconfig, readFileSync(kube().kubeconfig, "utf8").replace(/server: \S+/, `server: https://127.0.0.1:${proxy.port}`));
      const controller = await runController({
        kubeconfig, namespace, shards: true, leaseNamespace: namespace, identity: replica, ...timings,
        transitionalMs: 500, log: createLogger(process.env.SHARDS_TEST_LOG ?? "silent").child({ replica }), releaseMemory: false,
        aws: { region: target.region, endpoint: target.endpoint, credentials: { accessKeyId: accessKeyOf[replica], secretAccessKey: "testing" } },
        gate: (call) => void (call.mutating && writesSent.push({ replica, at: Date.now() })),
        sourceWriteGate: (write) => void (write.kind === "status" && statusWrites.push({ replica, key: write.key, at: Date.now() })),
        onLeadershipLost: () => (lost[replica] = Date.now()),
      });
      running.push(controller);
      controllers[replica] = controller;
    }
    for (const name of environments) expect((await kubectl(["apply", "-f", "-"], JSON.stringify(manifest(name, ["users"])))).code).toBe(0);
    for (const name of environments) await eventually(() => getObject(name), converged, 60_000, `${name} converged`);

    // Every replica sees all three, and each environment has exactly one owner.
    const owned = async () => Object.fromEntries(await Promise.all(replicas.map(async (r) => [r, await gauge(controllers[r], "gamectl_shard_environments")] as const))) as Record<Replica, number>;
    for (const replica of replicas) expect(await gauge(controllers[replica], "gamectl_shard_members")).toBe(3);
    const before = await owned();
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(environments.length);
    const ownersBefore = new Map(environments.map((name) => [name, replicas.find((r) => controllers[r].shards!.owns(`${namespace}/${name}`))]));
    expect([...ownersBefore.values()].every(Boolean)).toBe(true);
    const victim: Replica = replicas.find((r) => before[r] > 0 && [...ownersBefore.values()].filter((o) => o === r).length > 0)!;

    // A slow AWS keeps every replica in the middle of a change when the victim is cut off from the API server.
    await clearRecordedRequests(target.endpoint);
    await setSimulatedLatency(target.endpoint, 1_500);
    const changedAt = Date.now();
    // Ten new tables each: with four DynamoDB calls at a time per reconcile, the victim's pass outlasts its renew deadline.
    const tables = ["users", ...Array.from({ length: 10 }, (_, i) => `extra-${i}`)];
    for (const name of environments) expect((await kubectl(["apply", "-f", "-"], JSON.stringify(manifest(name, tables)))).code).toBe(0);
    await eventually(async () => writesSent.filter((w) => w.replica === victim && w.at >= changedAt).length, (n) => n >= 1, 30_000, `${victim} writes the change`);
    partitioned.add(victim);
    proxies[replicas.indexOf(victim)]!.drop();
    const partitionedAt = Date.now();

    const survivors = replicas.filter((r) => r !== victim);
    let takenOverAt = 0;
    await eventually(async () => {
      const now = await owned();
      if (!takenOverAt && survivors.reduce((sum, r) => sum + now[r], 0) === environments.length) takenOverAt = Date.now();
      return takenOverAt;
    }, (t) => t > 0, 30_000, "the survivors own every environment");
    for (const name of environments) await eventually(() => getObject(name), (o) => converged(o) && o?.status?.outputs?.tables["extra-9"] !== undefined, 90_000, `${name} converged after the partition`);
    await setSimulatedLatency(target.endpoint, 0);

    // The victim noticed it could not renew, before anyone took its environments.
    expect(lost[victim], `${victim} never gave up its shard lease`).toBeDefined();
    expect(lost[victim]!).toBeLessThan(takenOverAt);
    expect(controllers[victim].shards!.active).toBe(false);
    // Taken over within a lease duration of its last renewal, plus the survivors' listing period.
    expect(takenOverAt - partitionedAt).toBeLessThanOrEqual(timings.leaseDurationMs + 3 * timings.retryPeriodMs);
    for (const replica of survivors) expect(await gauge(controllers[replica], "gamectl_shard_members")).toBe(2);

    // From the launcher's request log: each environment's AWS writes, by the replica whose keys signed them.
    const ec2 = new EC2Client({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    ec2.destroy();
    const replicaOfKey = new Map(replicas.map((r) => [accessKeyOf[r], r]));
    const environmentOf = (text: string) => environments.find((name) => text.includes(name))
      ?? environments.find((name) => groups.some((g) => g.GroupId && text.includes(g.GroupId) && JSON.stringify(g).includes(name)));
    const writes: Array<{ replica: Replica; environment: string; at: number; what: string }> = [];
    const unattributed: string[] = [];
    for (const request of await recordedRequests(target.endpoint)) {
      if (!isMutatingOperation(request.operation)) continue;
      const replica = replicaOfKey.get(request.accessKeyId ?? "");
      const environment = environmentOf(JSON.stringify(request.params));
      if (!replica || !environment) unattributed.push(`${request.accessKeyId} ${request.service}:${request.operation} ${JSON.stringify(request.params).slice(0, 200)}`);
      else writes.push({ replica, environment, at: request.time * 1_000, what: `${request.service}:${request.operation}` });
    }
    expect(unattributed).toEqual([]);
    expect(writes.filter((w) => w.replica === victim).length, `${victim} wrote before the partition`).toBeGreaterThan(0);
    expect(writes.filter((w) => ownersBefore.get(w.environment) === victim && w.replica !== victim).length, "survivors wrote the victim's environments").toBeGreaterThan(0);
    // ...and the status writes each replica let through.
    for (const write of statusWrites) if (write.at >= changedAt) writes.push({ replica: write.replica, environment: write.key.split("/")[1]!, at: write.at, what: "status" });

    // Per environment, the writers follow one another: once another replica has written, the earlier one never writes again.
    for (const name of environments) {
      const sequence = writes.filter((w) => w.environment === name).sort((a, b) => a.at - b.at);
      const runs: Array<{ replica: Replica; first: number; last: number }> = [];
      for (const w of sequence) {
        const current = runs.at(-1);
        if (current?.replica === w.replica) current.last = w.at;
        else runs.push({ replica: w.replica, first: w.at, last: w.at });
      }
      expect(new Set(runs.map((r) => r.replica)).size, `${name}: ${JSON.stringify(runs)}`).toBe(runs.length);
      if (ownersBefore.get(name) === victim) {
        // The victim may not have reached this one before the partition; if it did, it wrote first and stopped before losing its Lease.
        expect(runs.at(-1)?.replica, `${name} moved to a survivor: ${JSON.stringify(runs)}`).not.toBe(victim);
        const byVictim = runs.filter((r) => r.replica === victim);
        expect(runs.length, JSON.stringify(runs)).toBe(1 + byVictim.length);
        for (const r of byVictim) expect(r.last, `${name}: ${victim} wrote after it lost its Lease`).toBeLessThanOrEqual(lost[victim]!);
      } else {
        expect(runs.map((r) => r.replica), name).toEqual([ownersBefore.get(name)]);
      }
    }
  }, 240_000);
});
