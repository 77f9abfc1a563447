import { readFileSync } from "node:fs";
import { ACMClient, RequestCertificateCommand } from "@aws-sdk/client-acm";
import {
  AuthorizeSecurityGroupEgressCommand, DescribePrefixListsCommand, DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupEgressCommand, type IpPermission,
} from "@aws-sdk/client-ec2";
import { CreateClusterCommand, ECSClient } from "@aws-sdk/client-ecs";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, createNetwork, loadEnvironment, testPool } from "../support/aws-environment.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let prod: LoadedEnvironment;
let dev: LoadedEnvironment;

type Example = { metadata: Record<string, unknown>; spec: { network: unknown; loadBalancer: { listeners: Array<{ certificateArn?: string }> } } };

beforeAll(async () => {
  await resetMoto(target().endpoint);
  const network = await createNetwork(target());
  const certificate = await new ACMClient(config()).send(new RequestCertificateCommand({ DomainName: "arena.example.com" }));
  await new ECSClient(config()).send(new CreateClusterCommand({ clusterName: "arena" }));
  const load = (file: string) => {
    const manifest = parse(readFileSync(file, "utf8")) as Example;
    manifest.spec.network = network;
    for (const listener of manifest.spec.loadBalancer.listeners) if (listener.certificateArn) listener.certificateArn = certificate.CertificateArn!;
    return loadEnvironment(manifest as unknown as Record<string, unknown>, file);
  };
  prod = load("manifests/examples/prod.yaml");
  dev = load("manifests/examples/dev.yaml");
});

/** Each group's egress as "protocol ports -> destination", destinations named by role or prefix list, so the test reads like the design. */
async function egressByRole(env: LoadedEnvironment): Promise<Record<string, string[]>> {
  const ec2 = new EC2Client(config());
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [env.key] }] }))).SecurityGroups ?? [];
  const lists = (await ec2.send(new DescribePrefixListsCommand({}))).PrefixLists ?? [];
  const roleOf = new Map(groups.map((g) => [g.GroupId!, String(g.Tags?.find((t) => t.Key === "gamectl.dev/component")?.Value)]));
  const listName = new Map(lists.map((l) => [l.PrefixListId!, l.PrefixListName!]));
  const describe = (p: IpPermission) => {
    const ports = p.IpProtocol === "-1" ? "all" : `${p.IpProtocol} ${p.FromPort}-${p.ToPort}`;
    return [
      ...(p.IpRanges ?? []).map((r) => `${ports} -> ${r.CidrIp}`),
      ...(p.Ipv6Ranges ?? []).map((r) => `${ports} -> ${r.CidrIpv6}`),
      ...(p.UserIdGroupPairs ?? []).map((r) => `${ports} -> ${roleOf.get(r.GroupId!) ?? r.GroupId}`),
      ...(p.PrefixListIds ?? []).map((r) => `${ports} -> ${listName.get(r.PrefixListId!) ?? r.PrefixListId}`),
    ];
  };
  return Object.fromEntries(groups.map((g) => [roleOf.get(g.GroupId!)!, (g.IpPermissionsEgress ?? []).flatMap(describe).sort()]));
}

function groupId(groups: Awaited<ReturnType<typeof describeGroups>>, role: string): string {
  return groups.find((g) => g.Tags?.some((t) => t.Key === "gamectl.dev/component" && t.Value === `sg/${role}`))!.GroupId!;
}

async function describeGroups(env: LoadedEnvironment) {
  return (await new EC2Client(config()).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "tag:gamectl.dev/environment", Values: [env.key] }] }))).SecurityGroups ?? [];
}

const prodEgress = {
  "sg/alb": ["tcp 2567-2567 -> sg/app"],
  "sg/app": [
    "tcp 2567-2567 -> sg/app", "tcp 443-443 -> com.amazonaws.us-east-1.dynamodb", "tcp 443-443 -> com.amazonaws.us-east-1.s3",
    "tcp 443-443 -> sg/endpoints", "tcp 6379-6379 -> sg/redis",
  ],
  "sg/endpoints": [],
  "sg/redis": [],
};

describe("least-privilege egress", () => {
  it("prod.yaml (endpoints, no internet): each group's egress is exactly what the design derives, and a second pass writes nothing", async () => {
    const pool = testPool(target());
    await convergeFully(pool, prod, { maxPasses: 40 });
    expect(await egressByRole(prod)).toEqual(prodEgress);
    pool.calls.reset();
    const steady = await pool.forEnvironment(prod).reconcile(prod, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
  }, 120_000);

  it("dev.yaml (internetEgress: true, no endpoints): the game server also reaches 443 anywhere, nothing else does", async () => {
    const pool = testPool(target());
    await convergeFully(pool, dev, { maxPasses: 40 });
    expect(await egressByRole(dev)).toEqual({
      "sg/alb": ["tcp 2567-2567 -> sg/app"],
      "sg/app": ["tcp 2567-2567 -> sg/app", "tcp 443-443 -> 0.0.0.0/0", "tcp 6379-6379 -> sg/redis"],
      "sg/redis": [],
    });
  }, 120_000);

  it("repairs egress drift: a rule added by hand is revoked, a removed one restored", async () => {
    const pool = testPool(target());
    await convergeFully(pool, prod, { maxPasses: 40 });
    const groups = await describeGroups(prod);
    const ec2 = new EC2Client(config());
    const app = groupId(groups, "app");
    await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: app, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }));
    await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId(groups, "redis"), IpPermissions: [{ IpProtocol: "tcp", FromPort: 25, ToPort: 25, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }));
    await ec2.send(new RevokeSecurityGroupEgressCommand({
      GroupId: app, IpPermissions: [{ IpProtocol: "tcp", FromPort: 6379, ToPort: 6379, UserIdGroupPairs: [{ GroupId: groupId(groups, "redis") }] }],
    }));

    const drift = await pool.forEnvironment(prod).reconcile(prod, { mode: "plan" });
    const changed = drift.plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.name}:${a.changes.map((c) => c.field).join(",")}`).sort();
    expect(changed).toEqual(["sgrules/app:egress", "sgrules/redis:egress"]);

    await convergeFully(pool, prod, { maxPasses: 10 });
    expect(await egressByRole(prod)).toEqual(prodEgress);
    const after = await pool.forEnvironment(prod).reconcile(prod, { mode: "plan" });
    expect(after.plan.actions.filter((a) => a.type !== "noop")).toEqual([]);
  }, 120_000);
});
