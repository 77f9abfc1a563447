import { CreateTagsCommand, CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointCommand, type VpcEndpoint } from "@aws-sdk/client-ec2";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../../plan/types.ts";
import { awsErrorCode } from "../../clients.ts";
import { strings, type DriverContext, type DriverResult, type ResolvedResource, type ResourceDriver } from "../../driver.ts";
import { componentTag, environmentTag, ownedBy, tagList, tagMap } from "../tags.ts";

function added(wanted: JsonValue | undefined, current: JsonValue | undefined): string[] {
  const have = new Set(strings(current));
  return strings(wanted).filter((v) => !have.has(v));
}

const gone = (endpoint: VpcEndpoint) => ["deleted", "deleting"].includes(String(endpoint.State ?? "").toLowerCase());

/** Gateway and interface endpoints; sets of route tables, subnets and groups change in place. */
export class VpcEndpointDriver implements ResourceDriver {
  readonly kind = "VpcEndpoint";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const found = await ctx.aws.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: `tag:${environmentTag}`, Values: [ctx.environment.key] }] }));
    const byType = new Map(desired.map((d) => [`${d.properties.type}|${d.properties.serviceName}`, d]));
    return (found.VpcEndpoints ?? []).filter((e) => String(e.State ?? "").toLowerCase() !== "deleted").map((e: VpcEndpoint) => {
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

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const p = resource.properties;
    const gateway = p.type === "Gateway";
    const send = (clientToken: string) => ctx.aws.ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: gateway ? "Gateway" : "Interface", VpcId: String(p.vpcId), ServiceName: String(p.serviceName),
      ...(gateway ? { RouteTableIds: strings(p.routeTableIds) } : { SubnetIds: strings(p.subnetIds), SecurityGroupIds: strings(p.securityGroupIds), PrivateDnsEnabled: p.privateDns === true }),
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

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const o = observed.properties;
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
