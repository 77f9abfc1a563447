import { executionRoleNameFor } from "../../../spec/names.ts";
import type { ResourceDriver } from "../../driver.ts";
import { TaskRoleDriver } from "../iam.ts";
import { EcsClusterDriver, EcsServiceDriver, TaskDefinitionDriver } from "./ecs.ts";
import { LogGroupDriver } from "./log-group.ts";

export function gameServerDrivers(): ResourceDriver[] {
  return [new LogGroupDriver(), new TaskRoleDriver("ExecutionRole", "task execution role", {
    name: "role/execution", physicalName: executionRoleNameFor, policyName: (role) => `gamectl-${role}`,
  }), new EcsClusterDriver(), new TaskDefinitionDriver(), new EcsServiceDriver()];
}
