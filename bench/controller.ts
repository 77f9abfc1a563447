// The long-lived controller's figures, in folder mode against a local moto:
//  1. watch latency: from a spec edit (a manifest file written) to the controller's first AWS write, p50/p95 (goal p95 < 1 s);
//  2. with N environments (default 100) in steady state: AWS calls per resource per resync, and RSS per environment (goal < 200 KB).
// Usage: node --expose-gc bench/controller.ts [--environments 100] [--samples 20] [--latency-ms 20]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { AwsCallCounter, type AwsCallListener } from "../src/aws/clients.ts";
import { desiredResources } from "../src/plan/families/index.ts";
import { runController } from "../src/runtime/run.ts";
import { createLogger } from "../src/util/log.ts";
import { setSimulatedLatency } from "../test/aws/admin.ts";
import { startMoto } from "../test/env/moto.ts";
import { coreManifest, createNetwork, loadEnvironment } from "../test/support/aws-environment.ts";

const { values } = parseArgs({ options: { environments: { type: "string", default: "100" }, samples: { type: "string", default: "20" }, "latency-ms": { type: "string", default: "20" } } });
const environments = Number(values.environments);
const samples = Number(values.samples);
const latencyMs = Number(values["latency-ms"]);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) for (let i = 0; i < 3; i++) gc();
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const moto = await startMoto();
const target = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } };
const dir = mkdtempSync(join(tmpdir(), "gamectl-bench-controller-"));
try {
  const network = await createNetwork(target);
  await setSimulatedLatency(moto.endpoint, latencyMs);
  console.log(`bench/controller: folder mode against moto on loopback, ${latencyMs} ms simulated round trip per AWS call`);
  if (!(globalThis as { gc?: unknown }).gc) console.log("(run with node --expose-gc for steadier RSS figures)");

  let firstWriteAt: number | undefined;
  let armedAt: number | undefined;
  const latencyProbe: AwsCallListener = (event) => {
    // The listener fires when a call finishes; its start is what "first write" means here.
    if (armedAt !== undefined && firstWriteAt === undefined && event.mutating) firstWriteAt = performance.now() - event.durationMs;
  };
  const calls = new AwsCallCounter();
  const manifest = (name: string, pitr: boolean) => {
    const m = coreManifest(name, network);
    (m.spec as { dynamodb: { pointInTimeRecovery: boolean } }).dynamodb.pointInTimeRecovery = pitr;
    return m;
  };
  const write = (name: string, pitr: boolean) => writeFileSync(join(dir, `${name}.yaml`), stringify(manifest(name, pitr)));
  write("env-0", true);
  const running = await runController({
    manifestsDir: dir, log: createLogger("silent"), resyncMs: 3_600_000, transitionalMs: 500, concurrency: 4,
    aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials, listeners: [calls.listener, latencyProbe] },
  });
  const state = running.folder!.state;
  const phase = (key: string) => state.readAll().find((r) => r.key === key)?.status;
  await until(() => phase("games/env-0")?.phase === "Ready", 60_000, "env-0 Ready");
  await running.controller.idle();

  // 1. Watch latency.
  const latencies: number[] = [];
  let pitr = true;
  for (let i = 0; i < samples; i++) {
    pitr = !pitr;
    const generation = (phase("games/env-0")?.observedGeneration ?? 0) + 1;
    firstWriteAt = undefined;
    armedAt = performance.now();
    write("env-0", pitr);
    await until(() => firstWriteAt !== undefined, 10_000, "the first write after an edit");
    latencies.push(firstWriteAt! - armedAt);
    armedAt = undefined;
    await until(() => phase("games/env-0")?.observedGeneration === generation && phase("games/env-0")?.phase === "Ready", 30_000, `generation ${generation} Ready`);
    await running.controller.idle();
  }
  latencies.sort((a, b) => a - b);
  console.log(`\nwatch latency, spec edit -> first AWS write (${samples} edits): p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms (goal p95 < 1000 ms)`);

  // 2. N environments in steady state.
  settle();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 1; i < environments; i++) write(`env-${i}`, true);
  const keys = Array.from({ length: environments }, (_, i) => `games/env-${i}`);
  await until(() => {
    const records = new Map(state.readAll().map((r) => [r.key, r.status?.phase]));
    return keys.every((key) => records.get(key) === "Ready");
  }, 600_000, `${environments} environments Ready`);
  await running.controller.idle();
  const convergeSeconds = (performance.now() - started) / 1_000;
  settle();
  const rssAfter = process.memoryUsage().rss;
  const heapAfter = process.memoryUsage().heapUsed;
  const resources = keys.reduce((sum, key) => sum + desiredResources(loadEnvironment(manifest(key.split("/")[1]!, true))).length, 0);

  calls.reset();
  const resyncStarted = performance.now();
  for (const key of keys) running.controller.enqueue(key);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await running.controller.idle();
  const resyncSeconds = (performance.now() - resyncStarted) / 1_000;
  console.log(`\n${environments} environments (${resources} resources) converged in ${convergeSeconds.toFixed(1)} s`);
  console.log(`one resync of all of them: ${resyncSeconds.toFixed(1)} s, ${calls.reads} reads and ${calls.writes} writes = ${(calls.events.length / resources).toFixed(2)} AWS calls per resource (${(calls.reads / resources).toFixed(2)} reads, ${(calls.writes / resources).toFixed(2)} writes)`);
  const added = environments - 1;
  console.log(`RSS per environment: ${((rssAfter - rssBefore) / added / 1024).toFixed(0)} KB (heap ${((heapAfter - heapBefore) / added / 1024).toFixed(0)} KB), measured over ${added} environments added to a running controller (goal < 200 KB)`);
  await running.stop();
} finally {
  await moto.stop();
  rmSync(dir, { recursive: true, force: true });
}
