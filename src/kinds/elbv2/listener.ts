import { ListenerDriver } from "../../aws/drivers/edge/load-balancer.ts";
import { loadBalancerFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { elbv2Service } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, loadBalancerTagAtCreate, readEverything } from "../permissions.ts";

export const listener: ResourceKind<"Listener"> = {
  name: "Listener",
  service: elbv2Service,
  taggingType: "elasticloadbalancing",
  catalog: {
    title: "listener",
    dataHolding: false,
    tier: 3,
    fields: {
      loadBalancerArn: { semantics: "replace", reason: "a listener belongs to one load balancer" },
      port: { semantics: "replace", reason: "a listener is identified by its port" },
      certificates: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("Listener", loadBalancerFamily),
  driver: new ListenerDriver(),
  permissions: [
    readEverything(["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags"]),
    loadBalancerTagAtCreate("CreateListener"),
    changeOwned(["elasticloadbalancing:AddTags", "elasticloadbalancing:CreateListener", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:DeleteListener"]),
  ],
};
