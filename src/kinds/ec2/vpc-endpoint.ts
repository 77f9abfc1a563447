import { createHash } from "node:crypto";
import { CreateTagsCommand, CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointCommand, type VpcEndpoint } from "@aws-sdk/client-ec2";
import { awsErrorCode } from "../../aws/clients.ts";
import { strings, type DriverContext, type DriverResult } from "../../aws/driver.ts";
import { componentTag, environmentTag, ownedBy, tagList, tagMap } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, createInTheNetwork, createWithOwnershipTags, ec2TagAtCreate, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { securityGroupName } from "./security-groups.ts";
import { ec2Service } from "./service.ts";

type EndpointType = "gateway" | "interface";

/** The logical name of one service's endpoint. */
export const endpointName = (type: EndpointType, service: string) => `endpoint/${type}/${service}`;

/** A gateway endpoint is routed (route tables); an interface endpoint sits in subnets behind security groups. */
export type VpcEndpointProperties = {
  type: "Gateway" | "Interface";
  serviceName: string;
  vpcId: string;
  /** Gateway only. */
  routeTableIds?: string[];
  /** Interface only, like the two below. */
  subnetIds?: string[];
  securityGroupIds?: string[];
  privateDns?: boolean;
};

/**
 * A client token per environment, endpoint and VPC, so a create retried after a crash returns the same
 * endpoint, while a replacement in another VPC is a new request.
 */
function clientToken(env: LoadedEnvironment, service: string): string {
  return createHash("sha256").update(`${env.key}|${service}|${env.manifest.spec.network.vpcId}`).digest("hex").slice(0, 32);
}

function buildEndpoints(env: LoadedEnvironment): Array<DesiredResourceOf<"VpcEndpoint", VpcEndpointProperties>> {
  const spec = env.manifest.spec;
  const endpoints = spec.vpcEndpoints;
  if (!endpoints) return [];
  const endpoint = (type: EndpointType, service: string, properties: DesiredResourceOf<"VpcEndpoint", VpcEndpointProperties>["properties"]) => {
    const name = endpointName(type, service);
    return {
      kind: "VpcEndpoint" as const, name, component: name, physicalName: clientToken(env, `${type}/${service}`), properties,
      tags: { ...tagsFor(env, name), Name: `${env.names.prefix}-${service}` },
    };
  };
  return [
    ...endpoints.gateway.map((service) => endpoint("gateway", service, {
      type: "Gateway", serviceName: `com.amazonaws.${spec.region}.${service}`, vpcId: spec.network.vpcId,
      routeTableIds: [...spec.network.privateRouteTableIds],
    })),
    ...endpoints.interface.map((service) => endpoint("interface", service, {
      type: "Interface", serviceName: `com.amazonaws.${spec.region}.${service}`, vpcId: spec.network.vpcId,
      subnetIds: [...spec.network.privateSubnetIds], securityGroupIds: [ref(securityGroupName("endpoints"), "id")], privateDns: true,
    })),
  ];
}

/** What `wanted` has that `current` lacks. */
function added(wanted: readonly string[] | undefined, current: readonly string[] | undefined): string[] {
  const have = new Set(current);
  return (wanted ?? []).filter((v) => !have.has(v));
}

const gone = (endpoint: VpcEndpoint) => ["deleted", "deleting"].includes((endpoint.State ?? "").toLowerCase());

