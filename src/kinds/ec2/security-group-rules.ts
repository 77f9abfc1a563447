import {
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, DescribePrefixListsCommand, DescribeSecurityGroupsCommand,
  RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand, type IpPermission,
} from "@aws-sdk/client-ec2";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagMap } from "../../aws/drivers/tags.ts";
import type { DesiredResource, JsonValue, ObservedResource } from "../../plan/types.ts";
import { canonicalJson, normalizeSet, ref } from "../../plan/values.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, readEverything } from "../permissions.ts";
import { describeEnvironmentGroups, groupRulesByRole, securityGroupName, securityGroupRulesName, type SecurityGroupRule } from "./security-groups.ts";
import { ec2Service } from "./service.ts";

/** Both directions of one group's rules, as sets of one rule per source. */
export type SecurityGroupRulesProperties = { groupId: string; ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] };

/** Prefix list ids to names and back: the manifest names a service's list, EC2 rules carry the region's pl- id. */
export interface PrefixLists {
  nameOf(id: string): string;
  idOf(name: string): string;
}

/** The region's AWS-managed prefix lists, read once per reconcile, and only when a rule names or carries one. */
function prefixLists(ctx: DriverContext): Promise<PrefixLists> {
  return ctx.memo("ec2:prefix-lists", async () => {
    const lists = (await ctx.aws.ec2.send(new DescribePrefixListsCommand({}))).PrefixLists ?? [];
    const names = new Map(lists.map((l) => [l.PrefixListId ?? "", l.PrefixListName ?? ""]));
    const ids = new Map(lists.map((l) => [l.PrefixListName ?? "", l.PrefixListId ?? ""]));
    return {
      nameOf: (id) => names.get(id) || id,
      idOf: (name) => {
        if (name.startsWith("pl-")) return name;
        const id = ids.get(name);
        if (!id) throw new Error(`the prefix list "${name}" does not exist in this region; check spec.vpcEndpoints.gateway and spec.region`);
        return id;
      },
    };
  });
}

const carriesPrefixList = (permissions: readonly IpPermission[] | undefined) => (permissions ?? []).some((p) => (p.PrefixListIds ?? []).length > 0);

/** Flattens EC2's grouped permissions into one rule per source, the unit compared and changed. */
export function rulesFromPermissions(permissions: readonly IpPermission[] | undefined, lists?: PrefixLists): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const p of permissions ?? []) {
    const base = { protocol: p.IpProtocol ?? "-1", fromPort: p.FromPort ?? -1, toPort: p.ToPort ?? -1 };
    const describe = (d: string | undefined) => (d ? { description: d } : {});
    for (const r of p.IpRanges ?? []) rules.push({ ...base, cidr: r.CidrIp ?? "", ...describe(r.Description) });
    for (const r of p.Ipv6Ranges ?? []) rules.push({ ...base, cidr: r.CidrIpv6 ?? "", ...describe(r.Description) });
    for (const r of p.UserIdGroupPairs ?? []) rules.push({ ...base, sourceGroup: r.GroupId ?? "", ...describe(r.Description) });
    for (const r of p.PrefixListIds ?? []) {
      const id = r.PrefixListId ?? "";
      rules.push({ ...base, prefixList: lists ? lists.nameOf(id) : id, ...describe(r.Description) });
    }
  }
  return normalizeSet(rules) as SecurityGroupRule[];
}

function permissionFor(rule: SecurityGroupRule, lists?: PrefixLists): IpPermission {
  const ports = rule.protocol === "-1" ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort };
  const description = rule.description ? { Description: rule.description } : {};
  if (rule.prefixList) return { IpProtocol: rule.protocol, ...ports, PrefixListIds: [{ PrefixListId: lists ? lists.idOf(rule.prefixList) : rule.prefixList, ...description }] };
  if (rule.sourceGroup) return { IpProtocol: rule.protocol, ...ports, UserIdGroupPairs: [{ GroupId: rule.sourceGroup, ...description }] };
  if (rule.cidr?.includes(":")) return { IpProtocol: rule.protocol, ...ports, Ipv6Ranges: [{ CidrIpv6: rule.cidr, ...description }] };
  return { IpProtocol: rule.protocol, ...ports, IpRanges: [{ CidrIp: rule.cidr, ...description }] };
}

function ruleSetDifference(from: readonly SecurityGroupRule[], minus: readonly SecurityGroupRule[]): SecurityGroupRule[] {
  const remove = new Set(minus.map((r) => canonicalJson(r)));
  return from.filter((r) => !remove.has(canonicalJson(r)));
}

/** An observed direction: the driver itself wrote it from `rulesFromPermissions`, so it is a list of rules. */
function observedRules(value: JsonValue | undefined): SecurityGroupRule[] {
  return Array.isArray(value) ? (value as SecurityGroupRule[]) : [];
}

