import { LoadBalancerDriver } from "../../aws/drivers/edge/load-balancer.ts";
import { loadBalancerFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { elbv2Service } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, createWithOwnershipTags, loadBalancerTagAtCreate, readEverything } from "../permissions.ts";

export const loadBalancer: ResourceKind<"LoadBalancer"> = {
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
  build: familyBuilder("LoadBalancer", loadBalancerFamily),
  outputs: (env, lookup, observed, outputs) => loadBalancerFamily.outputs?.(env, lookup, observed, outputs),
  driver: new LoadBalancerDriver(),
  permissions: [
    readEverything(["elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags"]),
    createWithOwnershipTags(["elasticloadbalancing:CreateLoadBalancer"]),
    loadBalancerTagAtCreate("CreateLoadBalancer"),
    changeOwned(["elasticloadbalancing:AddTags", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer"]),
  ],
};
