import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeSecurityGroupsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateClusterCommand, ECSClient } from "@aws-sdk/client-ecs";
import { CreateSecretCommand, ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";
import { leftInAws, retainedByDesign, taggedArns } from "../support/aws-inventory.ts";

const exec = promisify(execFile);
const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });

async function gamectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const t = target();
  const env = { ...process.env, AWS_ENDPOINT_URL: t.endpoint, AWS_REGION: t.region, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };
  try {
    const { stdout, stderr } = await exec("node", ["bin/gamectl.js", ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let network: TestNetwork;
let certificateArn: string;
let dir: string;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
  certificateArn = (await new ACMClient(config()).send(new RequestCertificateCommand({ DomainName: "arena.example.com" }))).CertificateArn!;
  // What prod.yaml expects to exist already: the cluster it deploys into and the topic its alarm notifies.
  await new ECSClient(config()).send(new CreateClusterCommand({ clusterName: "arena" }));
  await new SNSClient(config()).send(new CreateTopicCommand({ Name: "arena-alerts" }));
  const secrets = new SecretsManagerClient(config());
  for (const name of ["arena-dev/jwt", "arena-prod/jwt"]) await secrets.send(new CreateSecretCommand({ Name: name, SecretString: "test-jwt-secret" }));
  dir = mkdtempSync(join(tmpdir(), "gamectl-delete-"));
});

interface Example {
  metadata: { name: string; namespace?: string };
  spec: {
    network: unknown; deletionPolicy?: string;
    dynamodb: { tables: Array<{ deletionProtection?: boolean }> };
    cognito?: { userPool: { deletionProtection?: boolean } };
    loadBalancer: { deletionProtection?: boolean; listeners: Array<{ certificateArn?: string }> };
    gameServer: { secrets?: Record<string, string> };
  };
}

/**
 * The example as written, renamed per case and pointed at the test VPC. Deletion protection (prod's users table,
 * prod's load balancer, prod's user pool) is the one thing that rightly stops a delete: it is turned off in the manifest first, as
 * the plan tells a user to.
 */
async function exampleFile(example: "dev" | "prod", policy: "Retain" | "Delete"): Promise<{ file: string; env: LoadedEnvironment }> {
  const manifest = parse(readFileSync(`manifests/examples/${example}.yaml`, "utf8")) as Example;
  manifest.metadata.name = `${manifest.metadata.name}-${policy.toLowerCase()}`;
  manifest.spec.network = example === "dev" ? { ...network, privateSubnetIds: network.privateSubnetIds.slice(0, 1) } : network;
  manifest.spec.deletionPolicy = policy;
  for (const table of manifest.spec.dynamodb.tables) table.deletionProtection = false;
  manifest.spec.loadBalancer.deletionProtection = false;
  if (manifest.spec.cognito) manifest.spec.cognito.userPool.deletionProtection = false;
  for (const listener of manifest.spec.loadBalancer.listeners) if (listener.certificateArn) listener.certificateArn = certificateArn;
  const secretArns = (await new SecretsManagerClient(config()).send(new ListSecretsCommand({}))).SecretList ?? [];
  const jwt = secretArns.find((s) => s.Name === `${example === "dev" ? "arena-dev" : "arena-prod"}/jwt`)!.ARN!;
  manifest.spec.gameServer.secrets = { JWT_SECRET: jwt };
  const file = join(dir, `${example}-${policy}.yaml`);
  writeFileSync(file, stringify(manifest));
  return { file, env: loadEnvironment(manifest as unknown as Record<string, unknown>, file) };
}

describe.each([
  ["dev", "Retain"], ["dev", "Delete"], ["prod", "Retain"], ["prod", "Delete"],
] as const)("gamectl delete of manifests/examples/%s.yaml with deletionPolicy %s", (example, policy) => {
  it("applies, deletes to the end with exit 0, and leaves exactly what the policy keeps", async () => {
    const { file, env } = await exampleFile(example, policy);
    const applied = await gamectl(["apply", "-f", file, "--auto-approve", "--timeout", "3m"]);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await leftInAws(target(), env)).length).toBeGreaterThan(10);

    const deleted = await gamectl(["delete", "-f", file, "--auto-approve", "--allow-mass-delete", "--timeout", "3m"]);
    expect(deleted.code, deleted.stdout + deleted.stderr).toBe(0);

    // The end: another delete pass has nothing left to do but keep what is retained.
    const pool = testPool(target());
    const after = await pool.forEnvironment(env).reconcile(env, { mode: "delete-preview" });
    expect(after.plan.actions.filter((a) => a.type !== "retain" && a.type !== "noop").map((a) => `${a.type} ${a.name}`)).toEqual([]);

    const left = await leftInAws(target(), env);
    const tagged = await taggedArns(target(), env);
    if (policy === "Delete") {
      expect(left).toEqual([]);
      expect(tagged).toEqual([]);
    } else {
      expect(left).toEqual(retainedByDesign(env));
      expect(after.plan.actions.map((a) => a.type).every((t) => t === "retain")).toBe(true);
      // The kept Redis group has no rules left: the game server it admitted is gone.
      const redisGroup = (await new EC2Client(config()).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [env.names.securityGroupName("redis")] }] }))).SecurityGroups![0]!;
      expect([redisGroup.IpPermissions, redisGroup.IpPermissionsEgress]).toEqual([[], []]);
      // Whatever the tagging API still finds is one of the retained resources.
      const keptNames = retainedByDesign(env).map((k) => k.slice(k.indexOf(":") + 1));
      // A user pool's ARN carries its id, not its name.
      const keptPools = ((await new CognitoIdentityProviderClient(config()).send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [])
        .filter((pool) => keptNames.includes(pool.Name!)).map((pool) => `userpool/${pool.Id}`);
      for (const arn of tagged) expect(keptNames.some((name) => arn.includes(name)) || keptPools.some((pool) => arn.endsWith(pool)) || arn.includes(redisGroup.GroupId!), arn).toBe(true);
    }
  }, 300_000);
});
