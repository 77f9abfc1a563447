// The long-lived controller's figures, in folder mode against a local moto:
//  1. watch latency: from a spec edit (a manifest file written) to the controller's first AWS write, p50/p95 (goal p95 < 1 s);
//  2. with N environments (default 100) in steady state: AWS calls per resource per resync, and RSS per environment (goal < 200 KB).
// Usage: node --expose-gc bench/controller.ts [--environments 100] [--samples 20] [--latency-ms 20] [--kube]
// --kube also measures the watch latency through a real kube-apiserver (built by scripts/setup.sh kube).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { AwsCallCounter, type AwsCallListener } from "../src/aws/clients.ts";
import { desiredResources } from "../src/plan/families/index.ts";
import { environmentsPath, KubeClient, loadKubeConfig } from "../src/runtime/kube/client.ts";
import { runController } from "../src/runtime/run.ts";
import { createLogger } from "../src/util/log.ts";
import { setSimulatedLatency } from "../test/aws/admin.ts";
import { startKube } from "../test/env/kube.ts";
import { startMoto } from "../test/env/moto.ts";
import { coreManifest, createNetwork, loadEnvironment, type TestNetwork } from "../test/support/aws-environment.ts";

const { values } = parseArgs({
  options: { environments: { type: "string", default: "100" }, samples: { type: "string", default: "20" }, "latency-ms": { type: "string", default: "20" }, kube: { type: "boolean", default: false } },
});
const environments = Number(values.environments);
const samples = Number(values.samples);
const latencyMs = Number(values["latency-ms"]);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The same edit -> first write latency, with the object edited through a real kube-apiserver and seen by the informer. */
async function kubeLatency(network: TestNetwork): Promise<void> {
  const kube = await startKube();
  try {
    const env = { ...process.env, KUBECONFIG: kube.kubeconfig };
    execFileSync("kubectl", ["apply", "--server-side", "-f", fileURLToPath(new URL("../manifests/crds/gameenvironments.gamectl.dev.yaml", import.meta.url))], { env, stdio: "pipe" });
    execFileSync("kubectl", ["wait", "--for=condition=Established", "--timeout=60s", "crd/gameenvironments.gamectl.dev"], { env, stdio: "pipe" });
    execFileSync("kubectl", ["create", "namespace", "games"], { env, stdio: "pipe" });
    let firstWriteAt: number | undefined;
    let armedAt: number | undefined;
    const probe: AwsCallListener = (event) => {
      if (armedAt !== undefined && firstWriteAt === undefined && event.mutating) firstWriteAt = performance.now() - event.durationMs;
    };
    const running = await runController({
      kubeconfig: kube.kubeconfig, namespace: "games", log: createLogger("silent"), resyncMs: 3_600_000, transitionalMs: 500,
      aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials, listeners: [probe] },
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
    const latencies: number[] = [];
    let pitr = true;
    for (let i = 0; i < samples; i++) {
      pitr = !pitr;
      firstWriteAt = undefined;
      armedAt = performance.now();
      const edited = await client.patch<{ metadata: { generation: number } }>(environmentsPath("games", "kube-bench"), "merge", { spec: { dynamodb: { pointInTimeRecovery: pitr } } });
      await until(() => firstWriteAt !== undefined, 10_000, "the first write after a kube edit");
      latencies.push(firstWriteAt! - armedAt);
      armedAt = undefined;
      await readyAt(edited.metadata.generation);
      await running.controller.idle();
    }
    latencies.sort((a, b) => a - b);
    console.log(`\nwatch latency through kube-apiserver, kubectl-style patch -> first AWS write (${samples} edits): p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms (goal p95 < 1000 ms)`);
    await running.stop();
  } finally {
    await kube.stop();
  }
}

const moto = await startMoto();
const target = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } };
const dir = mkdtempSync(join(tmpdir(), "gamectl-bench-controller-"));
try {
  const network = await createNetwork(target);
  await setSimulatedLatency(moto.endpoint, latencyMs);
  console.log(`bench/controller: folder mode against moto on loopback, ${latencyMs} ms simulated round trip per AWS call`);

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

  calls.reset();
  const resyncStarted = performance.now();
  for (const key of keys) running.controller.enqueue(key);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await running.controller.idle();
  const resyncSeconds = (performance.now() - resyncStarted) / 1_000;
  console.log(`\n${environments} environments (${resources} resources) converged in ${convergeSeconds.toFixed(1)} s`);
  console.log(`one resync of all of them: ${resyncSeconds.toFixed(1)} s, ${calls.reads} reads and ${calls.writes} writes = ${(calls.events.length / resources).toFixed(2)} AWS calls per resource (${(calls.reads / resources).toFixed(2)} reads, ${(calls.writes / resources).toFixed(2)} writes)`);
  const byOperation = new Map<string, number>();
  for (const event of calls.events) byOperation.set(`${event.service}:${event.operation}`, (byOperation.get(`${event.service}:${event.operation}`) ?? 0) + 1);
  console.log(`  per operation: ${[...byOperation].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(", ")}`);
  // Memory: fresh controller processes on the converged environments (steady state only, no converge
  // burst in their high-water mark), one with a single environment and one with all of them.
  const single = mkdtempSync(join(tmpdir(), "gamectl-bench-single-"));
  writeFileSync(join(single, "env-0.yaml"), stringify(manifest("env-0", pitr)));
  const half = Math.max(1, Math.floor(environments / 2));
  const halfDir = mkdtempSync(join(tmpdir(), "gamectl-bench-half-"));
  writeFileSync(join(halfDir, "env-0.yaml"), stringify(manifest("env-0", pitr)));
  for (let i = 1; i < half; i++) writeFileSync(join(halfDir, `env-${i}.yaml`), stringify(manifest(`env-${i}`, true)));
  const measure = (manifests: string, count: number, env: NodeJS.ProcessEnv = {}) => {
    const stateDir = mkdtempSync(join(tmpdir(), "gamectl-bench-state-"));
    try {
      const output = execFileSync(process.execPath, ["--expose-gc", fileURLToPath(new URL("./controller-rss.ts", import.meta.url)), manifests, stateDir, moto.endpoint, String(count)], { encoding: "utf8", env: { ...process.env, ...env } });
      return JSON.parse(output.trim().split("\n").at(-1)!) as { threads: number; rss: number; rssAnon: number; rssFile: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  };
  const one = measure(single, 1);
  const all = measure(dir, environments);
  // glibc's per-thread malloc arenas hold on to freed native memory; the Deployment caps them the same way.
  const capped = { MALLOC_ARENA_MAX: "2" };
  const oneCapped = measure(single, 1, capped);
  const halfCapped = measure(halfDir, half, capped);
  const allCapped = measure(dir, environments, capped);
  rmSync(single, { recursive: true, force: true });
  rmSync(halfDir, { recursive: true, force: true });
  const added = environments - 1;
  console.log(`RSS per environment in steady state: ${((all.rss - one.rss) / added / 1024).toFixed(0)} KB (V8 heap ${((all.heapUsed - one.heapUsed) / added / 1024).toFixed(0)} KB): fresh controllers on ${environments} vs 1 converged environments, ${(one.rss / 1048576).toFixed(0)} MB vs ${(all.rss / 1048576).toFixed(0)} MB (goal < 200 KB)`);
  console.log(`  with MALLOC_ARENA_MAX=2 (as in manifests/controller/deployment.yaml): ${((allCapped.rss - oneCapped.rss) / added / 1024).toFixed(0)} KB per environment; 1, ${half} and ${environments} environments: ${[oneCapped, halfCapped, allCapped].map((m) => `${(m.rss / 1048576).toFixed(0)} MB`).join(", ")}`);
  // From N/2 to N the process-wide warm-up (JIT code, pools) is already paid: this is the marginal cost.
  console.log(`  marginal RSS per environment from ${half} to ${environments}: ${((allCapped.rss - halfCapped.rss) / (environments - half) / 1024).toFixed(0)} KB (heap ${((allCapped.heapUsed - halfCapped.heapUsed) / (environments - half) / 1024).toFixed(0)} KB)`);
  console.log(`  anonymous RSS ${(oneCapped.rssAnon / 1048576).toFixed(0)} -> ${(allCapped.rssAnon / 1048576).toFixed(0)} MB, file-backed RSS ${(oneCapped.rssFile / 1048576).toFixed(0)} -> ${(allCapped.rssFile / 1048576).toFixed(0)} MB, threads ${oneCapped.threads} -> ${allCapped.threads}`);
  console.log(`  heap total ${(one.heapTotal / 1048576).toFixed(0)} -> ${(all.heapTotal / 1048576).toFixed(0)} MB, external ${(one.external / 1048576).toFixed(1)} -> ${(all.external / 1048576).toFixed(1)} MB`);
  await running.stop();
  if (values.kube) await kubeLatency(network);
} finally {
  await moto.stop();
  rmSync(dir, { recursive: true, force: true });
}
