import { EcsClusterDriver } from "../../aws/drivers/game-server/ecs.ts";
import { gameServerFamily } from "../../plan/families/game-server.ts";
import type { ResourceKind } from "../kind.ts";
import { ecsService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, ecsTagAtCreate, installationArns, readEverything, serviceLinkedRole } from "../permissions.ts";

export const ecsCluster: ResourceKind<"EcsCluster"> = {
  name: "EcsCluster",
  service: ecsService,
  taggingType: "ecs:cluster",
  catalog: {
    title: "ECS cluster",
    inventoryType: "ecs:cluster",
    dataHolding: false,
    tier: 0,
    fields: { clusterName: { semantics: "replace", reason: "an ECS cluster cannot be renamed" } },
    readiness: { states: ["ACTIVE"], noun: "cluster" },
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("EcsCluster", gameServerFamily),
  driver: new EcsClusterDriver(),
  permissions: [
    readEverything(["ecs:DescribeClusters"]),
    createUnderTheInstallationPrefix(["ecs:CreateCluster"], [installationArns.ecsCluster]),
    ecsTagAtCreate("CreateCluster"),
    changeOwnedUnderTheInstallationPrefix(["ecs:TagResource", "ecs:DeleteCluster"], [installationArns.ecsCluster]),
    serviceLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS"),
  ],
};
