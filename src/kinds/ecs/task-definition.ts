import { TaskDefinitionDriver } from "../../aws/drivers/game-server/ecs.ts";
import { gameServerFamily } from "../../plan/families/game-server.ts";
import { traceWriteStatements } from "../../plan/families/observability.ts";
import type { ResourceKind } from "../kind.ts";
import { ecsService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, changeOwnedUnderTheInstallationPrefix, createWithOwnershipTags, ecsTagAtCreate, installationArns, passRolesToEcsTasks, readEverything } from "../permissions.ts";

export const taskDefinition: ResourceKind<"TaskDefinition"> = {
  name: "TaskDefinition",
  service: ecsService,
  taggingType: "ecs:task-definition",
  catalog: {
    title: "ECS task definition",
    inventoryType: "ecs:task-definition",
    dataHolding: false,
    tier: 3,
    // Every field is in-place: a change registers a new revision of the family, and the service moves to it.
    fields: {},
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("TaskDefinition", gameServerFamily),
  driver: new TaskDefinitionDriver(),
  taskRoleStatements: traceWriteStatements,
  permissions: [
    readEverything(["ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"]),
    createWithOwnershipTags(["ecs:RegisterTaskDefinition"]),
    ecsTagAtCreate("RegisterTaskDefinition"),
    changeOwned(["ecs:DeregisterTaskDefinition"]),
    changeOwnedUnderTheInstallationPrefix(["ecs:TagResource"], [installationArns.taskDefinition]),
    passRolesToEcsTasks,
  ],
};
