import { DescribeSecurityGroupsCommand, type Filter, type SecurityGroup } from "@aws-sdk/client-ec2";
import type { DriverContext } from "../../aws/driver.ts";
import { environmentTag, managedByTag, tagMap } from "../../aws/drivers/tags.ts";
import { byEnvironment } from "../../aws/shared-observation.ts";
import { replicationGroupName } from "../elasticache/redis.ts";
import type { DesiredResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { Desired } from "../kind.ts";

/** What the security groups and their rules share: their names, who may reach whom, and one describe for both kinds. */

export type SecurityGroupRole = "alb" | "app" | "redis" | "endpoints";

/** The logical name of a role's group: other kinds reference its id by it (the load balancer, Redis, the service). */
export const securityGroupName = (role: SecurityGroupRole) => `sg/${role}`;
export const securityGroupRulesName = (role: SecurityGroupRole) => `sgrules/${role}`;

/** One rule per source, the unit EC2 authorizes and revokes and the plan compares (as a set). */
export type SecurityGroupRule = {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr?: string;
  sourceGroup?: string;
  /** An AWS-managed prefix list by name (com.amazonaws.<region>.<service>); an id when it has no such name. */
  prefixList?: string;
  description?: string;
};

type Peer = { cidr: string } | { group: SecurityGroupRole } | { prefixList: string };

function tcp(port: Desired<number>, peer: Peer, description: string): Desired<SecurityGroupRule> {
  const source = "cidr" in peer ? { cidr: peer.cidr } : "prefixList" in peer ? { prefixList: peer.prefixList } : { sourceGroup: ref(securityGroupName(peer.group), "id") };
  return { protocol: "tcp", fromPort: port, toPort: port, description, ...source };
}

/** Both directions of one group's rules. */
export interface GroupRules {
  ingress: Array<Desired<SecurityGroupRule>>;
  egress: Array<Desired<SecurityGroupRule>>;
}

/**
 * Which groups the spec needs, who may reach each of them, and what each may reach. Redis and the game port are
 * never open to the world. Egress is derived like ingress, so a compromised task cannot open connections anywhere:
 * Redis and the endpoints answer but never call out; the load balancer only reaches the game server; the game
 * server reaches Redis, its own tasks, the endpoints and the gateway endpoints' prefix lists, and the internet on
 * 443 only when gameServer.internetEgress says so.
 */
export function groupRulesByRole(env: LoadedEnvironment): Map<SecurityGroupRole, GroupRules> {
  const spec = env.manifest.spec;
  const ingress = new Map<SecurityGroupRole, Array<Desired<SecurityGroupRule>>>();
  const gamePort = spec.gameServer.port;
  const direct = spec.gameServer.allowedCidrs.map((cidr) => tcp(gamePort, { cidr }, `game server from ${cidr}`));
  // A join that lands on a task not owning the room is relayed to the owner's private IP, task to task.
  const relay = tcp(gamePort, { group: "app" }, "game relay between game server tasks");
  if (spec.loadBalancer) {
    const ports = [...new Set(spec.loadBalancer.listeners.map((l) => l.port))].sort((a, b) => a - b);
    const cidrs = spec.loadBalancer.allowedCidrs;
    ingress.set("alb", ports.flatMap((port) => cidrs.map((cidr) => tcp(port, { cidr }, `listener ${port} from ${cidr}`))));
    ingress.set("app", [tcp(gamePort, { group: "alb" }, "game server from the load balancer"), relay, ...direct]);
  } else {
    ingress.set("app", [relay, ...direct]);
  }
  // The port Redis really listens on: a blocked port change must not move the rule away from it.
  const redisPort = spec.redis ? ref(replicationGroupName, "port", { fallback: spec.redis.port, asNumber: true }) : undefined;
  if (spec.redis && redisPort !== undefined) {
    ingress.set("redis", [
      tcp(redisPort, { group: "app" }, "redis from the game server"),
      ...spec.redis.allowedCidrs.map((cidr) => tcp(redisPort, { cidr }, `redis from ${cidr}`)),
    ]);
  }
  const interfaceEndpoints = (spec.vpcEndpoints?.interface ?? []).length > 0;
  if (interfaceEndpoints) ingress.set("endpoints", [tcp(443, { group: "app" }, "https from the game server")]);

  const egress = new Map<SecurityGroupRole, Array<Desired<SecurityGroupRule>>>();
  // Targets and health checks both use the traffic port: the target group's health check has no port of its own.
  if (ingress.has("alb")) egress.set("alb", [tcp(gamePort, { group: "app" }, "game server targets and health checks")]);
  egress.set("app", [
    tcp(gamePort, { group: "app" }, "game relay to other game server tasks"),
    ...(redisPort !== undefined ? [tcp(redisPort, { group: "redis" }, "redis")] : []),
    ...(interfaceEndpoints ? [tcp(443, { group: "endpoints" }, "interface endpoints")] : []),
    // A gateway endpoint is a route, not an address in the VPC: the group reaches it through the service's prefix list.
    ...(spec.vpcEndpoints?.gateway ?? []).map((service) => tcp(443, { prefixList: `com.amazonaws.${spec.region}.${service}` }, `${service} gateway endpoint`)),
    ...(spec.gameServer?.internetEgress === true ? [tcp(443, { cidr: "0.0.0.0/0" }, "https to the internet (gameServer.internetEgress)")] : []),
  ]);
  return new Map([...ingress].map(([role, rules]) => [role, { ingress: rules, egress: egress.get(role) ?? [] }]));
}

/**
 * One tag-filtered describe finds every group of the environment, rules included; names find the rest (e.g.
 * before adoption). Both kinds observe through it, so it is made once per reconcile.
 */
export function describeEnvironmentGroups(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<SecurityGroup[]> {
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
    // Only the groups carry a VPC; the rules, observed through the same describe, name theirs by group.
    const vpcs = [...new Set(missing.map((d) => d.properties.vpcId).filter((vpc): vpc is string => typeof vpc === "string" && vpc !== ""))];
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
