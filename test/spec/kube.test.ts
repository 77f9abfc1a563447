import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { GameEnvironment } from "../../src/spec/types.generated.ts";
import { kube } from "../env/index.ts";

const root = join(import.meta.dirname, "..", "..");
const crdFile = join(root, "manifests", "crds", "gameenvironments.gamectl.dev.yaml");
const namespace = `genv-spec-${process.pid}-${Date.now().toString(36)}`;
const scratch = mkdtempSync(join(tmpdir(), "gamectl-kube-spec-"));

function kubectl(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile("kubectl", args, { env: { ...process.env, KUBECONFIG: kube().kubeconfig }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

async function eventually<T>(attempt: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** An example manifest moved into this test's namespace, optionally edited. */
function example(name: "dev" | "prod", edit: (manifest: GameEnvironment) => void = () => undefined): string {
  const manifest = parse(readFileSync(join(root, "manifests", "examples", `${name}.yaml`), "utf8")) as GameEnvironment;
  manifest.metadata.namespace = namespace;
  edit(manifest);
  const file = join(scratch, `${name}-${Math.random().toString(36).slice(2)}.yaml`);
  // kubectl reads YAML 1.1, where an unquoted N is a boolean: write it the way kubectl reads it.
  writeFileSync(file, stringify(manifest, { version: "1.1" }));
  return file;
}

beforeAll(async () => {
  const applied = await kubectl(["apply", "--server-side", "--force-conflicts", "--field-manager=gamectl-spec-test", "-f", crdFile]);
  expect(applied.stderr).toBe("");
  expect(applied.code).toBe(0);
  const established = await kubectl(["wait", "--for=condition=Established", "--timeout=60s", "crd/gameenvironments.gamectl.dev"]);
  expect(established.code, `kubectl wait: ${established.stderr}`).toBe(0);
  expect((await kubectl(["create", "namespace", namespace])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await kubectl(["delete", "namespace", namespace, "--wait=false"]);
  rmSync(scratch, { recursive: true, force: true });
});

describe("the GameEnvironment CRD on a real kube-apiserver", () => {
  it("is accepted as a structural schema with no warnings", async () => {
    const crd = await kubectl(["get", "crd", "gameenvironments.gamectl.dev", "-o", "json"]);
    const status = JSON.parse(crd.stdout) as { status: { conditions: Array<{ type: string; status: string; message: string }> } };
    const conditions = Object.fromEntries(status.status.conditions.map((condition) => [condition.type, condition]));
    expect(conditions.Established?.status).toBe("True");
    expect(conditions.NonStructuralSchema).toBeUndefined();
  });

  it("accepts both examples and applies the schema's defaults", async () => {
    for (const name of ["dev", "prod"] as const) {
      const applied = await kubectl(["apply", "-f", example(name)]);
      expect(applied.stderr, name).toBe("");
      expect(applied.code, name).toBe(0);
    }
    const stored = JSON.parse((await kubectl(["get", "genv", "arena-prod", "-n", namespace, "-o", "json"])).stdout) as GameEnvironment;
    expect(stored.spec.redis?.port).toBe(6379);
    expect(stored.spec.redis?.allowReplacement).toBe(false);
    expect(stored.spec.adopt).toBe(false);
    expect(stored.spec.loadBalancer?.listeners[0]?.redirectToHttps).toBe(true);
  });

  it.each([
    ["an HTTPS listener without a certificate", (m: GameEnvironment) => { delete m.spec.loadBalancer!.listeners[1]!.certificateArn; }, "an HTTPS listener needs certificateArn"],
    ["multiAZ without replicas", (m: GameEnvironment) => { m.spec.redis!.replicasPerShard = 0; }, "multiAZ needs replicasPerShard >= 1"],
    ["Redis open to the world", (m: GameEnvironment) => { m.spec.redis!.allowedCidrs = ["0.0.0.0/0"]; }, "0.0.0.0/0 can never reach Redis or the game port"],
    ["an unknown deletion policy", (m: GameEnvironment) => { (m.spec as { deletionPolicy: string }).deletionPolicy = "Destroy"; }, 'spec.deletionPolicy: Unsupported value: "Destroy": supported values: "Retain", "Delete"'],
    ["a malformed VPC ID", (m: GameEnvironment) => { m.spec.network.vpcId = "vpc-123"; }, "spec.network.vpcId"],
    ["a name over 30 characters", (m: GameEnvironment) => { m.metadata.name = "a-name-that-is-far-too-long-for-aws"; }, "metadata.name must be at most 30 characters"],
  ] as Array<[string, (manifest: GameEnvironment) => void, string]>)("rejects %s with the schema's message", async (_label, edit, message) => {
    const rejected = await kubectl(["apply", "-f", example("prod", edit)]);
    expect(rejected.code).not.toBe(0);
    expect(rejected.stderr).toContain("is invalid");
    expect(rejected.stderr).toContain(message);
  });

  it("kubectl explain genv.spec shows the schema's descriptions", async () => {
    // The API server publishes a new CRD's OpenAPI document a little after it is established.
    const explained = await eventually(() => kubectl(["explain", "genv.spec"]), (result) => result.code === 0 && result.stdout.includes("redis"));
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain("KIND:       GameEnvironment");
    expect(explained.stdout).toContain("The desired AWS backend.");
    expect(explained.stdout).toMatch(/redis\s+<Object>/);
    expect(explained.stdout).toMatch(/network\s+<Object> -required-/);
    const redis = await kubectl(["explain", "genv.spec.redis.authentication"]);
    expect(redis.stdout).toContain("How clients authenticate.");
  });

  it("kubectl get genv shows the printer columns, filled from the status subresource", async () => {
    const resources = [{ kind: "SecurityGroup", name: "redis", state: "Ready" }, { kind: "ReplicationGroup", name: "redis", state: "Ready" }];
    const patch = { status: { phase: "Ready", resources, conditions: [{ type: "Ready", status: "True", reason: "Converged" }, { type: "Synced", status: "True", reason: "Applied" }], outputs: { tables: {}, securityGroups: {}, vpcEndpoints: {}, redis: { primaryEndpoint: "master.arena.cache.amazonaws.com", readerEndpoint: "replica.arena.cache.amazonaws.com", port: 6379, tls: true, authMode: "iam" }, loadBalancer: { dnsName: "arena-1.us-east-1.elb.amazonaws.com", arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/arena/1" } } } };
    const patched = await kubectl(["patch", "genv", "arena-prod", "-n", namespace, "--subresource=status", "--type=merge", "-p", JSON.stringify(patch)]);
    expect(patched.stderr).toBe("");
    const listed = await kubectl(["get", "genv", "-n", namespace]);
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.stdout.trim().split("\n");
    expect(header!.split(/\s+/)).toEqual(["NAME", "READY", "SYNCED", "PHASE", "REDIS", "LOAD-BALANCER", "AGE"]);
    const prod = rows.find((row) => row.startsWith("arena-prod"))!.split(/\s+/);
    expect(prod.slice(0, 6)).toEqual(["arena-prod", "True", "True", "Ready", "master.arena.cache.amazonaws.com", "arena-1.us-east-1.elb.amazonaws.com"]);
    expect(rows.some((row) => row.startsWith("arena-dev"))).toBe(true);
    const byCategory = await kubectl(["get", "games", "-n", namespace, "-o", "name"]);
    expect(byCategory.stdout).toContain("gameenvironment.gamectl.dev/arena-prod");
  });
});
