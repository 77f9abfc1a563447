import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { isMutatingOperation } from "../../src/aws/clients.ts";
import { desiredResources } from "../../src/kinds/registries.ts";
import { resetMoto } from "../aws/admin.ts";
import { coreManifest, createNetwork, loadEnvironment, type TestNetwork } from "../support/aws-environment.ts";
import type { AwsTestTarget } from "../env/index.ts";
import { freePort } from "../../src/util/net.ts";

export const root = join(import.meta.dirname, "..", "..");

/** A dev-like environment: security groups, three tables, the task role and a single-node Redis; data is disposable. */
export function devLikeManifest(name: string, namespace: string, network: TestNetwork, spec: Record<string, unknown> = {}): Record<string, unknown> {
  const manifest = coreManifest(name, network, {
    deletionPolicy: "Delete",
    redis: {
      engineVersion: "7.1", nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 0, multiAZ: false,
      encryption: { atRest: true, inTransit: false }, authentication: "none", snapshotRetentionDays: 0, finalSnapshot: false,
    },
    ...spec,
  });
  (manifest.metadata as { namespace: string }).namespace = namespace;
  return manifest;
}

/** manifests/examples/dev.yaml itself, renamed and pointed at the test VPC (moto knows no other IDs). */
export function devManifest(name: string, namespace: string, network: TestNetwork): Record<string, unknown> {
  const manifest = parse(readFileSync(join(root, "manifests", "examples", "dev.yaml"), "utf8")) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  manifest.metadata = { ...manifest.metadata, name, namespace };
  manifest.spec.network = {
    vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds.slice(0, 1), publicSubnetIds: network.publicSubnetIds, privateRouteTableIds: network.privateRouteTableIds,
  };
  return manifest;
}

/** The logical names of every resource the manifest asks for: what both runtimes must report Ready. */
export function expectedResources(manifest: Record<string, unknown>): string[] {
  return desiredResources(loadEnvironment(manifest)).map((r) => r.name).sort();
}

/**
 * A clean AWS account with the test VPC, and the GameEnvironment CRD installed and Established on the
 * shared kube-apiserver: what every Kubernetes-mode test starts from.
 */
export async function prepareKubeAndAws(target: AwsTestTarget, kubeconfig: string): Promise<TestNetwork> {
  await resetMoto(target.endpoint);
  const network = await createNetwork(target);
  const env = { KUBECONFIG: kubeconfig };
  const crd = await run("kubectl", ["apply", "--server-side", "--force-conflicts", "--field-manager=gamectl-runtime-test", "-f", `${root}/manifests/crds/gameenvironments.gamectl.dev.yaml`], env);
  if (crd.code !== 0) throw new Error(`could not apply the CRD: ${crd.stderr}`);
  const established = await run("kubectl", ["wait", "--for=condition=Established", "--timeout=60s", "crd/gameenvironments.gamectl.dev"], env);
  if (established.code !== 0) throw new Error(`the CRD was not Established: ${established.stderr}`);
  return network;
}

export async function eventually<T>(attempt: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await attempt();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${String(JSON.stringify(last)).slice(0, 2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    // A command that exits before reading its input closes the pipe: that is its answer, not a test error.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}

export function gamectl(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [join(root, "bin", "gamectl.js"), ...args], env);
}

export interface ControllerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  logs(): string;
  /** SIGKILL: as abrupt as a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `gamectl controller` as its own process against moto, as a deployment would. */
export async function startControllerProcess(args: string[], target: AwsTestTarget, env: NodeJS.ProcessEnv = {}): Promise<ControllerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, "bin", "gamectl.js"), "controller", "--metrics-addr", `127.0.0.1:${port}`, "--log-level", "info", ...args], {
    cwd: root,
    env: {
      ...process.env, AWS_ENDPOINT_URL: target.endpoint, AWS_ACCESS_KEY_ID: target.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
      AWS_REGION: target.region, AWS_EC2_METADATA_DISABLED: "true", ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000));
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`controller exited early (${child.exitCode}): ${output}`);
    return (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false));
  }, Boolean, 20_000, "the controller's /healthz");
  return { child, port, logs: () => output, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}

export interface CallCounts {
  readonly total: number;
  readonly writes: number;
  readonly byOperation: Record<string, number>;
}

/** AWS calls a controller made, read from its /metrics. */
export async function awsCalls(port: number): Promise<CallCounts> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return parseAwsCalls(text);
}

export function parseAwsCalls(text: string): CallCounts {
  let total = 0;
  let writes = 0;
  const byOperation: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const match = /^gamectl_aws_calls_total\{([^}]*)\} (\d+(?:\.\d+)?)/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const value = Number(match[2]);
    total += value;
    if (isMutatingOperation(labels.operation ?? "")) writes += value;
    const key = `${labels.service}:${labels.operation}`;
    byOperation[key] = (byOperation[key] ?? 0) + value;
  }
  return { total, writes, byOperation };
}

export async function metricValue(port: number, name: string): Promise<number | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text);
  return match ? Number(match[1]) : undefined;
}
