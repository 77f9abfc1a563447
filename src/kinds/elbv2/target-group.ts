import {
  AddTagsCommand, CreateTargetGroupCommand, DeleteTargetGroupCommand, DescribeTargetGroupAttributesCommand, DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand, ModifyTargetGroupCommand, type TargetGroup,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { errorIs, orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagList } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import type { DesiredResource, FieldChange, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, loadBalancerTagAtCreate, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { attributeList, changedAttributes, declared, observedAttributes, tagsOf, type Attributes } from "./common.ts";
import { targetGroupLogicalName } from "./names.ts";
import { elbv2Service } from "./service.ts";

/** The target group's HTTP health check on the game server's health path. */
export type TargetGroupHealthCheck = {
  path: string;
  protocol: "HTTP";
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: string;
};

/** The game server's target group, in the shape both the builder and the driver use. */
export type TargetGroupProperties = {
  port: number;
  protocol: "HTTP";
  vpcId: string;
  targetType: "ip";
  healthCheck: TargetGroupHealthCheck;
  /** Only the attributes the spec declares; AWS reports many more. */
  attributes: Attributes;
};

function healthCheckOf(group: TargetGroup): TargetGroupHealthCheck {
  return {
    path: group.HealthCheckPath ?? "/", protocol: "HTTP", intervalSeconds: group.HealthCheckIntervalSeconds ?? 30,
    timeoutSeconds: group.HealthCheckTimeoutSeconds ?? 5, healthyThreshold: group.HealthyThresholdCount ?? 5, unhealthyThreshold: group.UnhealthyThresholdCount ?? 2,
    matcher: group.Matcher?.HttpCode ?? "200",
  };
}

function healthCheckInput(h: TargetGroupHealthCheck) {
  return {
    HealthCheckEnabled: true, HealthCheckPath: h.path, HealthCheckProtocol: h.protocol, HealthCheckIntervalSeconds: h.intervalSeconds,
    HealthCheckTimeoutSeconds: h.timeoutSeconds, HealthyThresholdCount: h.healthyThreshold, UnhealthyThresholdCount: h.unhealthyThreshold,
    Matcher: { HttpCode: h.matcher },
  };
}

/**
 * The game server's target group. A port, protocol or VPC change gives a new deterministic name, so
 * the new group is created first, the listeners switch to it, and the old one is removed last.
 */
class TargetGroupDriver implements KindDriver<TargetGroupProperties> {
  readonly kind = "TargetGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const inventory = (await environmentInventory(ctx)).filter((r) => r.arn.includes(":targetgroup/"));
    const names = desired.map((d) => d.physicalName);
    const byName = names.length ? (await orUndefined(ctx.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: names })), "TargetGroupNotFoundException"))?.TargetGroups ?? [] : [];
    const known = new Set(byName.map((g) => g.TargetGroupArn));
    const leftover = inventory.map((r) => r.arn).filter((arn) => !known.has(arn));
    const byArn = leftover.length ? (await ctx.aws.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: leftover }))).TargetGroups ?? [] : [];
    const groups = [...byName, ...byArn];
    if (groups.length === 0) return [];
    const inventoryTags = new Map(inventory.map((r) => [r.arn, r.tags]));
    const missingTags = groups.map((g) => g.TargetGroupArn ?? "").filter((arn) => !inventoryTags.has(arn));
    const moreTags = missingTags.length ? await tagsOf(ctx, missingTags) : new Map<string, Record<string, string>>();
    return await Promise.all(groups.map(async (group) => {
      const arn = group.TargetGroupArn ?? "";
      const wanted = desired.find((d) => d.physicalName === group.TargetGroupName);
      const keys = Object.keys(observedAttributes(wanted?.properties.attributes));
      const attributes = keys.length ? (await ctx.aws.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes : [];
      const tags = inventoryTags.get(arn) ?? moreTags.get(arn) ?? {};
      return {
        kind: this.kind, name: wanted?.name ?? tags[componentTag] ?? targetGroupLogicalName(group.TargetGroupName ?? ""), id: arn, owned: ownedBy(tags, ctx.environment.key),
        state: "available", tags,
        properties: {
          port: group.Port ?? 0, protocol: group.Protocol ?? "HTTP", vpcId: group.VpcId ?? "", targetType: group.TargetType ?? "instance",
          healthCheck: healthCheckOf(group), attributes: declared(attributes, keys),
        },
        attributes: { id: arn, arn, name: group.TargetGroupName ?? "" },
      };
    }));
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<TargetGroupProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const created = await ctx.aws.elbv2.send(new CreateTargetGroupCommand({
      Name: resource.physicalName, Protocol: p.protocol, Port: p.port, VpcId: p.vpcId, TargetType: p.targetType,
      ...healthCheckInput(p.healthCheck), Tags: tagList(resource.tags),
    }));
    const arn = created.TargetGroups?.[0]?.TargetGroupArn ?? "";
    const wanted = attributeList(p.attributes);
    if (wanted.length) await ctx.aws.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: wanted }));
    return { attributes: { id: arn, arn, name: resource.physicalName } };
  }

  /** Health-check edits are in place (ModifyTargetGroup), never a replacement. */
  async update(ctx: DriverContext, resource: ResolvedResourceOf<TargetGroupProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    if (changed.has("healthCheck")) await ctx.aws.elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: observed.id, ...healthCheckInput(p.healthCheck) }));
    if (changed.has("attributes")) {
      const attributes = changedAttributes(p.attributes, observedAttributes(observed.properties.attributes));
      if (attributes.length) await ctx.aws.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: observed.id, Attributes: attributes }));
    }
    if (changed.has("tags")) await ctx.aws.elbv2.send(new AddTagsCommand({ ResourceArns: [observed.id], Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: observed.id }));
      return {};
    } catch (error) {
      if (errorIs(error, "ResourceInUse")) {
        return { requeueAfterMs: 5_000, message: "still used by a listener; retrying once the listeners have switched" };
      }
      if (errorIs(error, "TargetGroupNotFound")) return {};
      throw error;
    }
  }
}

