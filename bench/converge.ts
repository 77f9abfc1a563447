// Converges N environments from scratch against a local moto, then makes one steady-state pass,
// and prints wall time, AWS reads/writes per resource and the speed-up over sequential calls.
// Usage: node bench/converge.ts [--sizes 1,10,50] [--set core|prod] [--latency-ms 50] [--breakdown]
// It also prints the critical-path bound: the longest chain of dependent AWS calls the converge had to
// make (from its traces and the plan's DAG) times the simulated round trip, and wall time over it.
// --latency-ms delays every AWS request in moto by a fixed round trip, as a real region would;
// without it moto answers in microseconds and the run measures only its Python interpreter.
import { parseArgs } from "node:util";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ReconcilerPool } from "../src/reconcile/pool.ts";
import { desiredResources } from "../src/kinds/registries.ts";
import { dependenciesOf } from "../src/plan/plan.ts";
import { createLogger } from "../src/util/log.ts";
import { startTracing } from "../src/util/tracing.ts";
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

const nanos = (time: readonly [number, number]) => time[0] * 1e9 + time[1];

/**
 * The longest chain of calls among these that had to follow one another: a call follows another when it
 * started after that one ended. Applied within one phase or one action only, where calls are either
 * awaited in turn or sent together (under the simulated round trip, calls sent together overlap).
 */
function sequentialDepth(calls: readonly ReadableSpan[]): number {
  const sorted = [...calls].sort((a, b) => nanos(a.startTime) - nanos(b.startTime));
  const depth: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    depth[i] = 1;
    for (let j = 0; j < i; j++) if (nanos(sorted[j]!.endTime) <= nanos(sorted[i]!.startTime)) depth[i] = Math.max(depth[i]!, depth[j]! + 1);
  }
  return Math.max(0, ...depth);
}

/**
 * The critical path of a converge, in AWS calls: per environment, the sum over its passes of the
 * observation's chain plus the longest path through the plan's DAG (each action weighted by its own
 * chain of calls); environments run in parallel, so the longest environment is the bound.
 */
function criticalPathCalls(spans: readonly ReadableSpan[], envs: readonly LoadedEnvironment[]): number {
  const children = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const callsUnder = (span: ReadableSpan, stop: (s: ReadableSpan) => boolean): ReadableSpan[] => {
    const found: ReadableSpan[] = [];
    const walk = (s: ReadableSpan) => {
      for (const child of children.get(s.spanContext().spanId) ?? []) {
        if (child.attributes["rpc.system"] === "aws-api") found.push(child);
        else if (!stop(child)) walk(child);
      }
    };
    walk(span);
    return found;
  };
  const isPhase = (s: ReadableSpan) => s.name === "observe" || s.attributes["gamectl.resource"] !== undefined;
  const phasesUnder = (span: ReadableSpan): ReadableSpan[] =>
    (children.get(span.spanContext().spanId) ?? []).flatMap((child) => (isPhase(child) ? [child] : phasesUnder(child)));
  let longest = 0;
  for (const env of envs) {
    const deps = new Map(desiredResources(env).map((r) => [r.name, dependenciesOf(r)]));
    let total = 0;
    for (const root of spans.filter((s) => s.name === "reconcile" && s.attributes["gamectl.environment"] === env.key)) {
      const phases = phasesUnder(root);
      const observe = phases.filter((p) => p.name === "observe").reduce((sum, p) => sum + sequentialDepth(callsUnder(p, () => false)), 0);
      const weight = new Map(phases.filter((p) => p.name !== "observe").map((p) => [String(p.attributes["gamectl.resource"]), sequentialDepth(callsUnder(p, () => false))]));
      const memo = new Map<string, number>();
      const path = (name: string): number => {
        if (!memo.has(name)) memo.set(name, (weight.get(name) ?? 0) + Math.max(0, ...(deps.get(name) ?? []).map(path)));
        return memo.get(name)!;
      };
      // Calls made by the pass itself, outside the observation and the actions, in turn.
      const own = sequentialDepth(callsUnder(root, isPhase));
      total += observe + own + Math.max(0, ...[...weight.keys()].map(path));
    }
    longest = Math.max(longest, total);
  }
  return longest;
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
  console.log("goals: steady state 0 writes and <= 1 read per resource; from scratch >= 8x faster than sequential;");
  console.log("       from scratch wall <= 1.5x the critical-path bound at 1 environment\n");
  console.log("sequential = the sum of every call's latency, measured in a run that makes one call at a time");
  console.log("steady = the controller's periodic resync of a converged environment; full = the same pass reading everything");
  console.log("         (what plan, a refresh, a spec change and the hourly --full-resync do)");
  console.log("bound = the longest chain of dependent AWS calls of the from-scratch converge (its passes' observations");
  console.log("        plus the plan DAG's longest path, each action weighted by its own calls in turn) x the round trip\n");
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
    // Traced in memory, to find the chains of calls the converge made.
    const spans = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: "bench-converge", exporter: spans, immediate: true });
    const pool = new ReconcilerPool({ ...target, tracer: tracing.tracer }, createLogger("silent"));
    const started = performance.now();
    await Promise.all(envs.map((env) => convergeFully(pool, env, { maxPasses: 40, waitMs: 200 })));
    const wall = performance.now() - started;
    await tracing.flush();
    const chain = criticalPathCalls(spans.getFinishedSpans(), envs);
    await tracing.shutdown();
    const bound = chain * latencyMs;
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
    const ratio = bound > 0 ? wall / bound : Number.NaN;
    console.log(`      critical path: ${chain} calls x ${latencyMs} ms = ${(bound / 1000).toFixed(2)}s bound; scratch wall ${(wall / 1000).toFixed(2)}s = ${ratio.toFixed(2)}x the bound${n === 1 ? ` (goal <= 1.5x: ${ratio <= 1.5 ? "met" : "missed"})` : ""}`);
    if (values.breakdown) {
      console.log(`      steady calls: ${steadyCalls}`);
      console.log(`      full calls:   ${callsByOperation(pool.calls.events)}`);
    }
    if (fellBackToFull > 0) console.log(`      note: ${fellBackToFull} of ${n} resyncs saw a difference and read in full`);
  }
} finally {
  await moto.stop();
}