/** A group's rules in both directions: authorized and revoked one rule at a time, never as a whole set. */
class SecurityGroupRulesDriver implements KindDriver<SecurityGroupRulesProperties> {
  readonly kind = "SecurityGroupRules";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    // The rules come from the same describe as the groups, shared within this reconcile.
    const groups = await describeEnvironmentGroups(ctx, desired);
    const lists = groups.some((g) => carriesPrefixList(g.IpPermissions) || carriesPrefixList(g.IpPermissionsEgress)) ? await prefixLists(ctx) : undefined;
    const byPhysical = new Map(desired.map((d) => [d.physicalName, d.name]));
    return groups.map((g) => {
      const tags = tagMap(g.Tags);
      const groupName = tags[componentTag];
      const name = groupName ? groupName.replace(/^sg\//, "sgrules/") : byPhysical.get(g.GroupName ?? "") ?? `sgrules/${g.GroupName}`;
      return {
        // Not the group's id: the rules are a resource of their own, and a retained Redis keeps its group, not its rules.
        kind: this.kind, name, id: `${g.GroupId ?? ""}#rules`, owned: ownedBy(tags, ctx.environment.key), state: "available",
        properties: { groupId: g.GroupId ?? "", ingress: rulesFromPermissions(g.IpPermissions, lists), egress: rulesFromPermissions(g.IpPermissionsEgress, lists) },
        attributes: { id: g.GroupId ?? "" }, tags,
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<SecurityGroupRulesProperties>): Promise<DriverResult> {
    const { groupId } = resource.properties;
    const current = await ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    const group = current.SecurityGroups?.[0];
    const lists = carriesPrefixList(group?.IpPermissions) || carriesPrefixList(group?.IpPermissionsEgress) ? await prefixLists(ctx) : undefined;
    // A new group comes with AWS's default allow-all egress: it is observed here, so update revokes it.
    const observed: ObservedResource = {
      kind: this.kind, name: resource.name, id: `${groupId}#rules`, owned: true, state: "available", attributes: { id: groupId }, tags: {},
      properties: { groupId, ingress: rulesFromPermissions(group?.IpPermissions, lists), egress: rulesFromPermissions(group?.IpPermissionsEgress, lists) },
    };
    return await this.update(ctx, resource, observed);
  }

  /** Authorizes only what is missing and revokes only what is extra, never the whole set. */
  async update(ctx: DriverContext, resource: ResolvedResourceOf<SecurityGroupRulesProperties>, observed: ObservedResource): Promise<DriverResult> {
    const { groupId } = resource.properties;
    for (const direction of ["ingress", "egress"] as const) {
      const desired = resource.properties[direction];
      const actual = observedRules(observed.properties[direction]);
      const add = ruleSetDifference(desired, actual);
      const remove = ruleSetDifference(actual, desired);
      const lists = [...add, ...remove].some((r) => r.prefixList) ? await prefixLists(ctx) : undefined;
      if (remove.length > 0) {
        const input = { GroupId: groupId, IpPermissions: remove.map((r) => permissionFor(r, lists)) };
        await ignoring(["InvalidPermission.NotFound"], () => direction === "ingress"
          ? ctx.aws.ec2.send(new RevokeSecurityGroupIngressCommand(input))
          : ctx.aws.ec2.send(new RevokeSecurityGroupEgressCommand(input)));
      }
      if (add.length > 0) {
        const input = { GroupId: groupId, IpPermissions: add.map((r) => permissionFor(r, lists)) };
        await ignoring(["InvalidPermission.Duplicate"], () => direction === "ingress"
          ? ctx.aws.ec2.send(new AuthorizeSecurityGroupIngressCommand(input))
          : ctx.aws.ec2.send(new AuthorizeSecurityGroupEgressCommand(input)));
      }
    }
    return { attributes: { id: groupId } };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    // Rules go before groups so that groups referencing each other can be deleted: an egress rule naming another
    // group blocks that group's deletion as much as an ingress rule does. Both directions are revoked, so a group
    // kept for a retained Redis is left empty, which is what counts as gone (the catalog's goneWhenEmpty).
    const groupId = typeof observed.properties.groupId === "string" ? observed.properties.groupId : "";
    const ingress = observedRules(observed.properties.ingress);
    const egress = observedRules(observed.properties.egress);
    const lists = [...ingress, ...egress].some((r) => r.prefixList) ? await prefixLists(ctx) : undefined;
    const gone = ["InvalidPermission.NotFound", "InvalidGroup.NotFound"];
    if (ingress.length > 0) {
      await ignoring(gone, () => ctx.aws.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: ingress.map((r) => permissionFor(r, lists)) })));
    }
    if (egress.length > 0) {
      await ignoring(gone, () => ctx.aws.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: egress.map((r) => permissionFor(r, lists)) })));
    }
    return {};
  }
}

async function ignoring(codes: readonly string[], call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!codes.includes(awsErrorCode(error))) throw error;
  }
}

export const securityGroupRules: ResourceKind<"SecurityGroupRules", SecurityGroupRulesProperties> = {
  name: "SecurityGroupRules",
  service: ec2Service,
  catalog: {
    title: "security group rules",
    dataHolding: false,
    tier: 1,
    fields: {
      groupId: { semantics: "replace", reason: "rules belong to one security group" },
      ingress: { semantics: "in-place", compare: "set" },
      egress: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
    // Deleting the rules revokes both directions; the group stays while a retained Redis uses it.
    goneWhenEmpty: ["ingress", "egress"],
  },
  build(env) {
    return [...groupRulesByRole(env)].map(([role, { ingress, egress }]) => {
      const rules = securityGroupRulesName(role);
      return {
        kind: "SecurityGroupRules", name: rules, component: rules, physicalName: env.names.securityGroupName(role),
        properties: { groupId: ref(securityGroupName(role), "id"), ingress, egress },
        tags: {},
      };
    });
  },
  driver: new SecurityGroupRulesDriver(),
  permissions: [
    readEverything(["ec2:DescribeSecurityGroups", "ec2:DescribePrefixLists"]),
    changeOwned(["ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"]),
  ],
};