/** Gateway and interface endpoints; sets of route tables, subnets and groups change in place. */
class VpcEndpointDriver implements KindDriver<VpcEndpointProperties> {
  readonly kind = "VpcEndpoint";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const found = await ctx.aws.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: `tag:${environmentTag}`, Values: [ctx.environment.key] }] }));
    const byType = new Map(desired.map((d) => [`${String(d.properties.type)}|${String(d.properties.serviceName)}`, d]));
    return (found.VpcEndpoints ?? []).filter((e) => (e.State ?? "").toLowerCase() !== "deleted").map((e: VpcEndpoint) => {
      const tags = tagMap(e.Tags);
      const type = e.VpcEndpointType ?? "Gateway";
      const wanted = byType.get(`${type}|${e.ServiceName}`);
      const properties: Record<string, JsonValue> = { type, serviceName: e.ServiceName ?? "", vpcId: e.VpcId ?? "" };
      if (type === "Gateway") properties.routeTableIds = [...(e.RouteTableIds ?? [])];
      else {
        properties.subnetIds = [...(e.SubnetIds ?? [])];
        properties.securityGroupIds = (e.Groups ?? []).map((g) => g.GroupId ?? "");
        properties.privateDns = e.PrivateDnsEnabled ?? false;
      }
      return {
        kind: this.kind, name: wanted?.name ?? tags[componentTag] ?? `endpoint/${e.VpcEndpointId}`, id: e.VpcEndpointId ?? "",
        owned: ownedBy(tags, ctx.environment.key), state: (e.State ?? "pending").toLowerCase(), properties, attributes: { id: e.VpcEndpointId ?? "" }, tags,
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<VpcEndpointProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const gateway = p.type === "Gateway";
    const send = (clientToken: string) => ctx.aws.ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: p.type, VpcId: p.vpcId, ServiceName: p.serviceName,
      ...(gateway ? { RouteTableIds: p.routeTableIds ?? [] } : { SubnetIds: p.subnetIds ?? [], SecurityGroupIds: p.securityGroupIds ?? [], PrivateDnsEnabled: p.privateDns === true }),
      // The same token after a crash returns the endpoint created before it, never a second one.
      ClientToken: clientToken,
      TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: tagList(resource.tags) }],
    }));
    let endpoint = (await send(resource.physicalName)).VpcEndpoint;
    if (endpoint && gone(endpoint)) {
      // The token still names an endpoint removed earlier (the service left the spec and came back):
      // a token derived from that endpoint keeps the new create idempotent too.
      endpoint = (await send(`${resource.physicalName}-${endpoint.VpcEndpointId ?? "deleted"}`.slice(0, 64))).VpcEndpoint;
    }
    const state = (endpoint?.State ?? "pending").toLowerCase();
    return { attributes: { id: endpoint?.VpcEndpointId ?? "" }, ...(state === "available" ? {} : { requeueAfterMs: 5_000, message: state }) };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<VpcEndpointProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const o = { routeTableIds: strings(observed.properties.routeTableIds), subnetIds: strings(observed.properties.subnetIds), securityGroupIds: strings(observed.properties.securityGroupIds) };
    if (changed.has("tags")) await ctx.aws.ec2.send(new CreateTagsCommand({ Resources: [observed.id], Tags: tagList(resource.tags) }));
    const modify = {
      ...(changed.has("routeTableIds") ? { AddRouteTableIds: added(p.routeTableIds, o.routeTableIds), RemoveRouteTableIds: added(o.routeTableIds, p.routeTableIds) } : {}),
      ...(changed.has("subnetIds") ? { AddSubnetIds: added(p.subnetIds, o.subnetIds), RemoveSubnetIds: added(o.subnetIds, p.subnetIds) } : {}),
      ...(changed.has("securityGroupIds") ? { AddSecurityGroupIds: added(p.securityGroupIds, o.securityGroupIds), RemoveSecurityGroupIds: added(o.securityGroupIds, p.securityGroupIds) } : {}),
      ...(changed.has("privateDns") ? { PrivateDnsEnabled: p.privateDns === true } : {}),
    };
    const nonEmpty = Object.fromEntries(Object.entries(modify).filter(([, v]) => !Array.isArray(v) || v.length > 0));
    if (Object.keys(nonEmpty).length > 0) await ctx.aws.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: observed.id, ...nonEmpty }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [observed.id] }));
    } catch (error) {
      if (!awsErrorCode(error).startsWith("InvalidVpcEndpointId")) throw error;
    }
    return { requeueAfterMs: 5_000 };
  }
}

export const vpcEndpoint: ResourceKind<"VpcEndpoint", VpcEndpointProperties> = {
  name: "VpcEndpoint",
  service: ec2Service,
  taggingType: "ec2:vpc-endpoint",
  catalog: {
    title: "VPC endpoint",
    inventoryType: "ec2:vpc-endpoint",
    dataHolding: false,
    tier: 2,
    fields: {
      serviceName: { semantics: "replace", reason: "an endpoint serves one service" },
      vpcId: { semantics: "replace", reason: "an endpoint cannot move to another VPC" },
      type: { semantics: "replace", reason: "EC2 cannot turn a gateway endpoint into an interface endpoint" },
      routeTableIds: { semantics: "in-place", compare: "set" },
      subnetIds: { semantics: "needs-state", waitsFor: "available", compare: "set" },
      securityGroupIds: { semantics: "needs-state", waitsFor: "available", compare: "set" },
      privateDns: { semantics: "needs-state", waitsFor: "available" },
    },
    readiness: { states: ["available"], noun: "endpoint" },
    requeueMs: { creating: 5_000, updating: 5_000, deleting: 5_000 },
  },
  build: buildEndpoints,
  outputs(env, lookup, _observed, outputs) {
    const ids: Record<string, string> = {};
    for (const type of ["gateway", "interface"] as const) {
      for (const service of env.manifest.spec.vpcEndpoints?.[type] ?? []) {
        const id = lookup(endpointName(type, service), "id");
        if (id) ids[service] = id;
      }
    }
    outputs.vpcEndpoints = ids;
  },
  driver: new VpcEndpointDriver(),
  permissions: [
    readEverything(["ec2:DescribeVpcEndpoints"]),
    createWithOwnershipTags(["ec2:CreateVpcEndpoint"]),
    createInTheNetwork(["ec2:CreateVpcEndpoint"], ["arn:aws:ec2:*:*:vpc/*", "arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:route-table/*", "arn:aws:ec2:*:*:security-group/*"]),
    ec2TagAtCreate("CreateVpcEndpoint", "arn:aws:ec2:*:*:vpc-endpoint/*"),
    changeOwned(["ec2:CreateTags", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"]),
  ],
};
