import {
  AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateTagsCommand,
  DeleteSecurityGroupCommand, DescribePrefixListsCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand,
  type Filter, type IpPermission, type SecurityGroup,
} from "@aws-sdk/client-ec2";
import type { DesiredResource, JsonValue, ObservedResource } from "../../plan/types.ts";
import { canonicalJson, normalizeSet } from "../../plan/values.ts";
import { awsErrorCode } from "../clients.ts";
import type { DriverContext, ResolvedResource, ResourceDriver } from "../driver.ts";
import { byEnvironment } from "../shared-observation.ts";
import { componentTag, environmentTag, managedByTag, ownedBy, tagList, tagMap } from "./tags.ts";

interface Rule {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr?: string;
  sourceGroup?: string;
  /** An AWS-managed prefix list by name (com.amazonaws.<region>.<service>); an id when it has no such name. */
  prefixList?: string;
  description?: string;
}

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
export function rulesFromPermissions(permissions: readonly IpPermission[] | undefined, lists?: PrefixLists): Rule[] {
  const rules: Rule[] = [];
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
  return normalizeSet(rules as unknown as JsonValue[]) as unknown as Rule[];
}

function permissionFor(rule: Rule, lists?: PrefixLists): IpPermission {
  const ports = rule.protocol === "-1" ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort };
  const description = rule.description ? { Description: rule.description } : {};
  if (rule.prefixList) return { IpProtocol: rule.protocol, ...ports, PrefixListIds: [{ PrefixListId: lists ? lists.idOf(rule.prefixList) : rule.prefixList, ...description }] };
  if (rule.sourceGroup) return { IpProtocol: rule.protocol, ...ports, UserIdGroupPairs: [{ GroupId: rule.sourceGroup, ...description }] };
  if (rule.cidr?.includes(":")) return { IpProtocol: rule.protocol, ...ports, Ipv6Ranges: [{ CidrIpv6: rule.cidr, ...description }] };
  return { IpProtocol: rule.protocol, ...ports, IpRanges: [{ CidrIp: rule.cidr, ...description }] };
}

function ruleSetDifference(from: readonly Rule[], minus: readonly Rule[]): Rule[] {
  const remove = new Set(minus.map((r) => canonicalJson(r as unknown as JsonValue)));
  return from.filter((r) => !remove.has(canonicalJson(r as unknown as JsonValue)));
}

function asRules(value: JsonValue | undefined): Rule[] {
  return Array.isArray(value) ? (value as unknown as Rule[]) : [];
}

/** Security groups and their rules: two kinds, so rules that reference other groups come after every group exists. */
export class SecurityGroupDriver implements ResourceDriver {
  readonly kind = "SecurityGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const groups = await describeEnvironmentGroups(ctx, desired);
    const byPhysical = new Map(desired.map((d) => [d.physicalName, d.name]));
    return groups.map((g) => {
      const tags = tagMap(g.Tags);
      const name = tags[componentTag] ?? byPhysical.get(g.GroupName ?? "") ?? `sg/${g.GroupName}`;
      return {
        kind: this.kind, name, id: g.GroupId ?? "", owned: ownedBy(tags, ctx.environment.key), state: "available",
        properties: { vpcId: g.VpcId ?? "", description: g.Description ?? "" }, attributes: { id: g.GroupId ?? "" }, tags,
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResource) {
    try {
      const created = await ctx.aws.ec2.send(new CreateSecurityGroupCommand({
        GroupName: resource.physicalName, Description: String(resource.properties.description), VpcId: String(resource.properties.vpcId),
        TagSpecifications: [{ ResourceType: "security-group", Tags: tagList(resource.tags) }],
      }));
      return { attributes: { id: created.GroupId ?? "" } };
    } catch (error) {
      // Created before a crash: the name is unique per VPC, so find it instead of duplicating it.
      if (awsErrorCode(error) !== "InvalidGroup.Duplicate") throw error;
      const found = await ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({
        Filters: [{ Name: "group-name", Values: [resource.physicalName] }, { Name: "vpc-id", Values: [String(resource.properties.vpcId)] }],
      }));
      const existing = found.SecurityGroups?.[0];
      // Ours if a crash came between the create and this pass; a group someone else made is never used.
      if (!ownedBy(tagMap(existing?.Tags), ctx.environment.key)) {
        throw new Error(`the security group "${resource.physicalName}" was created by someone else in ${String(resource.properties.vpcId)} while gamectl was creating it, and is not tagged for ${ctx.environment.key}; gamectl leaves it alone. Delete or rename that group`, { cause: error });
      }
      return { attributes: { id: existing?.GroupId ?? "" }, requeueAfterMs: 1_000 };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource) {
    await ctx.aws.ec2.send(new CreateTagsCommand({ Resources: [observed.id], Tags: tagList(resource.tags) }));
    return { attributes: { id: observed.id } };
  }

  async delete(ctx: DriverContext, observed: ObservedResource) {
    try {
      await ctx.aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: observed.id }));
      return {};
    } catch (error) {
      const code = awsErrorCode(error);
      if (code === "InvalidGroup.NotFound") return {};
      if (code === "DependencyViolation") return { requeueAfterMs: 10_000, message: "still in use by another resource; retrying" };
      throw error;
    }
  }
}

