import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controllerNodeOptions } from "../../bench/controller-node-options.ts";
import { imageConfig } from "../e2e/harness/dockerfile.ts";
import { awsServices } from "../../src/kinds/services.ts";
import { kube } from "../env/index.ts";
import { root, run } from "./support.ts";

/** The IAM prefix of every SDK package the controller calls through: each service's descriptor, and the change-event consumer's SQS. */
const iamPrefix: Record<string, string> = {
  ...Object.fromEntries(awsServices.map((service) => [service.sdkPackage.replace("@aws-sdk/", ""), service.iamPrefix])),
  "client-sqs": "sqs",
};
/** Batch calls IAM authorizes as the single action. */
const batchActions: Record<string, string> = { "sqs:DeleteMessageBatch": "sqs:DeleteMessage", "sqs:ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility" };
/**
 * The controller's AWS code: the drivers and what they share under src/aws, and the change-event consumer
 * with its tag lookup. `gamectl install` (install-aws.ts) runs once with an installer's credentials, not the controller's.
 */
const controllerSources = () => [...sources(join(root, "src", "aws")), ...sources(join(root, "src", "kinds")), join(root, "src", "runtime", "events", "consumer.ts"), join(root, "src", "runtime", "events", "tag-lookup.ts")];
/** Permissions AWS checks besides the called action itself. */
// iam:PassRole: RegisterTaskDefinition hands the task and execution roles to ECS.
const implied = new Set(["elasticache:CreateSnapshot", "iam:CreateServiceLinkedRole", "iam:PassRole"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** service:Action for every SDK command the controller's AWS code (src/kinds, src/aws, the event consumer) imports; STS needs no permission. */
function calledActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of controllerSources()) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z0-9-]+)"/g)) {
      const prefix = iamPrefix[match[2]!];
      if (!prefix) throw new Error(`no IAM prefix known for @aws-sdk/${match[2]}: add its src/kinds/<service>/service.ts and run npm run gen`);
      if (prefix === "sts") continue;
      // "TagResourceCommand as TagAlarmCommand": the action is the SDK's name, not the alias.
      for (const entry of match[1]!.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "")) {
        const command = /^([A-Z][A-Za-z0-9]+)Command$/.exec(entry);
        if (command) actions.add(batchActions[`${prefix}:${command[1]}`] ?? `${prefix}:${command[1]}`);
      }
    }
  }
  return actions;
}

