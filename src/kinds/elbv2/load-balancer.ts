import {
  AddTagsCommand, CreateLoadBalancerCommand, DeleteLoadBalancerCommand, DescribeLoadBalancerAttributesCommand, ModifyLoadBalancerAttributesCommand,
  SetSecurityGroupsCommand, SetSubnetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagList } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import { securityGroupName } from "../ec2/security-groups.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, loadBalancerTagAtCreate, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { attributeList, changedAttributes, declared, describeLoadBalancers, observedAttributes, type Attributes } from "./common.ts";
import { loadBalancerName } from "./names.ts";
import { elbv2Service } from "./service.ts";

/** The game's application load balancer, in the shape both the builder and the driver use. */
export type LoadBalancerProperties = {
  type: "application";
  scheme: "internet-facing" | "internal";
  subnets: string[];
  /** The ALB security group's id (a reference to it while desired). */
  securityGroups: string[];
  /** Only the attributes the spec declares; AWS reports many more. */
  attributes: Attributes;
};

class LoadBalancerDriver implements KindDriver<LoadBalancerProperties> {
  readonly kind = "LoadBalancer";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const { balancers, tags } = await describeLoadBalancers(ctx, desired.map((d) => d.physicalName));
    if (balancers.length === 0) return [];
    return await Promise.all(balancers.map(async (lb) => {
      const arn = lb.LoadBalancerArn ?? "";
      const wanted = desired.find((d) => d.physicalName === lb.LoadBalancerName);
      const keys = Object.keys(observedAttributes(wanted?.properties.attributes));
      const attributes = await ctx.aws.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
      const all = declared(attributes.Attributes, [...keys, "deletion_protection.enabled"]);
      const lbTags = tags.get(arn) ?? {};
      return {
        kind: this.kind, name: wanted?.name ?? lbTags[componentTag] ?? `alb/${lb.LoadBalancerName}`, id: arn, owned: ownedBy(lbTags, ctx.environment.key),
        state: lb.State?.Code ?? "provisioning", tags: lbTags,
        properties: {
          type: lb.Type ?? "application", scheme: lb.Scheme ?? "internet-facing",
          subnets: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? ""), securityGroups: [...(lb.SecurityGroups ?? [])],
          attributes: declared(attributes.Attributes, keys),
        },
        attributes: { id: arn, arn, dnsName: lb.DNSName ?? "", name: lb.LoadBalancerName ?? "" },
        deletionProtected: all["deletion_protection.enabled"] === "true",
      };
    }));
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<LoadBalancerProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const created = await ctx.aws.elbv2.send(new CreateLoadBalancerCommand({
      Name: resource.physicalName, Type: p.type, Scheme: p.scheme, IpAddressType: "ipv4",
      Subnets: p.subnets, SecurityGroups: p.securityGroups, Tags: tagList(resource.tags),
    }));
    const lb = created.LoadBalancers?.[0];
    const arn = lb?.LoadBalancerArn ?? "";
    const wanted = attributeList(p.attributes);
    if (wanted.length) await ctx.aws.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: wanted }));
    const state = lb?.State?.Code ?? "provisioning";
    return { attributes: { id: arn, arn, dnsName: lb?.DNSName ?? "", name: resource.physicalName }, ...(state === "active" ? {} : { requeueAfterMs: 10_000, message: state }) };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<LoadBalancerProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const arn = observed.id;
    if (changed.has("subnets")) await ctx.aws.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: p.subnets }));
    if (changed.has("securityGroups")) await ctx.aws.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: p.securityGroups }));
    if (changed.has("attributes")) {
      const attributes = changedAttributes(p.attributes, observedAttributes(observed.properties.attributes));
      if (attributes.length) await ctx.aws.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: attributes }));
    }
    if (changed.has("tags")) await ctx.aws.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await orUndefined(ctx.aws.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: observed.id })), "LoadBalancerNotFoundException");
    return { requeueAfterMs: 5_000 };
  }
}

export const loadBalancer: ResourceKind<"LoadBalancer", LoadBalancerProperties> = {
  name: "LoadBalancer",
  service: elbv2Service,
  taggingType: "elasticloadbalancing",
  catalog: {
    title: "application load balancer",
    dataHolding: false,
    tier: 2,
    fields: {
      scheme: { semantics: "replace", reason: "ELB cannot change a load balancer between internet-facing and internal" },
      type: { semantics: "replace", reason: "the load balancer type is fixed" },
      subnets: { semantics: "in-place", compare: "set" },
      securityGroups: { semantics: "in-place", compare: "set" },
    },
    readiness: { states: ["active"], noun: "load balancer" },
    requeueMs: { creating: 10_000, updating: 5_000, deleting: 5_000 },
  },
  build(env) {
    const spec = env.manifest.spec;
    const lb = spec.loadBalancer;
    if (!lb) return [];
    const subnets = lb.scheme === "internal" ? spec.network.privateSubnetIds : spec.network.publicSubnetIds;
    return [{
      kind: "LoadBalancer", name: loadBalancerName, component: loadBalancerName, physicalName: env.names.albName,
      properties: {
        type: "application", scheme: lb.scheme, subnets: [...subnets], securityGroups: [ref(securityGroupName("alb"), "id")],
        attributes: {
          "idle_timeout.timeout_seconds": String(lb.idleTimeoutSeconds),
          "deletion_protection.enabled": String(lb.deletionProtection),
          "routing.http2.enabled": String(lb.http2),
          "routing.http.drop_invalid_header_fields.enabled": String(lb.dropInvalidHeaderFields),
        },
      },
      tags: tagsFor(env, loadBalancerName),
    }];
  },
  outputs(_env, lookup, _observed, outputs) {
    const arn = lookup(loadBalancerName, "arn");
    const dnsName = lookup(loadBalancerName, "dnsName");
    if (arn && dnsName) outputs.loadBalancer = { arn, dnsName };
  },
  driver: new LoadBalancerDriver(),
  permissions: [
    readEverything(["elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags"]),
    createUnderTheInstallationPrefix(["elasticloadbalancing:CreateLoadBalancer"], [installationArns.loadBalancer]),
    loadBalancerTagAtCreate("CreateLoadBalancer", installationArns.loadBalancer),
    changeOwnedUnderTheInstallationPrefix(["elasticloadbalancing:AddTags", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer"], [installationArns.loadBalancer]),
  ],
};