export const targetGroup: ResourceKind<"TargetGroup", TargetGroupProperties> = {
  name: "TargetGroup",
  service: elbv2Service,
  taggingType: "elasticloadbalancing",
  catalog: {
    title: "target group",
    dataHolding: false,
    tier: 2,
    fields: {
      port: { semantics: "replace", reason: "ELB cannot change a target group's port; a new one is created first and the listeners switch to it" },
      protocol: { semantics: "replace", reason: "ELB cannot change a target group's protocol" },
      vpcId: { semantics: "replace", reason: "a target group cannot move to another VPC" },
      targetType: { semantics: "replace", reason: "ELB cannot change a target group's target type" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    const spec = env.manifest.spec;
    const lb = spec.loadBalancer;
    if (!lb) return [];
    const name = targetGroupLogicalName(env.names.targetGroupName);
    return [{
      kind: "TargetGroup", name, component: name, physicalName: env.names.targetGroupName,
      properties: {
        port: spec.gameServer.port, protocol: "HTTP", vpcId: spec.network.vpcId, targetType: "ip",
        healthCheck: {
          path: spec.gameServer.healthCheckPath, protocol: "HTTP", intervalSeconds: lb.healthCheck.intervalSeconds, timeoutSeconds: lb.healthCheck.timeoutSeconds,
          healthyThreshold: lb.healthCheck.healthyThreshold, unhealthyThreshold: lb.healthCheck.unhealthyThreshold, matcher: lb.healthCheck.matcher,
        },
        attributes: {
          "deregistration_delay.timeout_seconds": String(lb.deregistrationDelaySeconds),
          "stickiness.enabled": String(lb.stickiness.enabled),
          ...(lb.stickiness.enabled ? { "stickiness.type": "lb_cookie", "stickiness.lb_cookie.duration_seconds": String(lb.stickiness.durationSeconds) } : {}),
        },
      },
      tags: tagsFor(env, name),
    }];
  },
  outputs(env, lookup, _observed, outputs) {
    const targetGroupArn = lookup(targetGroupLogicalName(env.names.targetGroupName), "arn");
    if (targetGroupArn) outputs.targetGroupArn = targetGroupArn;
  },
  driver: new TargetGroupDriver(),
  permissions: [
    readEverything(["elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroups"]),
    createUnderTheInstallationPrefix(["elasticloadbalancing:CreateTargetGroup"], [installationArns.targetGroup]),
    loadBalancerTagAtCreate("CreateTargetGroup", installationArns.targetGroup),
    changeOwnedUnderTheInstallationPrefix(["elasticloadbalancing:AddTags", "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup"], [installationArns.targetGroup]),
  ],
};