describe("deployment", () => {
  it("the controller's IAM policy allows exactly the actions the drivers call (plus the ones AWS implies)", () => {
    const policy = JSON.parse(readFileSync(join(root, "manifests", "controller", "iam-policy.json"), "utf8")) as { Statement: Array<{ Action: string | string[] }> };
    const allowed = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    const called = calledActions();
    expect([...called].filter((a) => !allowed.has(a)).sort()).toEqual([]);
    expect([...allowed].filter((a) => !called.has(a) && !implied.has(a)).sort()).toEqual([]);
  });

  it("the Deployment runs two non-root replicas with a read-only root filesystem, probes and requests", () => {
    const text = readFileSync(join(root, "manifests", "controller", "deployment.yaml"), "utf8");
    for (const needle of ["replicas: 2", "runAsNonRoot: true", "readOnlyRootFilesystem: true", "path: /healthz", "path: /readyz", "requests:", "--leader-elect"]) expect(text).toContain(needle);
  });

  it("kubectl apply -k manifests/controller renders the CRD and every controller object (kustomize refuses files outside its root)", async () => {
    const rendered = await run("kubectl", ["kustomize", join(root, "manifests", "controller")], {});
    expect(rendered.stderr).toBe("");
    const kinds = [...rendered.stdout.matchAll(/^kind: (\w+)$/gm)].map((match) => match[1]);
    for (const kind of ["CustomResourceDefinition", "Namespace", "ServiceAccount", "ClusterRole", "Role", "RoleBinding", "Deployment"]) expect(kinds).toContain(kind);
  });

  it("the shards patch turns the Deployment into three --shards replicas with the same container, which the API server accepts", async () => {
    const env = { KUBECONFIG: kube().kubeconfig };
    const patched = await run("kubectl", ["patch", "--local", "-f", join(root, "manifests", "controller", "deployment.yaml"), "--patch-file", join(root, "manifests", "controller", "shards-patch.yaml"), "-o", "json"], env);
    expect(patched.stderr).toBe("");
    const deployment = JSON.parse(patched.stdout) as { spec: { replicas: number; template: { spec: { containers: Array<{ name: string; args: string[]; image: string; readinessProbe?: unknown }> } } } };
    expect(deployment.spec.replicas).toBe(3);
    const containers = deployment.spec.template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(["controller"]);
    expect(containers[0]!.args).toContain("--shards");
    expect(containers[0]!.args).not.toContain("--leader-elect");
    expect(containers[0]!.args.some((a) => a.startsWith("--metrics-addr="))).toBe(true);
    expect(containers[0]!.readinessProbe).toBeDefined();
    for (const file of ["namespace.yaml", "serviceaccount.yaml"]) expect((await run("kubectl", ["apply", "-f", join(root, "manifests", "controller", file)], env)).stderr).toBe("");
    const dryRun = await run("kubectl", ["apply", "--dry-run=server", "-f", "-"], env, patched.stdout);
    expect(dryRun.stderr).toBe("");
  });

  it("the image, the Deployment and the hostile-input benchmark run the controller with the same NODE_OPTIONS", () => {
    const options = controllerNodeOptions();
    // The young generation bound that keeps a hostile manifest's garbage within the memory goal (issue #13).
    expect(options.split(/\s+/)).toContain("--max-semi-space-size=2");
    expect(imageConfig(join(root, "Dockerfile"), "controller").env.NODE_OPTIONS).toBe(options);
    const bench = readFileSync(join(root, "bench", "validate.ts"), "utf8");
    expect(bench).toContain("controllerNodeOptions()");
  });

  it("the RBAC is accepted by the API server and grants what the controller needs, and no more", async () => {
    const env = { KUBECONFIG: kube().kubeconfig };
    const crd = await run("kubectl", ["apply", "--server-side", "--force-conflicts", "--field-manager=gamectl-runtime-test", "-f", join(root, "manifests", "crds", "gameenvironments.gamectl.dev.yaml")], env);
    expect(crd.code).toBe(0);
    expect((await run("kubectl", ["wait", "--for=condition=Established", "--timeout=60s", "crd/gameenvironments.gamectl.dev"], env)).code).toBe(0);
    for (const file of ["namespace.yaml", "serviceaccount.yaml", "rbac.yaml"]) {
      const applied = await run("kubectl", ["apply", "-f", join(root, "manifests", "controller", file)], env);
      expect(applied.stderr).toBe("");
    }
    const deployment = await run("kubectl", ["apply", "--dry-run=server", "-f", join(root, "manifests", "controller", "deployment.yaml")], env);
    expect(deployment.stderr).toBe("");
    const as = "--as=system:serviceaccount:gamectl-system:gamectl-controller";
    const can = async (verb: string, resource: string, namespace = "games") => {
      const [name, subresource] = resource.split("/");
      return (await run("kubectl", ["auth", "can-i", verb, name!, ...(subresource ? [`--subresource=${subresource}`] : []), "-n", namespace, as], env)).stdout.trim();
    };
    for (const [verb, resource] of [["watch", "gameenvironments.gamectl.dev"], ["patch", "gameenvironments.gamectl.dev"], ["patch", "gameenvironments.gamectl.dev/status"], ["create", "events"]]) {
      expect(`${verb} ${resource}: ${await can(verb!, resource!)}`).toBe(`${verb} ${resource}: yes`);
    }
    // ConfigMaps only where an administrator binds gamectl-outputs: never cluster-wide, never kube-system.
    const configMapVerbs = ["get", "create", "update", "delete"];
    for (const verb of configMapVerbs) expect(`${verb} configmaps in kube-system: ${await can(verb, "configmaps", "kube-system")}`).toBe(`${verb} configmaps in kube-system: no`);
    const tenant = `rbac-tenant-${process.pid}`;
    expect((await run("kubectl", ["create", "namespace", tenant], env)).code).toBe(0);
    try {
      for (const verb of configMapVerbs) expect(`${verb} configmaps before the binding: ${await can(verb, "configmaps", tenant)}`).toBe(`${verb} configmaps before the binding: no`);
      const bound = await run("kubectl", ["create", "rolebinding", "gamectl-outputs", "-n", tenant, "--clusterrole=gamectl-outputs", "--serviceaccount=gamectl-system:gamectl-controller"], env);
      expect(bound.stderr).toBe("");
      for (const verb of configMapVerbs) expect(`${verb} configmaps: ${await can(verb, "configmaps", tenant)}`).toBe(`${verb} configmaps: yes`);
      for (const verb of ["list", "watch", "patch"]) expect(`${verb} configmaps: ${await can(verb, "configmaps", tenant)}`).toBe(`${verb} configmaps: no`);
      expect(await can("get", "configmaps", "kube-system")).toBe("no");
    } finally {
      await run("kubectl", ["delete", "namespace", tenant, "--wait=false"], env);
    }
    expect(await can("update", "leases.coordination.k8s.io", "gamectl-system")).toBe("yes");
    // Shard members list each other's Leases.
    expect(await can("list", "leases.coordination.k8s.io", "gamectl-system")).toBe("yes");
    expect(await can("list", "leases.coordination.k8s.io")).toBe("no");
    for (const [verb, resource] of [["delete", "gameenvironments.gamectl.dev"], ["get", "secrets"], ["create", "pods"], ["update", "leases.coordination.k8s.io"]]) {
      expect(`${verb} ${resource}: ${await can(verb!, resource!)}`).toBe(`${verb} ${resource}: no`);
    }
  });
});
