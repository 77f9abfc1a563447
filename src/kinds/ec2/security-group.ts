import { CreateSecurityGroupCommand, CreateTagsCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagList, tagMap } from "../../aws/drivers/tags.ts";
import type { DesiredResource, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, createInTheNetwork, createWithOwnershipTags, ec2TagAtCreate, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { describeEnvironmentGroups, groupRulesByRole, securityGroupName } from "./security-groups.ts";
import { ec2Service } from "./service.ts";

/** A group without its rules (a kind of their own): EC2 can change neither its VPC nor its description. */
export type SecurityGroupProperties = { vpcId: string; description: string };

/** Groups and their rules are two kinds, so rules that reference other groups come after every group exists. */
class SecurityGroupDriver implements KindDriver<SecurityGroupProperties> {
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

  async create(ctx: DriverContext, resource: ResolvedResourceOf<SecurityGroupProperties>): Promise<DriverResult> {
    const { vpcId, description } = resource.properties;
    try {
      const created = await ctx.aws.ec2.send(new CreateSecurityGroupCommand({
        GroupName: resource.physicalName, Description: description, VpcId: vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: tagList(resource.tags) }],
      }));
      return { attributes: { id: created.GroupId ?? "" } };
    } catch (error) {
      // Created before a crash: the name is unique per VPC, so find it instead of duplicating it.
      if (awsErrorCode(error) !== "InvalidGroup.Duplicate") throw error;
      const found = await ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({
        Filters: [{ Name: "group-name", Values: [resource.physicalName] }, { Name: "vpc-id", Values: [vpcId] }],
      }));
      const existing = found.SecurityGroups?.[0];
      // Ours if a crash came between the create and this pass; a group someone else made is never used.
      if (!ownedBy(tagMap(existing?.Tags), ctx.environment.key)) {
        throw new Error(`the security group "${resource.physicalName}" was created by someone else in ${vpcId} while gamectl was creating it, and is not tagged for ${ctx.environment.key}; gamectl leaves it alone. Delete or rename that group`, { cause: error });
      }
      return { attributes: { id: existing?.GroupId ?? "" }, requeueAfterMs: 1_000 };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<SecurityGroupProperties>, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.ec2.send(new CreateTagsCommand({ Resources: [observed.id], Tags: tagList(resource.tags) }));
    return { attributes: { id: observed.id } };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
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

export const securityGroup: ResourceKind<"SecurityGroup", SecurityGroupProperties> = {
  name: "SecurityGroup",
  service: ec2Service,
  taggingType: "ec2:security-group",
  catalog: {
    title: "security group",
    dataHolding: false,
    tier: 0,
    fields: {
      vpcId: { semantics: "replace", reason: "a security group cannot move to another VPC" },
      description: { semantics: "replace", reason: "EC2 cannot change a security group's description" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build(env) {
    return [...groupRulesByRole(env).keys()].map((role) => {
      const group = securityGroupName(role);
      return {
        kind: "SecurityGroup", name: group, component: group, physicalName: env.names.securityGroupName(role),
        properties: { vpcId: env.manifest.spec.network.vpcId, description: `gamectl ${role} security group for ${env.key}` },
        tags: tagsFor(env, group),
      };
    });
  },
  outputs(_env, lookup, _observed, outputs) {
    const groups: Record<string, string> = {};
    for (const role of ["alb", "app", "redis", "endpoints"] as const) {
      const id = lookup(securityGroupName(role), "id");
      if (id) groups[role] = id;
    }
    outputs.securityGroups = groups;
  },
  driver: new SecurityGroupDriver(),
  permissions: [
    readEverything(["ec2:DescribeSecurityGroups"]),
    createWithOwnershipTags(["ec2:CreateSecurityGroup"]),
    createInTheNetwork(["ec2:CreateSecurityGroup"], ["arn:aws:ec2:*:*:vpc/*", "arn:aws:ec2:*:*:security-group/*"]),
    ec2TagAtCreate("CreateSecurityGroup", "arn:aws:ec2:*:*:security-group/*"),
    changeOwned(["ec2:CreateTags", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup"]),
  ],
};
