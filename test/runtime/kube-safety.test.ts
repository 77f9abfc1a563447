import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCallCounter } from "../../src/aws/clients.ts";
import { runController, type RunningController } from "../../src/runtime/run.ts";
import type { GameEnvironment } from "../../src/spec/types.generated.ts";
import { createLogger } from "../../src/util/log.ts";
import { aws, kube } from "../env/index.ts";
import { coreManifest, tableExists, type TestNetwork } from "../support/aws-environment.ts";
import { eventually, root, run, prepareKubeAndAws } from "./support.ts";

const target = aws();
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const kubeEnv = () => ({ KUBECONFIG: kube().kubeconfig });
const dynamo = new DynamoDBClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const running: RunningController[] = [];
const namespaces: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), "gamectl-kube-safety-"));
let network: TestNetwork;

function kubectl(args: string[], input?: string) {
  return run("kubectl", args, kubeEnv(), input);
}

/** A small environment: one table and the task role, deleted with the environment. */
function manifest(name: string, namespace: string): Record<string, unknown> {
  const m = coreManifest(name, network, { deletionPolicy: "Delete", dynamodb: { tables: [{ name: "users", partitionKey: { name: "playerId", type: "S" } }] } });
  (m.metadata as { namespace: string }).namespace = namespace;
  return m;
}

async function apply(object: Record<string, unknown>): Promise<void> {
  const result = await kubectl(["apply", "-f", "-"], JSON.stringify(object));
  expect(result.stderr).toBe("");
}

async function getObject(namespace: string, name: string): Promise<GameEnvironment | undefined> {
  const result = await kubectl(["get", "genv", name, "-n", namespace, "-o", "json"]);
  return result.code === 0 ? (JSON.parse(result.stdout) as GameEnvironment) : undefined;
}

async function ready(namespace: string, name: string): Promise<GameEnvironment> {
  return (await eventually(() => getObject(namespace, name), (o) => o?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true, 60_000, `${name} Ready`))!;
}

async function events(namespace: string, reason: string): Promise<Array<{ message: string; type: string; involvedObject: { name: string } }>> {
  const result = await kubectl(["get", "events", "-n", namespace, "--field-selector", `reason=${reason}`, "-o", "json"]);
  return (JSON.parse(result.stdout) as { items: Array<{ message: string; type: string; involvedObject: { name: string } }> }).items;
}

async function namespace(prefix: string): Promise<string> {
  const name = `${prefix}-${suffix}`;
  expect((await kubectl(["create", "namespace", name])).code).toBe(0);
  namespaces.push(name);
  return name;
}

async function start(ns: string, calls: AwsCallCounter, extra: { maxEnvironmentDeletions?: number; kubeconfig?: string } = {}): Promise<RunningController> {
  const controller = await runController({
    kubeconfig: kube().kubeconfig, namespace: ns, transitionalMs: 500, log: createLogger("silent"), releaseMemory: false, metricsAddr: "127.0.0.1:0",
    aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials, listeners: [calls.listener] }, ...extra,
  });
  running.push(controller);
  return controller;
}

