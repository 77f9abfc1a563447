import { TaskRoleDriver } from "../../aws/drivers/iam.ts";
import { executionRoleNameFor } from "../../spec/names.ts";
import { gameServerFamily } from "../../plan/families/game-server.ts";
import type { ResourceKind } from "../kind.ts";
import { iamService } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { roleFields } from "./roles.ts";
import { changeRolesUnderThePath, createRolesUnderThePath, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";

export const executionRole: ResourceKind<"ExecutionRole"> = {
  name: "ExecutionRole",
  service: iamService,
  catalog: {
    title: "IAM task execution role",
    // IAM roles are not in the tagging API; the environment's task definitions are, and reveal that an
    // execution role may be left over once deploy mode is turned off.
    inventoryType: "ecs:task-definition",
    dataHolding: false,
    tier: 2,
    fields: roleFields,
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: familyBuilder("ExecutionRole", gameServerFamily),
  driver: new TaskRoleDriver("ExecutionRole", "task execution role", {
    name: "role/execution", physicalName: executionRoleNameFor, policyName: (role) => `gamectl-${role}`,
  }),
  permissions: [
    readEverything(["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"]),
    createRolesUnderThePath,
    tagAtCreateUnderThePath(["iam:TagRole"], [gamectlArns.role]),
    changeRolesUnderThePath(["iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole"]),
  ],
};
