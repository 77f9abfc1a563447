/**
 * Container parity: every Dockerfile target, built as a directory holding only what the target
 * copies plus the production dependencies its deps stage installs, runs its ENTRYPOINT + CMD as the
 * image's non-root user and answers its health probe. The machine has no container engine; this is
 * the closest honest check that the images start the real programs with what they ship.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { prepareBackends } from "../../server/test/fixtures.ts";
import { freePort } from "../../src/util/net.ts";
import { kube } from "../env/index.ts";
import { buildImage, expectedUser, parityCacheDir, parseDockerfile, runContainer, waitForHttp, type Dockerfile, type RunningContainer } from "./image.ts";

const root = join(import.meta.dirname, "..", "..");
const dockerfile: Dockerfile = parseDockerfile(readFileSync(join(root, "Dockerfile"), "utf8"));
const log = (line: string) => process.stderr.write(`[container] ${line}\n`);

/** Each target has a check below; a new target without one fails here rather than going unchecked. */
const checked = ["server", "controller"];

describe("Dockerfile", () => {
  it("has exactly the targets this test checks, running as a numeric non-root user with the Node major the tests use", () => {
    const targets = dockerfile.targets();
    expect(targets.map((t) => t.name).sort()).toEqual([...checked].sort());
    for (const target of targets) {
      expect(target.user, `target ${target.name}: USER`).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      expect(target.entrypoint, `target ${target.name}: ENTRYPOINT`).toBeDefined();
    }
    // The image's Node must strip types the way the one running these tests does.
    expect(dockerfile.args.NODE_VERSION?.split(".")[0]).toBe(process.versions.node.split(".")[0]);
  });
});

describe("parseDockerfile", () => {
  const sample = [
    "ARG NODE_VERSION=24.0.0",
    "FROM node:${NODE_VERSION}-slim AS deps",
    "WORKDIR /app",
    "COPY package.json package-lock.json ./",
    "RUN npm ci --omit=dev \\",
    "    --ignore-scripts",
    "FROM node:${NODE_VERSION}-slim AS base",
    "ENV NODE_ENV=production \\",
    "    A=\"b c\"",
    "WORKDIR /app",
    "COPY --from=deps /app/node_modules ./node_modules",
    "USER 65532:65532",
    "FROM base AS app",
    "ENTRYPOINT [\"node\", \"app.ts\"]",
    "CMD [\"--flag\"]",
  ].join("\n");

  it("follows stages, continuations, ENV, WORKDIR, USER, COPY --from, ENTRYPOINT and CMD", () => {
    const parsed = parseDockerfile(sample);
    expect(parsed.targets().map((t) => t.name)).toEqual(["app"]);
    const app = parsed.stage("app");
    expect(app).toMatchObject({ base: "base", workdir: "/app", user: "65532:65532", env: { NODE_ENV: "production", A: "b c" }, entrypoint: ["node", "app.ts"], cmd: ["--flag"] });
    expect(parsed.stage("deps").base).toBe("node:24.0.0-slim");
    expect(parsed.stage("deps").steps[1]).toMatchObject({ kind: "run", command: "npm ci --omit=dev --ignore-scripts" });
    expect(parsed.stage("base").steps[0]).toMatchObject({ kind: "copy", from: "deps", sources: ["/app/node_modules"], dest: "./node_modules" });
  });

  it("refuses what it cannot replay faithfully, by name", () => {
    expect(() => parseDockerfile("FROM x AS a\nENTRYPOINT node server/main.ts")).toThrow(/exec \(JSON array\) form/);
    expect(() => parseDockerfile("FROM x AS a\nHEALTHCHECK CMD true")).toThrow(/HEALTHCHECK is not supported/);
    expect(() => parseDockerfile("FROM x AS a\nCOPY --chmod=700 a b")).toThrow(/--chmod is not supported/);
  });
});

describe("the server image", () => {
  let image: ReturnType<typeof buildImage> | undefined;
  let container: RunningContainer | undefined;

  afterAll(async () => {
    await container?.stop();
    image?.remove();
  });

  it("starts its entry point as the image's user, answers /health and /ready, serves the page and the SDK bundle, and stops cleanly on SIGTERM", async () => {
    const stage = dockerfile.stage("server");
    image = buildImage(dockerfile, "server", { context: root, log });
    const { env } = await prepareBackends("container");
    const port = await freePort();
    // What the task definition gives the container; PORT stands in for the host port mapping.
    container = runContainer(stage, image.rootfs, [...(stage.entrypoint ?? []), ...(stage.cmd ?? [])], {
      ...env, PORT: String(port), AWS_EC2_METADATA_DISABLED: "true", LOG_LEVEL: "warn",
    });
    const base = `http://127.0.0.1:${port}`;
    const health = await waitForHttp(container, `${base}/health`, "server image /health");
    expect(await health.json()).toEqual({ status: "ok" });
    expect(container.user()).toBe(expectedUser(stage));
    const ready = await waitForHttp(container, `${base}/ready`, "server image /ready");
    expect(await ready.json()).toMatchObject({ ready: true, redis: true, dynamodb: true });
    // server/public and @colyseus/sdk's browser bundle are read at run time: the image must carry both.
    const page = await (await fetch(`${base}/`)).text();
    expect(page).not.toContain("page missing");
    expect(page).toContain("<html");
    const sdk = await fetch(`${base}/sdk/colyseus.js`);
    expect(sdk.status).toBe(200);
    expect((await sdk.text()).length).toBeGreaterThan(10_000);
    expect(await container.stop()).toBe(0);
  }, 90_000);
});

