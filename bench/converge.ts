// Converges N environments from scratch against a local moto, then makes one steady-state pass,
// and prints wall time, AWS reads/writes per resource and the speed-up over sequential calls.
// Usage: node bench/converge.ts [--sizes 1,10,50] [--set core|prod] [--latency-ms 50] [--breakdown]
// --latency-ms delays every AWS request in moto by a fixed round trip, as a real region would;
// without it moto answers in microseconds and the run measures only its Python interpreter.
import { parseArgs } from "node:util";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { desiredResources } from "../src/plan/families/index.ts";
import type { LoadedEnvironment } from "../src/spec/load.ts";
import { resetMoto, setSimulatedLatency } from "../test/aws/admin.ts";
import { startMoto } from "../test/env/moto.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../test/support/aws-environment.ts";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "1,10,50" }, set: { type: "string", default: "core" }, "latency-ms": { type: "string", default: "50" }, breakdown: { type: "boolean", default: false } },
});
const latencyMs = Number(values["latency-ms"]);
const sizes = values.sizes.split(",").map(Number);

let certificateArn = "";

function callsByOperation(events: ReadonlyArray<{ service: string; operation: string }>): string {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(`${e.service}:${e.operation}`, (counts.get(`${e.service}:${e.operation}`) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`).join(", ");
}

/** prod.yaml's full resource set, in the bench's VPC, with a certificate moto knows and no ECS service to attach. */
function manifestFor(set: string, name: string, network: TestNetwork): Record<string, unknown> {
  if (set === "core") return coreManifest(name, network);
  type Prod = { metadata: Record<string, unknown>; spec: { gameServer: Record<string, unknown>; loadBalancer: { listeners: Array<{ certificateArn?: string }> } } & Record<string, unknown> };
  const prod = parse(readFileSync(new URL("../manifests/examples/prod.yaml", import.meta.url), "utf8")) as Prod;
  prod.metadata = { ...prod.metadata, name, namespace: "bench" };
  prod.spec.network = network;
  delete prod.spec.gameServer.ecs;
  for (const listener of prod.spec.loadBalancer.listeners) if (listener.certificateArn) listener.certificateArn = certificateArn;
  return prod;
}

const moto = await startMoto();
const target = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } };
process.env.AWS_ACCESS_KEY_ID ??= "bench";
process.env.AWS_SECRET_ACCESS_KEY ??= "bench";
/**
 * An empty account with the bench's VPC, before each measured run: moto lists and tags by scanning
 * everything it holds, so leftovers of earlier runs would slow later ones down.
 */
async function freshAccount(): Promise<TestNetwork> {
  await resetMoto(moto.endpoint);
  await setSimulatedLatency(moto.endpoint, 0);
  const network = await createNetwork(target);
  certificateArn = (await new ACMClient(target).send(new RequestCertificateCommand({ DomainName: "bench.example.com" }))).CertificateArn ?? "";
  await setSimulatedLatency(moto.endpoint, latencyMs);
  return network;
}

try {
  console.log(`bench/converge (${values.set} resource set) against moto on loopback, ${latencyMs} ms simulated round trip per AWS call`);
  console.log("goals: steady state 0 writes and <= 1 read per resource; from scratch >= 8x faster than sequential\n");
  console.log("sequential = the sum of every call's latency, measured in a run that makes one call at a time");
  console.log("steady = the controller's periodic resync of a converged environment; full = the same pass reading everything");
  console.log("         (what plan, a refresh, a spec change and the hourly --full-resync do)\n");
  console.log("envs  resources  scratch-wall  reads/res  writes/res  sequential  speed-up  | steady-wall  reads/res  writes/res  | full reads/res  writes/res");
  for (const n of sizes) {
    // The baseline: the same work, one call at a time, in its own empty account.
    const baselineNetwork = await freshAccount();
    const baselinePool = testPool(target, { maxConcurrentCalls: 1 });
    for (let i = 0; i < n; i++) {
      await convergeFully(baselinePool, loadEnvironment(manifestFor(values.set, `s${n}x${i}`, baselineNetwork)), { maxPasses: 40, concurrency: 1 });
    }
    const sequential = baselinePool.calls.events.reduce((sum, e) => sum + e.durationMs, 0);
    const network = await freshAccount();
    const envs: LoadedEnvironment[] = Array.from({ length: n }, (_, i) => loadEnvironment(manifestFor(values.set, `b${n}x${i}`, network)));
    const resources = envs.reduce((sum, env) => sum + desiredResources(env).length, 0);
    const pool = testPool(target);
    const started = performance.now();
    await Promise.all(envs.map((env) => convergeFully(pool, env, { maxPasses: 40, waitMs: 200 })));
    const wall = performance.now() - started;
    const scratch = { reads: pool.calls.reads, writes: pool.calls.writes };
    pool.calls.reset();
    const steadyStart = performance.now();
    const steadyPasses = await Promise.all(envs.map((env) => pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "resync" })));
    const steadyWall = performance.now() - steadyStart;
    const steady = { reads: pool.calls.reads, writes: pool.calls.writes };
    const steadyCalls = callsByOperation(pool.calls.events);
    const fellBackToFull = steadyPasses.filter((p) => p.observation === "full").length;
    pool.calls.reset();
    await Promise.all(envs.map((env) => pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "full" })));
    console.log([
      String(n).padStart(4), String(resources).padStart(10), `${(wall / 1000).toFixed(2)}s`.padStart(13),
      (scratch.reads / resources).toFixed(2).padStart(10), (scratch.writes / resources).toFixed(2).padStart(11),
      `${(sequential / 1000).toFixed(2)}s`.padStart(11), `${(sequential / wall).toFixed(1)}x`.padStart(9), " |",
      `${(steadyWall / 1000).toFixed(2)}s`.padStart(12), (steady.reads / resources).toFixed(2).padStart(10), (steady.writes / resources).toFixed(2).padStart(11), " |",
      (pool.calls.reads / resources).toFixed(2).padStart(15), (pool.calls.writes / resources).toFixed(2).padStart(11),
    ].join(" "));
    if (values.breakdown) {
      console.log(`      steady calls: ${steadyCalls}`);
      console.log(`      full calls:   ${callsByOperation(pool.calls.events)}`);
    }
    if (fellBackToFull > 0) console.log(`      note: ${fellBackToFull} of ${n} resyncs saw a difference and read in full`);
  }
} finally {
  await moto.stop();
}
