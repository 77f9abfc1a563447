import { TaskRoleDriver } from "../../aws/drivers/iam.ts";
import { taskRoleName, taskRoleResources } from "../../plan/families/iam.ts";
import type { DesiredResourceOf, KindProperties, ResourceKind } from "../kind.ts";
import { iamService } from "./service.ts";
import { roleFields } from "./roles.ts";
import { changeRolesUnderThePath, createRolesUnderThePath, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";

export const taskRole: ResourceKind<"TaskRole"> = {
  name: "TaskRole",
  service: iamService,
  catalog: {
    title: "IAM task role",
    dataHolding: false,
    tier: 2,
    fields: {
      ...roleFields,
      attachedPolicies: { semantics: "in-place", compare: "set" },
      otherInlinePolicies: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: (env, context) => taskRoleResources(env, context.taskRoleStatements) as Array<DesiredResourceOf<"TaskRole", KindProperties>>,
  outputs(_env, lookup, _observed, outputs) {
    const arn = lookup(taskRoleName, "arn");
    if (arn) outputs.taskRoleArn = arn;
  },
  driver: new TaskRoleDriver(),
  permissions: [
    readEverything(["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoles"]),
    createRolesUnderThePath,
    tagAtCreateUnderThePath(["iam:TagRole"], [gamectlArns.role]),
    changeRolesUnderThePath(["iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole"]),
  ],
};
