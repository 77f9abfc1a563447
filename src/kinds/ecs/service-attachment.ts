import { EcsServiceAttachmentDriver } from "../../aws/drivers/edge/ecs.ts";
import { loadBalancerFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { ecsService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";

export const ecsServiceAttachment: ResourceKind<"EcsServiceAttachment"> = {
  name: "EcsServiceAttachment",
  service: ecsService,
  catalog: {
    title: "ECS service load-balancer attachment",
    dataHolding: false,
    tier: 4,
    fields: { loadBalancers: { semantics: "in-place", compare: "set" } },
    readiness: { states: ["ACTIVE"], noun: "service" },
    requeueMs: { creating: 10_000, updating: 10_000, deleting: 10_000 },
  },
  build: familyBuilder("EcsServiceAttachment", loadBalancerFamily),
  outputs: (env, lookup, observed, outputs) => loadBalancerFamily.outputs?.(env, lookup, observed, outputs),
  driver: new EcsServiceAttachmentDriver(),
  permissions: [
    readEverything(["ecs:DescribeServices", "ecs:DescribeTaskDefinition"]),
    changeOwnedUnderTheInstallationPrefix(["ecs:UpdateService"], [installationArns.ecsService]),
  ],
};
