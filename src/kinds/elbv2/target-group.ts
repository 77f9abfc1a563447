import { TargetGroupDriver } from "../../aws/drivers/edge/load-balancer.ts";
import { loadBalancerFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { elbv2Service } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, createWithOwnershipTags, loadBalancerTagAtCreate, readEverything } from "../permissions.ts";

export const targetGroup: ResourceKind<"TargetGroup"> = {
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
  build: familyBuilder("TargetGroup", loadBalancerFamily),
  outputs: (env, lookup, observed, outputs) => loadBalancerFamily.outputs?.(env, lookup, observed, outputs),
  driver: new TargetGroupDriver(),
  permissions: [
    readEverything(["elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroups"]),
    createWithOwnershipTags(["elasticloadbalancing:CreateTargetGroup"]),
    loadBalancerTagAtCreate("CreateTargetGroup"),
    changeOwned(["elasticloadbalancing:AddTags", "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup"]),
  ],
};
