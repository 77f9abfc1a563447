import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kube } from "../env/index.ts";
import { root, run } from "./support.ts";

const iamPrefix: Record<string, string> = {
  "client-dynamodb": "dynamodb", "client-ec2": "ec2", "client-elasticache": "elasticache", "client-iam": "iam",
  "client-secrets-manager": "secretsmanager", "client-elastic-load-balancing-v2": "elasticloadbalancing", "client-cloudwatch": "cloudwatch",
  "client-sns": "sns", "client-ecs": "ecs", "client-resource-groups-tagging-api": "tag", "client-sts": "sts", "client-cloudwatch-logs": "logs",
  "client-cognito-identity-provider": "cognito-idp",
};
/** Permissions AWS checks besides the called action itself. */
// iam:PassRole: RegisterTaskDefinition hands the task and execution roles to ECS.
const implied = new Set(["elasticache:CreateSnapshot", "iam:CreateServiceLinkedRole", "iam:PassRole"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** service:Action for every SDK command the drivers (src/kinds, and what they share under src/aws) import; STS needs no permission. */
function calledActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of [...sources(join(root, "src", "aws")), ...sources(join(root, "src", "kinds"))]) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z0-9-]+)"/g)) {
      const prefix = iamPrefix[match[2]!];
      if (!prefix) throw new Error(`no IAM prefix known for @aws-sdk/${match[2]}: add it to this test`);
      if (prefix === "sts") continue;
      // "TagResourceCommand as TagAlarmCommand": the action is the SDK's name, not the alias.
      for (const entry of match[1]!.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "")) {
        const command = /^([A-Z][A-Za-z0-9]+)Command$/.exec(entry);
        if (command) actions.add(`${prefix}:${command[1]}`);
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
    for (const [verb, resource] of [["delete", "gameenvironments.gamectl.dev"], ["get", "secrets"], ["create", "pods"], ["update", "leases.coordination.k8s.io"]]) {
      expect(`${verb} ${resource}: ${await can(verb!, resource!)}`).toBe(`${verb} ${resource}: no`);
    }
  });
});
