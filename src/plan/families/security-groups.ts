import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
import { ref } from "../values.ts";
import { replicationGroupName, tagsFor, type ResourceFamily } from "./family.ts";

export type SecurityGroupRole = "alb" | "app" | "redis" | "endpoints";

export const securityGroupName = (role: SecurityGroupRole) => `sg/${role}`;
export const securityGroupRulesName = (role: SecurityGroupRole) => `sgrules/${role}`;

/** One normalized rule: the unit that is compared, authorized and revoked. */
export interface RuleSpec {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr?: string;
  sourceGroup?: DesiredValue;
  description?: string;
}

const allEgress = { protocol: "-1", fromPort: -1, toPort: -1, cidr: "0.0.0.0/0" };

function tcp(port: DesiredValue, from: { cidr: string } | { group: SecurityGroupRole }, description: string): DesiredValue {
  const rule: Record<string, DesiredValue> = { protocol: "tcp", fromPort: port, toPort: port, description };
  if ("cidr" in from) rule.cidr = from.cidr;
  else rule.sourceGroup = ref(securityGroupName(from.group), "id");
  return rule;
}

/** Which groups the spec needs, and who may reach each of them. Redis and the game port are never open to the world. */
export function securityGroupRules(env: LoadedEnvironment): Map<SecurityGroupRole, DesiredValue[]> {
  const spec = env.manifest.spec;
  const groups = new Map<SecurityGroupRole, DesiredValue[]>();
  const gamePort = spec.gameServer?.port ?? 2567;
  const direct = (spec.gameServer?.allowedCidrs ?? []).map((cidr) => tcp(gamePort, { cidr }, `game server from ${cidr}`));
  // A join that lands on a task not owning the room is relayed to the owner's private IP, task to task.
  const relay = tcp(gamePort, { group: "app" }, "game relay between game server tasks");
  if (spec.loadBalancer) {
    const ports = [...new Set((spec.loadBalancer.listeners ?? []).map((l) => l.port))].sort((a, b) => a - b);
    const cidrs = spec.loadBalancer.allowedCidrs ?? ["0.0.0.0/0"];
    groups.set("alb", ports.flatMap((port) => cidrs.map((cidr) => tcp(port, { cidr }, `listener ${port} from ${cidr}`))));
    groups.set("app", [tcp(gamePort, { group: "alb" }, "game server from the load balancer"), relay, ...direct]);
  } else {
    groups.set("app", [relay, ...direct]);
  }
  if (spec.redis) {
    // The port Redis really listens on: a blocked port change must not move the rule away from it.
    const port = ref(replicationGroupName, "port", { fallback: spec.redis.port ?? 6379, asNumber: true });
    groups.set("redis", [
      tcp(port, { group: "app" }, "redis from the game server"),
      ...(spec.redis.allowedCidrs ?? []).map((cidr) => tcp(port, { cidr }, `redis from ${cidr}`)),
    ]);
  }
  if ((spec.vpcEndpoints?.interface ?? []).length > 0) groups.set("endpoints", [tcp(443, { group: "app" }, "https from the game server")]);
  return groups;
}

export const securityGroupsFamily: ResourceFamily = {
  name: "security-groups",
  desired(env) {
    const out: DesiredResource[] = [];
    for (const [role, ingress] of securityGroupRules(env)) {
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
        properties: { groupId: ref(group, "id"), ingress, egress: [allEgress] },
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
