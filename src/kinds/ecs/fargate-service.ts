import { EcsServiceDriver } from "../../aws/drivers/game-server/ecs.ts";
import { gameServerFamily } from "../../plan/families/game-server.ts";
import type { ResourceKind } from "../kind.ts";
import { ecsService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, ecsTagAtCreate, installationArns, readEverything, serviceLinkedRole } from "../permissions.ts";

export const fargateService: ResourceKind<"EcsService"> = {
  name: "EcsService",
  service: ecsService,
  taggingType: "ecs:service",
  catalog: {
    title: "ECS Fargate service",
    inventoryType: "ecs:service",
    dataHolding: false,
    tier: 4,
    fields: {
      cluster: { semantics: "replace", reason: "an ECS service cannot move to another cluster" },
      launchType: { semantics: "replace", reason: "ECS cannot change a service's launch type" },
      subnets: { semantics: "in-place", compare: "set" },
      securityGroups: { semantics: "in-place", compare: "set" },
      loadBalancers: { semantics: "in-place", compare: "set" },
    },
    readiness: {
      states: ["ACTIVE"], noun: "service",
      check: (observed) => {
        if (observed.state !== "ACTIVE") return { ready: false, message: `service is ${observed.state}` };
        // ECS's circuit breaker marks a deployment FAILED while the service itself stays ACTIVE.
        if (observed.message?.includes("deployment FAILED")) return { ready: false, message: observed.message };
        return { ready: true, ...(observed.message ? { message: observed.message } : {}) };
      },
    },
    requeueMs: { creating: 10_000, updating: 10_000, deleting: 10_000 },
  },
  build: familyBuilder("EcsService", gameServerFamily),
  outputs: (env, lookup, observed, outputs) => gameServerFamily.outputs?.(env, lookup, observed, outputs),
  driver: new EcsServiceDriver(),
  permissions: [
    readEverything(["ecs:DescribeServices"]),
    createUnderTheInstallationPrefix(["ecs:CreateService"], [installationArns.ecsService]),
    ecsTagAtCreate("CreateService"),
    changeOwnedUnderTheInstallationPrefix(["ecs:UpdateService", "ecs:TagResource", "ecs:DeleteService"], [installationArns.ecsService]),
    serviceLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS"),
  ],
};
