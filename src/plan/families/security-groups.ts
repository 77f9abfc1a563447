import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
import { ref } from "../values.ts";
import { replicationGroupName, tagsFor, type ResourceFamily } from "./family.ts";

export type SecurityGroupRole = "alb" | "app" | "redis" | "endpoints";

export const securityGroupName = (role: SecurityGroupRole) => `sg/${role}`;
export const securityGroupRulesName = (role: SecurityGroupRole) => `sgrules/${role}`;

type Peer = { cidr: string } | { group: SecurityGroupRole } | { prefixList: string };

function tcp(port: DesiredValue, peer: Peer, description: string): DesiredValue {
  const rule: Record<string, DesiredValue> = { protocol: "tcp", fromPort: port, toPort: port, description };
  if ("cidr" in peer) rule.cidr = peer.cidr;
  else if ("prefixList" in peer) rule.prefixList = peer.prefixList;
  else rule.sourceGroup = ref(securityGroupName(peer.group), "id");
  return rule;
}

/** Both directions of one group's rules. */
export interface GroupRules {
  ingress: DesiredValue[];
  egress: DesiredValue[];
}

/**
 * Which groups the spec needs, who may reach each of them, and what each may reach. Redis and the game port are
 * never open to the world. Egress is derived like ingress, so a compromised task cannot open connections anywhere:
 * Redis and the endpoints answer but never call out; the load balancer only reaches the game server; the game
 * server reaches Redis, its own tasks, the endpoints and the gateway endpoints' prefix lists, and the internet on
 * 443 only when gameServer.internetEgress says so.
 */
export function securityGroupRules(env: LoadedEnvironment): Map<SecurityGroupRole, GroupRules> {
  const spec = env.manifest.spec;
  const ingress = new Map<SecurityGroupRole, DesiredValue[]>();
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

  const egress = new Map<SecurityGroupRole, DesiredValue[]>();
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

export const securityGroupsFamily: ResourceFamily = {
  name: "security-groups",
  desired(env) {
    const out: DesiredResource[] = [];
    for (const [role, { ingress, egress }] of securityGroupRules(env)) {
      const group = securityGroupName(role);
      out.push({
        kind: "SecurityGroup",
        name: group,
        component: group,
        physicalName: env.names.securityGroupName(role),
        properties: { vpcId: env.manifest.spec.network.vpcId, description: `gamectl ${role} security group for ${env.key}` },
        tags: tagsFor(env, group),
      });
      const rules = securityGroupRulesName(role);
      out.push({
        kind: "SecurityGroupRules",
        name: rules,
        component: rules,
        physicalName: env.names.securityGroupName(role),
        properties: { groupId: ref(group, "id"), ingress, egress },
        tags: {},
      });
    }
    return out;
  },
  outputs(_env, lookup, _observed, outputs) {
    const groups: Record<string, string> = {};
    for (const role of ["alb", "app", "redis", "endpoints"] as const) {
      const id = lookup(securityGroupName(role), "id");
      if (id) groups[role] = id;
    }
    outputs.securityGroups = groups;
  },
};