interface DeploymentContainer {
  args?: string[];
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
}
interface Deployment {
  metadata: { namespace: string };
  spec: { template: { spec: { serviceAccountName: string; containers: DeploymentContainer[] } } };
}

function kubectl(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("kubectl", args, { env: { ...process.env, KUBECONFIG: kube().kubeconfig } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kubectl ${args.join(" ")} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe("the controller image", () => {
  let image: ReturnType<typeof buildImage> | undefined;
  let container: RunningContainer | undefined;
  let secrets: string | undefined;

  beforeAll(() => {
    secrets = mkdtempSync(join(parityCacheDir(), "pod-"));
    chmodSync(secrets, 0o755);
  });

  afterAll(async () => {
    await container?.stop();
    image?.remove();
    if (secrets) rmSync(secrets, { recursive: true, force: true });
  });

  it("runs its entry point with the Deployment's args, env and service account, and answers the Deployment's probes", async () => {
    const stage = dockerfile.stage("controller");
    const deployment = parse(readFileSync(join(root, "manifests", "controller", "deployment.yaml"), "utf8")) as Deployment;
    const pod = deployment.spec.template.spec;
    const spec = pod.containers[0]!;
    const namespace = deployment.metadata.namespace;

    // The pod's identity: the Deployment's service account with the project's RBAC, reached through a
    // kubeconfig holding that account's token (what in-cluster config gives a pod).
    for (const file of ["namespace.yaml", "serviceaccount.yaml", "rbac.yaml"]) await kubectl(["apply", "-f", join(root, "manifests", "controller", file)]);
    const token = (await kubectl(["create", "token", pod.serviceAccountName, "-n", namespace, "--duration=10m"])).trim();
    const admin = parse(readFileSync(kube().kubeconfig, "utf8")) as { clusters: Array<{ cluster: { server: string; "certificate-authority-data": string } }> };
    const cluster = admin.clusters[0]!.cluster;
    const kubeconfig = join(secrets!, "kubeconfig");
    writeFileSync(kubeconfig, [
      "apiVersion: v1", "kind: Config", "clusters:", "- name: in-cluster", "  cluster:", `    server: ${cluster.server}`, `    certificate-authority-data: ${cluster["certificate-authority-data"]}`,
      "users:", "- name: pod", "  user:", `    token: ${token}`,
      "contexts:", "- name: pod", `  context: {cluster: in-cluster, user: pod, namespace: ${namespace}}`, "current-context: pod", "",
    ].join("\n"), { mode: 0o644 });
    // Another replica holds the lease: this one is the standby, whose probes must pass too. Leading
    // would make it reconcile every GameEnvironment other tests create on the shared API server.
    const now = new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000Z"); // MicroTime
    await kubectl(["apply", "--server-side", "--force-conflicts", "--field-manager=container-test", "-f", "-"], JSON.stringify({
      apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "gamectl-controller", namespace },
      spec: { holderIdentity: "another-replica", leaseDurationSeconds: 3600, acquireTime: now, renewTime: now },
    }));

    const env: Record<string, string> = {};
    for (const entry of spec.env ?? []) {
      if (entry.value !== undefined) env[entry.name] = entry.value;
      else if (entry.valueFrom?.fieldRef?.fieldPath === "metadata.namespace") env[entry.name] = namespace;
      else throw new Error(`deployment.yaml env ${entry.name}: this test does not know how to provide it; teach test/e2e/container.test.ts`);
    }
    // Kubernetes: `command` replaces ENTRYPOINT, `args` replaces CMD.
    const entrypoint = spec.command ?? stage.entrypoint ?? [];
    const args = spec.args ?? stage.cmd ?? [];
    // The container port, mapped to a free host port as `docker run -p` would.
    const portOf = (port: string | number | undefined) => (typeof port === "number" ? port : spec.ports?.find((p) => p.name === port)?.containerPort);
    const containerPort = portOf(spec.livenessProbe?.httpGet?.port);
    expect(containerPort, "the liveness probe's port").toBeDefined();
    expect(stage.expose).toContain(containerPort);
    const hostPort = await freePort();
    const mapped = args.map((arg) => arg.replace(new RegExp(`^(--metrics-addr=.*):${containerPort}$`), `$1:${hostPort}`));
    expect(mapped, "the metrics address carries the probes' port").not.toEqual(args);

    image = buildImage(dockerfile, "controller", { context: root, log });
    container = runContainer(stage, image.rootfs, [...entrypoint, ...mapped], { ...env, KUBECONFIG: kubeconfig, AWS_EC2_METADATA_DISABLED: "true" });
    for (const probe of [spec.livenessProbe, spec.readinessProbe]) {
      expect(probe?.httpGet, "an httpGet probe").toBeDefined();
      expect(portOf(probe!.httpGet!.port)).toBe(containerPort);
      await waitForHttp(container, `http://127.0.0.1:${hostPort}${probe!.httpGet!.path}`, `controller image ${probe!.httpGet!.path}`);
    }
    expect(container.user()).toBe(expectedUser(stage));
    // Two leader-election periods: the standby has read the lease with its own token by then.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(container.running(), container.output()).toBe(true);
    expect(container.output()).not.toMatch(/"level":(40|50|60)/);
    expect(await container.stop()).toBe(0);
  }, 90_000);
});