/** One tag-filtered describe finds every group of the environment; names find the rest (e.g. before adoption). */
function describeEnvironmentGroups(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<SecurityGroup[]> {
  return ctx.memo(`ec2:security-groups`, () => describeGroupsUncached(ctx, desired));
}

async function describeGroupsUncached(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<SecurityGroup[]> {
  // A light resync takes its share of one describe of every group gamectl manages, made for all environments.
  const shared = ctx.shared;
  const groups = shared?.batched
    ? [...(await shared.wave("ec2:security-groups:managed-by", () => managedGroups(ctx))).get(ctx.environment.key) ?? []]
    : await allGroups(ctx, [{ Name: `tag:${environmentTag}`, Values: [ctx.environment.key] }]);
  const found = new Set(groups.map((g) => g.GroupName));
  const missing = desired.filter((d) => !found.has(d.physicalName));
  if (missing.length > 0) {
    const vpcs = [...new Set(missing.map((d) => String(d.properties.vpcId ?? "")))].filter(Boolean);
    const named = await ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({
      Filters: [{ Name: "group-name", Values: missing.map((d) => d.physicalName) }, ...(vpcs.length ? [{ Name: "vpc-id", Values: vpcs }] : [])],
    }));
    groups.push(...(named.SecurityGroups ?? []));
  }
  return groups;
}

/** Every security group tagged as managed by gamectl, by environment. */
async function managedGroups(ctx: DriverContext): Promise<Map<string, SecurityGroup[]>> {
  return byEnvironment(await allGroups(ctx, [{ Name: `tag:${managedByTag}`, Values: ["gamectl"] }]), (group) => tagMap(group.Tags));
}

async function allGroups(ctx: DriverContext, filters: Filter[]): Promise<SecurityGroup[]> {
  const groups: SecurityGroup[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }));
    groups.push(...(page.SecurityGroups ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return groups;
}

export class SecurityGroupRulesDriver implements ResourceDriver {
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
        properties: {
          groupId: g.GroupId ?? "",
          ingress: rulesFromPermissions(g.IpPermissions, lists) as unknown as JsonValue,
          egress: rulesFromPermissions(g.IpPermissionsEgress, lists) as unknown as JsonValue,
        },
        attributes: { id: g.GroupId ?? "" }, tags,
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResource) {
    const groupId = String(resource.properties.groupId);
    const current = await ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    const group = current.SecurityGroups?.[0];
    const lists = carriesPrefixList(group?.IpPermissions) || carriesPrefixList(group?.IpPermissionsEgress) ? await prefixLists(ctx) : undefined;
    // A new group comes with AWS's default allow-all egress: it is observed here, so update revokes it.
    const observed: ObservedResource = {
      kind: this.kind, name: resource.name, id: `${groupId}#rules`, owned: true, state: "available", attributes: { id: groupId }, tags: {},
      properties: {
        groupId, ingress: rulesFromPermissions(group?.IpPermissions, lists) as unknown as JsonValue, egress: rulesFromPermissions(group?.IpPermissionsEgress, lists) as unknown as JsonValue,
      },
    };
    return await this.update(ctx, resource, observed);
  }

  /** Authorizes only what is missing and revokes only what is extra, never the whole set. */
  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource) {
    const groupId = String(resource.properties.groupId);
    for (const direction of ["ingress", "egress"] as const) {
      const desired = asRules(resource.properties[direction]);
      const actual = asRules(observed.properties[direction]);
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

  async delete(ctx: DriverContext, observed: ObservedResource) {
    // Rules go before groups so that groups referencing each other can be deleted: an egress rule naming another
    // group blocks that group's deletion as much as an ingress rule does. Both directions are revoked, so a group
    // kept for a retained Redis is left empty, which is what counts as gone (the catalog's goneWhenEmpty).
    const groupId = String(observed.properties.groupId);
    const ingress = asRules(observed.properties.ingress);
    const egress = asRules(observed.properties.egress);
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
