import { DescribeContinuousBackupsCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import { DescribeSecurityGroupsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameEnvironment } from "../../src/spec/types.generated.ts";
import { setAsyncDelays } from "../aws/admin.ts";
import { aws, kube } from "../env/index.ts";
import { loadEnvironment, tableExists, type TestNetwork } from "../support/aws-environment.ts";
import { leftInAws, retainedByDesign } from "../support/aws-inventory.ts";
import { awsCalls, devLikeManifest, devManifest, eventually, expectedResources, gamectl, metricValue, run, startControllerProcess, type ControllerProcess, prepareKubeAndAws } from "./support.ts";

const target = aws();
const namespace = `genv-ctl-${process.pid}-${Date.now().toString(36)}`;
const kubeEnv = () => ({ KUBECONFIG: kube().kubeconfig });
let network: TestNetwork;
const dynamo = new DynamoDBClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const ec2 = new EC2Client({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const controllers: ControllerProcess[] = [];

function kubectl(args: string[], input?: string) {
  return run("kubectl", args, kubeEnv(), input);
}

async function apply(manifest: Record<string, unknown>): Promise<void> {
  const result = await kubectl(["apply", "-f", "-"], JSON.stringify(manifest));
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}

async function getObject(name: string): Promise<GameEnvironment & { metadata: { generation?: number; finalizers?: string[] } } | undefined> {
  const result = await kubectl(["get", "genv", name, "-n", namespace, "-o", "json"]);
  if (result.code !== 0) return undefined;
  return JSON.parse(result.stdout) as GameEnvironment & { metadata: { generation?: number } };
}

function condition(object: GameEnvironment | undefined, type: string): string | undefined {
  return object?.status?.conditions?.find((c) => c.type === type)?.status;
}

async function readyAt(name: string, generation?: number, timeoutMs = 45_000) {
  return (await eventually(() => getObject(name), (o) => condition(o, "Ready") === "True" && (generation === undefined || o?.status?.observedGeneration === generation), timeoutMs, `${name} Ready`))!;
}

async function start(args: string[] = []): Promise<ControllerProcess> {
  const controller = await startControllerProcess(["--kubeconfig", kube().kubeconfig, "--namespace", namespace, "--requeue-transitional", "1s", ...args], target);
  controllers.push(controller);
  return controller;
}

async function pitr(table: string): Promise<string | undefined> {
  const backups = await dynamo.send(new DescribeContinuousBackupsCommand({ TableName: table }));
  return backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
}

beforeAll(async () => {
  network = await prepareKubeAndAws(target, kube().kubeconfig);
  expect((await kubectl(["create", "namespace", namespace])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const controller of controllers) await controller.kill();
  await kubectl(["delete", "namespace", namespace, "--wait=false"]);
  dynamo.destroy();
  ec2.destroy();
});

describe("gamectl controller against a real kube-apiserver", () => {
  it("converges an applied GameEnvironment, follows edits, honours the annotations and deletes through the finalizer", async () => {
    const controller = await start();
    const name = "arena";
    const manifest = devManifest(name, namespace, network);
    await apply(manifest);
    const ready = await readyAt(name, 1, 60_000);
    expect(ready.status?.phase).toBe("Ready");
    expect(ready.metadata.finalizers).toContain("gamectl.dev/finalizer");
    expect(ready.status?.resources?.map((r) => r.name).sort()).toEqual(expectedResources(manifest));
    expect(ready.status?.resources?.every((r) => r.state === "Ready")).toBe(true);
    expect(ready.status?.outputs?.loadBalancer?.dnsName).toBeTruthy();
    const users = ready.status!.outputs!.tables.users!.name;
    expect(users).toMatch(/arena.*users$/);
    expect(ready.status?.outputs?.redis?.primaryEndpoint).toBeTruthy();
    expect(ready.status?.conditions?.map((c) => c.type)).toEqual(["Ready", "Synced", "Progressing", "Degraded"]);

    const configMap = JSON.parse((await kubectl(["get", "configmap", `${name}-outputs`, "-n", namespace, "-o", "json"])).stdout) as { data: Record<string, string>; metadata: { ownerReferences: Array<{ kind: string; name: string }> } };
    expect(JSON.parse(configMap.data["outputs.json"]!)).toEqual(ready.status?.outputs);
    expect(configMap.data["tables.users.name"]).toBe(users);
    expect(configMap.metadata.ownerReferences[0]).toMatchObject({ kind: "GameEnvironment", name });

    // kubectl shows the CRD's printer columns; gamectl get shows the same ones with the same values.
    const table = await kubectl(["get", "genv", "-n", namespace]);
    const [header, row] = table.stdout.trim().split("\n");
    expect(header!.split(/\s+/)).toEqual(["NAME", "READY", "SYNCED", "PHASE", "REDIS", "LOAD-BALANCER", "AGE"]);
    const ours = await gamectl(["get", "genv", "-n", namespace], kubeEnv());
    expect(ours.code).toBe(0);
    const [ourHeader, ourRow] = ours.stdout.trim().split("\n");
    expect(ourHeader!.split(/\s+/)).toEqual(header!.split(/\s+/));
    expect(ourRow!.split(/\s+/).slice(0, -1)).toEqual(row!.split(/\s+/).slice(0, -1));
    expect(ourRow!.split(/\s+/).slice(0, 4)).toEqual([name, "True", "True", "Ready"]);
    const described = await gamectl(["describe", "genv", name, "-n", namespace], kubeEnv());
    expect(described.stdout).toContain("table/users");
    expect(described.stdout).toMatch(/Ready\s+True\s+Converged/);
    expect(described.stdout).toMatch(/Normal\s+Created/);
    expect(described.stdout).toContain("tables.users.arn:");

    // An edit: a new generation is observed and reaches AWS.
    const tables = (manifest.spec as { dynamodb: { tables: unknown[] } }).dynamodb.tables;
    tables.push({ name: "leaderboard", partitionKey: { name: "season", type: "S" } });
    await apply(manifest);
    const edited = await readyAt(name, 2);
    expect(await tableExists(dynamo, edited.status!.outputs!.tables.leaderboard!.name)).toBe(true);

    // Paused: no AWS call at all, even for a spec change.
    await kubectl(["annotate", "genv", name, "-n", namespace, "gamectl.dev/paused=true"]);
    await eventually(() => getObject(name), (o) => o?.status?.conditions?.find((c) => c.type === "Synced")?.reason === "Paused", 10_000, "Paused");
    const beforePause = await awsCalls(controller.port);
    tables.push({ name: "while-paused", partitionKey: { name: "id", type: "S" } });
    await apply({ ...manifest, metadata: { ...(manifest.metadata as object), annotations: { "gamectl.dev/paused": "true" } } });
    await kubectl(["annotate", "--overwrite", "genv", name, "-n", namespace, "gamectl.dev/refresh=paused-1"]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await awsCalls(controller.port)).total).toBe(beforePause.total);
    expect(Object.keys((await getObject(name))!.status!.outputs!.tables)).not.toContain("while-paused");
    expect((await awsCalls(controller.port)).byOperation["dynamodb:CreateTable"]).toBe(beforePause.byOperation["dynamodb:CreateTable"]);
    tables.pop();

    // Observe-only: drift is reported, nothing is written.
    await apply({ ...manifest, metadata: { ...(manifest.metadata as object), annotations: { "gamectl.dev/management-policy": "observe-only" } } });
    await readyAt(name, 4);
    await dynamo.send(new UpdateContinuousBackupsCommand({ TableName: users, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    const beforeObserve = await awsCalls(controller.port);
    await kubectl(["annotate", "--overwrite", "genv", name, "-n", namespace, "gamectl.dev/refresh=observe-1"]);
    const drifted = (await eventually(() => getObject(name), (o) => o?.status?.conditions?.find((c) => c.type === "Ready")?.reason === "DriftDetected", 10_000, "DriftDetected"))!;
    expect(drifted.status?.message).toContain("table/users");
    const afterObserve = await awsCalls(controller.port);
    expect(afterObserve.total).toBeGreaterThan(beforeObserve.total);
    expect(afterObserve.writes).toBe(beforeObserve.writes);
    expect(await pitr(users)).toBe("ENABLED");
    expect(await metricValue(controller.port, "gamectl_drift_detected_total")).toBeGreaterThanOrEqual(1);

    // Back to managed: a refresh repairs the drift at once (the resync period is 10 minutes).
    await apply(manifest);
    await readyAt(name, 4);
    await eventually(() => pitr(users), (s) => s === "DISABLED", 10_000, "PITR restored");
    await dynamo.send(new UpdateContinuousBackupsCommand({ TableName: users, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    const refreshed = await gamectl(["refresh", "genv", name, "-n", namespace], kubeEnv());
    expect(refreshed.code).toBe(0);
    await eventually(() => pitr(users), (s) => s === "DISABLED", 5_000, "PITR restored after refresh");

    // Delete: the finalizer runs the deletion policy (Delete), then the object goes away.
    expect((await kubectl(["delete", "genv", name, "-n", namespace, "--wait=false"])).code).toBe(0);
    await eventually(() => getObject(name), (o) => o === undefined, 60_000, "object gone");
    expect(await tableExists(dynamo, users)).toBe(false);
    expect((await kubectl(["get", "configmap", `${name}-outputs`, "-n", namespace])).code).not.toBe(0);
    await controller.stop();
  }, 180_000);

  it("deletes under deletionPolicy Retain with Redis to the end: the finalizer goes, kubectl delete returns, the data and what it uses stay", async () => {
    const controller = await start();
    const name = "retained";
    const manifest = devManifest(name, namespace, network);
    (manifest.spec as Record<string, unknown>).deletionPolicy = "Retain";
    await apply(manifest);
    await readyAt(name, 1, 60_000);

    // kubectl waits for the object to go, which it does only once the finalizer is removed.
    const deleted = await kubectl(["delete", "genv", name, "-n", namespace, "--timeout=60s"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(await getObject(name)).toBeUndefined();
    const env = loadEnvironment(manifest);
    expect(await leftInAws(target, env)).toEqual(retainedByDesign(env));
    await controller.stop();
  }, 120_000);

  it("a controller killed mid-converge is replaced by one that converges without duplicates", async () => {
    await setAsyncDelays(target.endpoint, { dynamodb: { creating: 2 }, elasticache: { creating: 3 } });
    try {
      const first = await start();
      const name = "crashy";
      await apply(devLikeManifest(name, namespace, network));
      await eventually(() => awsCalls(first.port), (c) => c.writes >= 3, 20_000, "first writes");
      await first.kill();
      await start();
      const ready = await readyAt(name, 1, 60_000);
      const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [`${namespace}/${name}`] }] }));
      expect(groups.SecurityGroups?.length).toBe(ready.status?.resources?.filter((r) => r.kind === "SecurityGroup").length);
      expect(groups.SecurityGroups?.length).toBe(2);
    } finally {
      await setAsyncDelays(target.endpoint, { dynamodb: { creating: 0 }, elasticache: { creating: 0 } });
      for (const controller of controllers.splice(0)) await controller.kill();
    }
  }, 120_000);

  it("with leader election only the leader calls AWS, and the other takes over when it dies", async () => {
    const args = ["--leader-elect", "--leader-elect-namespace", namespace, "--lease-duration", "6s"];
    const a = await start([...args, "--identity", "replica-a"]);
    await eventually(() => metricValue(a.port, "gamectl_leader"), (v) => v === 1, 15_000, "replica-a leads");
    const b = await start([...args, "--identity", "replica-b"]);
    const name = "elected";
    const manifest = devLikeManifest(name, namespace, network);
    await apply(manifest);
    await readyAt(name, 1);
    expect(await metricValue(b.port, "gamectl_leader")).toBe(0);
    expect((await awsCalls(b.port)).total).toBe(0);
    expect((await awsCalls(a.port)).total).toBeGreaterThan(0);

    await a.kill();
    const killedAt = Date.now();
    (manifest.spec as { dynamodb: { tables: unknown[] } }).dynamodb.tables.push({ name: "after-failover", partitionKey: { name: "id", type: "S" } });
    await apply(manifest);
    await eventually(() => metricValue(b.port, "gamectl_leader"), (v) => v === 1, 20_000, "replica-b takes over");
    expect(Date.now() - killedAt).toBeLessThan(20_000);
    const failedOver = await readyAt(name, 2);
    expect(await tableExists(dynamo, failedOver.status!.outputs!.tables["after-failover"]!.name)).toBe(true);
    await b.stop();
  }, 120_000);

  it("the API server's schema rejects an invalid object before any controller sees it", async () => {
    const manifest = devLikeManifest("broken", namespace, network, { region: "mars-1" });
    const result = await kubectl(["apply", "-f", "-"], JSON.stringify(manifest));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("spec.region");
  });
});