async function metric(controller: RunningController, name: string): Promise<number | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${controller.metricsPort}/metrics`)).text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text);
  return match ? Number(match[1]) : undefined;
}

beforeAll(async () => {
  network = await prepareKubeAndAws(target, kube().kubeconfig);
}, 120_000);

afterAll(async () => {
  for (const controller of running) await controller.stop().catch(() => undefined);
  for (const ns of namespaces) await kubectl(["delete", "namespace", ns, "--wait=false"]);
  dynamo.destroy();
  rmSync(scratch, { recursive: true, force: true });
});

describe("Kubernetes mode safety", () => {
  it("the mass-deletion brake holds when more environments are deleted at once than allowed, with an Event and a metric; fewer go through", async () => {
    const ns = await namespace("genv-brake");
    const calls = new AwsCallCounter();
    const controller = await start(ns, calls, { maxEnvironmentDeletions: 1 });
    const names = ["mass-a", "mass-b", "mass-c"];
    for (const name of names) await apply(manifest(name, ns));
    const tables: string[] = [];
    for (const name of names) tables.push((await ready(ns, name)).status!.outputs!.tables.users!.name);
    await controller.controller.idle();
    calls.reset();

    // Three at once (as deleting the namespace or the CRD does): the brake holds every one of them.
    expect((await kubectl(["delete", "genv", ...names, "-n", ns, "--wait=false"])).code).toBe(0);
    for (const name of names) {
      const held = (await eventually(() => getObject(ns, name), (o) => o?.status?.conditions?.some((c) => c.reason === "DeletionRefused") === true, 20_000, `${name} deletion refused`))!;
      expect(held.status?.message).toContain("3 environments deleted at once");
      expect(held.status?.message).toContain("--max-environment-deletions");
      expect(held.status?.message).toContain("gamectl.dev/confirm-deletion");
    }
    const warnings = await eventually(() => events(ns, "DeletionRefused"), (e) => new Set(e.map((x) => x.involvedObject.name)).size === 3, 10_000, "DeletionRefused events");
    expect(warnings.every((e) => e.type === "Warning")).toBe(true);
    expect(await metric(controller, "gamectl_environment_deletions_held")).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(calls.writes).toBe(0);
    for (const table of tables) expect(await tableExists(dynamo, table)).toBe(true);

    // Confirming two leaves one unconfirmed deletion, within the limit: all three proceed.
    for (const name of ["mass-a", "mass-b"]) expect((await kubectl(["annotate", "genv", name, "-n", ns, "gamectl.dev/confirm-deletion=true"])).code).toBe(0);
    for (const name of names) await eventually(() => getObject(ns, name), (o) => o === undefined, 60_000, `${name} gone`);
    for (const table of tables) expect(await tableExists(dynamo, table)).toBe(false);
    expect(await metric(controller, "gamectl_environment_deletions_held")).toBe(0);

    // One deletion alone, within the limit, goes through at once.
    await apply(manifest("single", ns));
    const single = (await ready(ns, "single")).status!.outputs!.tables.users!.name;
    expect((await kubectl(["delete", "genv", "single", "-n", ns, "--wait=false"])).code).toBe(0);
    await eventually(() => getObject(ns, "single"), (o) => o === undefined, 60_000, "single gone");
    expect(await tableExists(dynamo, single)).toBe(false);
  }, 240_000);

  it("a ConfigMap named like the outputs that gamectl did not create is neither overwritten nor deleted", async () => {
    const ns = await namespace("genv-cm");
    await start(ns, new AwsCallCounter());
    const foreign = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "guarded-outputs", namespace: ns, labels: { team: "other" } }, data: { keep: "me" } };
    await apply(foreign);
    await apply(manifest("guarded", ns));
    const refused = (await eventually(() => getObject(ns, "guarded"), (o) => (o?.status?.message ?? "").includes("guarded-outputs"), 60_000, "outputs conflict reported"))!;
    expect(refused.status?.message).toMatch(/not created by gamectl/);
    expect(refused.status?.message).toMatch(/rename or delete/i);
    const reported = await eventually(() => events(ns, "OutputsConflict"), (e) => e.length > 0, 10_000, "OutputsConflict event");
    expect(reported[0]!.message).toContain(`${ns}/guarded-outputs`);
    const readConfigMap = async () => JSON.parse((await kubectl(["get", "configmap", "guarded-outputs", "-n", ns, "-o", "json"])).stdout) as { data: Record<string, string>; metadata: { labels?: Record<string, string>; ownerReferences?: unknown[] } };
    const untouched = await readConfigMap();
    expect(untouched.data).toEqual({ keep: "me" });
    expect(untouched.metadata.labels).toEqual({ team: "other" });
    expect(untouched.metadata.ownerReferences).toBeUndefined();

    // Deleting the environment deletes its AWS resources but leaves the foreign ConfigMap alone.
    expect((await kubectl(["delete", "genv", "guarded", "-n", ns, "--wait=false"])).code).toBe(0);
    await eventually(() => getObject(ns, "guarded"), (o) => o === undefined, 60_000, "guarded gone");
    expect((await readConfigMap()).data).toEqual({ keep: "me" });

    // An outputs ConfigMap gamectl created is still written, and deleted with its environment.
    await apply(manifest("owned", ns));
    await ready(ns, "owned");
    const owned = await eventually(async () => kubectl(["get", "configmap", "owned-outputs", "-n", ns, "-o", "json"]), (r) => r.code === 0, 20_000, "owned-outputs");
    const ownedMap = JSON.parse(owned.stdout) as { data: Record<string, string>; metadata: { labels: Record<string, string>; ownerReferences: Array<{ kind: string; name: string }> } };
    expect(ownedMap.metadata.labels["app.kubernetes.io/managed-by"]).toBe("gamectl");
    expect(ownedMap.metadata.ownerReferences[0]).toMatchObject({ kind: "GameEnvironment", name: "owned" });
    expect(ownedMap.data["tables.users.name"]).toBeTruthy();
    expect((await kubectl(["delete", "genv", "owned", "-n", ns, "--wait=false"])).code).toBe(0);
    await eventually(() => getObject(ns, "owned"), (o) => o === undefined, 60_000, "owned gone");
    expect((await kubectl(["get", "configmap", "owned-outputs", "-n", ns])).code).not.toBe(0);
  }, 240_000);

  it("under the shipped RBAC the controller serves a namespace where gamectl-outputs is bound, and says how to bind it where it is not", async () => {
    for (const file of ["namespace.yaml", "serviceaccount.yaml", "rbac.yaml"]) {
      const applied = await kubectl(["apply", "-f", join(root, "manifests", "controller", file)]);
      expect(applied.stderr).toBe("");
    }
    // The controller runs as its ServiceAccount, with a token from the TokenRequest API.
    const token = await kubectl(["create", "token", "gamectl-controller", "-n", "gamectl-system", "--duration=1h"]);
    expect(token.stderr).toBe("");
    const admin = readFileSync(kube().kubeconfig, "utf8");
    const kubeconfig = join(scratch, "kubeconfig-sa");
    writeFileSync(kubeconfig, [
      "apiVersion: v1", "kind: Config", "clusters:", "- name: c", "  cluster:", `    server: ${/server: (\S+)/.exec(admin)![1]}`, `    certificate-authority-data: ${/certificate-authority-data: (\S+)/.exec(admin)![1]}`,
      "users:", "- name: sa", "  user:", `    token: ${token.stdout.trim()}`, "contexts:", "- name: sa", "  context: {cluster: c, user: sa}", "current-context: sa", "",
    ].join("\n"));

    const bound = await namespace("genv-bound");
    const bind = await kubectl(["create", "rolebinding", "gamectl-outputs", "-n", bound, "--clusterrole=gamectl-outputs", "--serviceaccount=gamectl-system:gamectl-controller"]);
    expect(bind.stderr).toBe("");
    await start(bound, new AwsCallCounter(), { kubeconfig });
    await apply(manifest("served", bound));
    await ready(bound, "served");
    await eventually(async () => (await kubectl(["get", "configmap", "served-outputs", "-n", bound])).code, (code) => code === 0, 20_000, "served-outputs");
    expect((await kubectl(["delete", "genv", "served", "-n", bound, "--wait=false"])).code).toBe(0);
    await eventually(() => getObject(bound, "served"), (o) => o === undefined, 60_000, "served gone");
    expect((await kubectl(["get", "configmap", "served-outputs", "-n", bound])).code).not.toBe(0);

    const unbound = await namespace("genv-unbound");
    await start(unbound, new AwsCallCounter(), { kubeconfig });
    await apply(manifest("lonely", unbound));
    const refused = (await eventually(() => getObject(unbound, "lonely"), (o) => (o?.status?.message ?? "").includes("gamectl-outputs"), 60_000, "forbidden outputs reported"))!;
    expect(refused.status?.message).toContain(`kubectl create rolebinding gamectl-outputs -n ${unbound} --clusterrole=gamectl-outputs`);
    expect((await kubectl(["delete", "genv", "lonely", "-n", unbound, "--wait=false"])).code).toBe(0);
    await eventually(() => getObject(unbound, "lonely"), (o) => o === undefined, 60_000, "lonely gone");
  }, 240_000);
});
