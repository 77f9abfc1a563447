// The long-lived controller's figures, in folder mode against a local moto:
//  1. watch latency: from a spec edit (a manifest file written) to the controller's first AWS write, p50/p95 (goal p95 < 1 s);
//  2. with N environments (default 100) in steady state: AWS reads per resource per resync, each environment reading
//     alone (before) and with the controller's shared observation (after), calls per second at peak against the API
//     budget, and a projection to 10,000 environments;
//  3. RSS per environment (goal < 100 KB), from fresh controller processes of their own (see below).
//  4. drift-to-repair latency: from a CloudTrail-shaped change event put on the bus (PutEvents) to the
//     controller's repairing write, p50/p95 over --samples events (goal p95 < 2 s), with the resync at 1 h
//     so that only the event can have caused the repair.
// Usage: node bench/controller.ts [--environments 100] [--samples 20] [--latency-ms 20] [--kube]
// --kube also measures the watch latency through a real kube-apiserver (built by scripts/setup.sh kube).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { defaultBudget } from "../src/aws/budget.ts";
import { AwsCallCounter, type AwsCallListener } from "../src/aws/clients.ts";
import { desiredResources } from "../src/kinds/registries.ts";
import { environmentsPath, KubeClient, loadKubeConfig } from "../src/runtime/kube/client.ts";
import { DynamoDBClient, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import { ensureInstallation } from "../src/runtime/events/install-aws.ts";
import { runController, type RunningController } from "../src/runtime/run.ts";
import { createLogger } from "../src/util/log.ts";
import { setSimulatedLatency } from "../test/aws/admin.ts";
import { startKube } from "../test/env/kube.ts";
import { startMoto } from "../test/env/moto.ts";
import { coreManifest, createNetwork, loadEnvironment, type TestNetwork } from "../test/support/aws-environment.ts";
import { eventBridge, putCloudTrailEvents } from "../test/support/change-events.ts";
import { percentile } from "./stats.ts";

const { values } = parseArgs({
  options: { environments: { type: "string", default: "100" }, samples: { type: "string", default: "20" }, "latency-ms": { type: "string", default: "20" }, kube: { type: "boolean", default: false } },
});
const environments = Number(values.environments);
const samples = Number(values.samples);
const latencyMs = Number(values["latency-ms"]);


async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Edit -> first AWS write latency. Each sample flips point-in-time recovery through `edit`, which returns how to wait
 * for that edit to be Ready; `listener` goes on the controller's AWS calls.
 */
function watchLatency() {
  let armedAt: number | undefined;
  let firstWriteAt: number | undefined;
  const listener: AwsCallListener = (event) => {
    // The listener fires when a call finishes; its start is what "first write" means here.
    if (armedAt !== undefined && firstWriteAt === undefined && event.mutating) firstWriteAt = performance.now() - event.durationMs;
  };
  const measure = async (edit: (pitr: boolean) => Promise<() => Promise<void>>, idle: () => Promise<void>): Promise<{ figures: string; pitr: boolean }> => {
    const latencies: number[] = [];
    let pitr = true;
    for (let i = 0; i < samples; i++) {
      pitr = !pitr;
      firstWriteAt = undefined;
      armedAt = performance.now();
      const ready = await edit(pitr);
      await until(() => firstWriteAt !== undefined, 10_000, "the first write after an edit");
      latencies.push(firstWriteAt! - armedAt);
      armedAt = undefined;
      await ready();
      await idle();
    }
    latencies.sort((a, b) => a - b);
    return { figures: `(${samples} edits): p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms (goal p95 < 1000 ms)`, pitr };
  };
  return { listener, measure };
}

/** The same edit -> first write latency, with the object edited through a real kube-apiserver and seen by the informer. */
async function kubeLatency(network: TestNetwork): Promise<void> {
  const kube = await startKube();
  try {
    const env = { ...process.env, KUBECONFIG: kube.kubeconfig };
    execFileSync("kubectl", ["apply", "--server-side", "-f", fileURLToPath(new URL("../manifests/crds/gameenvironments.gamectl.dev.yaml", import.meta.url))], { env, stdio: "pipe" });
    execFileSync("kubectl", ["wait", "--for=condition=Established", "--timeout=60s", "crd/gameenvironments.gamectl.dev"], { env, stdio: "pipe" });
    execFileSync("kubectl", ["create", "namespace", "games"], { env, stdio: "pipe" });
    const latency = watchLatency();
    const running = await runController({
      kubeconfig: kube.kubeconfig, namespace: "games", log: createLogger("silent"), resyncMs: 3_600_000, transitionalMs: 500,
      aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials, listeners: [latency.listener] },
    });
    const client = new KubeClient(loadKubeConfig(kube.kubeconfig));
    const manifest = coreManifest("kube-bench", network);
    await client.create(environmentsPath("games"), manifest);
    const object = () => client.get<{ metadata: { generation: number }; status?: { observedGeneration?: number; phase?: string } }>(environmentsPath("games", "kube-bench"));
    const readyAt = async (generation: number) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const current = await object();
        if (current.status?.observedGeneration === generation && current.status.phase === "Ready") return;
        if (Date.now() > deadline) throw new Error(`kube-bench generation ${generation} not Ready: ${JSON.stringify(current.status)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await readyAt(1);
    await running.controller.idle();
    const { figures } = await latency.measure(async (pitr) => {
      const edited = await client.patch<{ metadata: { generation: number } }>(environmentsPath("games", "kube-bench"), "merge", { spec: { dynamodb: { pointInTimeRecovery: pitr } } });
      return () => readyAt(edited.metadata.generation);
    }, () => running.controller.idle());
    console.log(`\nwatch latency through kube-apiserver, kubectl-style patch -> first AWS write ${figures}`);
    await running.stop();
  } finally {
    await kube.stop();
  }
}

/**
 * 4. Drift-to-repair: point-in-time recovery turned off by hand on one environment's table, then the
 * CloudTrail event of that call put on the bus; the clock runs from PutEvents' answer (the event's
 * arrival) to the end of the controller's UpdateContinuousBackups.
 */
async function driftToRepair(running: RunningController, keys: readonly string[], repairs: { at?: number }, reference: string): Promise<void> {
  const dynamo = new DynamoDBClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
  const events = eventBridge(target);
  const passes = async () => (await running.metrics.reconciles.get()).values.reduce((sum, v) => sum + v.value, 0);
  const latencies: number[] = [];
  let passCount = 0;
  // env-0's point-in-time recovery was flipped by the watch-latency edits; the others are as written.
  const drifted = keys.length > 1 ? keys.slice(1) : keys;
  try {
    for (let i = 0; i < samples; i++) {
      // The table's physical name as the controller derives it (the naming scheme adds the installation prefix and a hash).
      const table = running.folder!.get(drifted[i % drifted.length]!)!.env!.names.tableName("users");
      await dynamo.send(new UpdateContinuousBackupsCommand({ TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }));
      const before = await passes();
      repairs.at = undefined;
      await putCloudTrailEvents(events, [{ service: "dynamodb", eventName: "UpdateContinuousBackups", requestParameters: { tableName: table, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } } }]);
      const arrived = performance.now();
      await until(() => repairs.at !== undefined, 10_000, `the repair of ${table}`);
      latencies.push(repairs.at! - arrived);
      await running.controller.idle();
      passCount += (await passes()) - before;
    }
  } finally {
    dynamo.destroy();
    events.destroy();
  }
  latencies.sort((a, b) => a - b);
  console.log(`
drift-to-repair, CloudTrail event on the bus -> repairing write done (${samples} events over ${drifted.length} of ${keys.length} environments, resync 1 h: no resync in between): `
    + `p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms (goal p95 < 2000 ms); ${(passCount / samples).toFixed(1)} reconcile passes per event`);
  console.log(`  reference, same run: ${reference}`);
}

const moto = await startMoto();
const target = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } };
const dir = mkdtempSync(join(tmpdir(), "gamectl-bench-controller-"));
try {
  const network = await createNetwork(target);
  await setSimulatedLatency(moto.endpoint, latencyMs);
  console.log(`bench/controller: folder mode against moto on loopback, ${latencyMs} ms simulated round trip per AWS call`);

  const latency = watchLatency();
  const calls = new AwsCallCounter();
  let timed: ((service: string) => void) | undefined;
  const budgetOf = (service: string) => (defaultBudget as Record<string, { rate: number } | undefined>)[service]?.rate ?? "?";
  const manifest = (name: string, pitr: boolean) => {
    const m = coreManifest(name, network);
    (m.spec as { dynamodb: { pointInTimeRecovery: boolean } }).dynamodb.pointInTimeRecovery = pitr;
    return m;
  };
  const write = (name: string, pitr: boolean) => writeFileSync(join(dir, `${name}.yaml`), stringify(manifest(name, pitr)));
  write("env-0", true);
  const { queueUrl } = await ensureInstallation(target, "bench");
  const repairs: { at?: number } = {};
  const repairListener: AwsCallListener = (event) => {
    if (event.operation === "UpdateContinuousBackups" && event.outcome === "ok") repairs.at = performance.now();
  };
  const running = await runController({
    manifestsDir: dir, log: createLogger("silent"), resyncMs: 3_600_000, transitionalMs: 500, concurrency: 4,
    changeEvents: { queueUrl, resyncMs: 3_600_000 },
    aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials, listeners: [calls.listener, latency.listener, repairListener, (event) => timed?.(event.service)] },
  });
  const state = running.folder!.state;
  const phase = (key: string) => state.readAll().find((r) => r.key === key)?.status;
  await until(() => phase("games/env-0")?.phase === "Ready", 60_000, "env-0 Ready");
  await running.controller.idle();

  // 1. Watch latency.
  // The edits leave env-0 at `pitr`; the memory figures below reuse its resources as they are.
  const { figures, pitr } = await latency.measure(async (pitr) => {
    const generation = (phase("games/env-0")?.observedGeneration ?? 0) + 1;
    write("env-0", pitr);
    return () => until(() => phase("games/env-0")?.observedGeneration === generation && phase("games/env-0")?.phase === "Ready", 30_000, `generation ${generation} Ready`);
  }, () => running.controller.idle());
  console.log(`\nwatch latency, spec edit -> first AWS write ${figures}`);

  // 2. N environments in steady state.
  const keys = Array.from({ length: environments }, (_, i) => `games/env-${i}`);
  const started = performance.now();
  for (let i = 1; i < environments; i++) write(`env-${i}`, true);
  await until(() => {
    const records = new Map(state.readAll().map((r) => [r.key, r.status?.phase]));
    return keys.every((key) => records.get(key) === "Ready");
  }, 600_000, `${environments} environments Ready`);
  await running.controller.idle();
  const convergeSeconds = (performance.now() - started) / 1_000;
  const resources = keys.reduce((sum, key) => sum + desiredResources(loadEnvironment(manifest(key.split("/")[1]!, true))).length, 0);

  console.log(`\n${environments} environments (${resources} resources) converged in ${convergeSeconds.toFixed(1)} s`);
  // The periodic resync (a light look at steady environments), each environment reading alone (before: the shared
  // observation off) and sharing the controller's reads (after), then a refresh of all (a full read, as the hourly
  // --full-resync, a spec change or `gamectl refresh` make). The first resync with sharing on reads each role once
  // (full reads do not list roles), so the steady figure is the second one.
  const steady: Record<string, { reads: number; writes: number; seconds: number; peak: { service: string; perSecond: number } }> = {};
  const resyncAll = async (label: string, trigger: (key: string) => void) => {
    calls.reset();
    const callTimes: Array<{ service: string; at: number }> = [];
    timed = (service) => callTimes.push({ service, at: performance.now() });
    const resyncStarted = performance.now();
    for (const key of keys) trigger(key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.controller.idle();
    timed = undefined;
    const seconds = (performance.now() - resyncStarted) / 1_000;
    // Calls per second at peak: the busiest one-second window of any one service, against that service's budget.
    let peak = { service: "none", perSecond: 0 };
    for (const [i, call] of callTimes.entries()) {
      let inWindow = 0;
      for (let j = i; j < callTimes.length && callTimes[j]!.at - call.at < 1_000; j++) if (callTimes[j]!.service === call.service) inWindow++;
      if (inWindow > peak.perSecond) peak = { service: call.service, perSecond: inWindow };
    }
    steady[label] = { reads: calls.reads, writes: calls.writes, seconds, peak };
    const byOperation = new Map<string, number>();
    for (const event of calls.events) byOperation.set(`${event.service}:${event.operation}`, (byOperation.get(`${event.service}:${event.operation}`) ?? 0) + 1);
    console.log(`${label}: ${seconds.toFixed(1)} s, ${calls.reads} reads and ${calls.writes} writes = ${(calls.reads / resources).toFixed(3)} reads and ${(calls.writes / resources).toFixed(3)} writes per resource; peak ${peak.perSecond} ${peak.service} calls in one second (budget ${budgetOf(peak.service)}/s)`);
    console.log(`  per operation: ${[...byOperation].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(", ") || "none"}`);
  };
  running.pool.shareObservation(false);
  await resyncAll("before: one resync of all, each environment reading alone", (key) => running.controller.resyncNow(key));
  running.pool.shareObservation(true);
  await resyncAll("after: first resync of all with the shared observation", (key) => running.controller.resyncNow(key));
  await resyncAll("after: steady resync of all with the shared observation", (key) => running.controller.resyncNow(key));
  await resyncAll("one refresh (full read) of all", (key) => running.controller.enqueue(key));
  const before = steady["before: one resync of all, each environment reading alone"]!;
  const after = steady["after: steady resync of all with the shared observation"]!;
  console.log(`\nsteady reads per resource at ${environments} environments: ${(after.reads / resources).toFixed(3)} (goal <= 0.1 at 1,000 environments), writes ${after.writes} (goal exactly 0); before, in the same run: ${(before.reads / resources).toFixed(3)} reads per resource, writes ${before.writes}`);
  const perEnvironmentBefore = before.reads / environments;
  const perEnvironmentAfter = after.reads / environments;
  const resyncSeconds = 600;
  console.log(`PROJECTION to 10,000 environments (not measured), a resync every ${resyncSeconds} s: before ${(perEnvironmentBefore * 10_000 / resyncSeconds).toFixed(1)} reads/s on average (${perEnvironmentBefore.toFixed(2)} per environment); after ${(perEnvironmentAfter * 10_000 / resyncSeconds).toFixed(2)} reads/s, assuming the shared reads (paginated lists) grow in proportion to the environments: measured ${after.reads} reads for ${environments}`);
  await driftToRepair(running, keys, repairs, `watch latency, spec edit -> first AWS write ${figures}`);

  // 3. Memory per environment. Each figure comes from a fresh controller alone in its own process
  // (bench/controller-rss.ts: no moto, no bench driver, no test scaffolding in it), on environments that
  // are already converged, so it only observes. A few and all N environments, each process doing the same
  // number of reconcile passes: V8 grows its heap with the work done (young generation, JIT code, free
  // pages it keeps), so a fresh process after one pass over 1 environment is not what a long-lived
  // 1-environment controller holds, and comparing it with one after 100 passes counted that growth as
  // per-environment memory. MALLOC_ARENA_MAX=2 as in manifests/controller/deployment.yaml.
  const few = environments > 10 ? 10 : 1;
  const passes = 2 * environments;
  type Memory = { rss: number; rssAnon: number; rssFile: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  const measure = (count: number) => {
    const manifests = mkdtempSync(join(tmpdir(), "gamectl-bench-manifests-"));
    const stateDir = mkdtempSync(join(tmpdir(), "gamectl-bench-state-"));
    try {
      for (let i = 0; i < count; i++) writeFileSync(join(manifests, `env-${i}.yaml`), stringify(manifest(`env-${i}`, i === 0 ? pitr : true)));
      const output = execFileSync(process.execPath, ["--expose-gc", fileURLToPath(new URL("./controller-rss.ts", import.meta.url)), manifests, stateDir, moto.endpoint, String(count), String(passes)], {
        encoding: "utf8", env: { ...process.env, MALLOC_ARENA_MAX: "2" },
      });
      return JSON.parse(output.trim().split("\n").at(-1)!) as Memory & { threads: number; fds: number; afterWork: Memory; floor: Memory };
    } finally {
      rmSync(manifests, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    }
  };
  const small = measure(few);
  const large = measure(environments);
  const added = environments - few;
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
  const perEnv = (field: (m: Memory) => number, a: Memory = small, b: Memory = large) => `${((field(b) - field(a)) / added / 1024).toFixed(0)} KB`;
  console.log(`\nmemory: a fresh controller alone in its process on ${few} and on ${environments} converged environments, each after the same ${passes} reconcile passes (first pass, then resyncs), MALLOC_ARENA_MAX=2`);
  console.log(`RSS per environment in steady state: ${perEnv((m) => m.rss)} = (RSS with ${environments} - RSS with ${few}) / ${added}, 12 s idle after the passes (the controller has given freed heap pages back by then) and a forced GC: ${mb(large.rss)} vs ${mb(small.rss)} (goal < 100 KB)`);
  console.log(`  V8 heap in use: ${perEnv((m) => m.heapUsed)} per environment (${mb(small.heapUsed)} -> ${mb(large.heapUsed)}); anonymous RSS ${mb(small.rssAnon)} -> ${mb(large.rssAnon)}, file-backed ${mb(small.rssFile)} -> ${mb(large.rssFile)}, external ${mb(small.external)} -> ${mb(large.external)}, threads ${small.threads} -> ${large.threads}, open fds ${small.fds} -> ${large.fds}`);
  console.log(`  right after the passes, before the idle controller gives the heap pages V8 freed back (HeapReleaser): ${mb(small.afterWork.rss)} and ${mb(large.afterWork.rss)} (V8 heap total ${mb(small.afterWork.heapTotal)} and ${mb(large.afterWork.heapTotal)})`);
  console.log(`  floor after a memory-reducing GC: ${mb(small.floor.rss)} and ${mb(large.floor.rss)}, ${perEnv((m) => m.rss, small.floor, large.floor)} per environment`);
  await running.stop();
  if (values.kube) await kubeLatency(network);
} finally {
  await moto.stop();
  rmSync(dir, { recursive: true, force: true });
}
