import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
import { ref } from "../values.ts";
import { tableName } from "./dynamodb.ts";
import { tagsFor, type ResourceFamily } from "./family.ts";

export const taskRoleName = "role/task";

/** Exactly what the game server calls on its tables; nothing else. */
export const gameServerTableActions = [
  "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
  "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
];

export const ecsTasksTrustPolicy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/**
 * Statement builders other families contribute to the task role (Redis adds elasticache:Connect),
 * so the role stays least-privilege as the environment grows.
 */
export type TaskPolicyContribution = (env: LoadedEnvironment) => DesiredValue[];
const contributions: TaskPolicyContribution[] = [];

export function contributeToTaskPolicy(contribution: TaskPolicyContribution): void {
  contributions.push(contribution);
}

export function taskPolicyDocument(env: LoadedEnvironment): DesiredValue {
  const tables = env.manifest.spec.dynamodb?.tables ?? [];
  const statements: DesiredValue[] = [];
  if (tables.length > 0) {
    const resources: DesiredValue[] = [];
    for (const table of tables) {
      resources.push(ref(tableName(table.name), "arn"));
      resources.push(ref(tableName(table.name), "indexArnPattern"));
    }
    statements.push({ Sid: "GameTables", Effect: "Allow", Action: gameServerTableActions, Resource: resources });
  }
  statements.push({
    Sid: "GameMetrics", Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"],
    Condition: { StringEquals: { "cloudwatch:namespace": "GameMetrics" } },
  });
  for (const contribution of contributions) statements.push(...contribution(env));
  return { Version: "2012-10-17", Statement: statements };
}

export const iamFamily: ResourceFamily = {
  name: "iam",
  desired(env) {
    const role = env.manifest.spec.iam?.taskRole ?? { create: true };
    const existing = "existingRoleName" in role && role.existingRoleName ? role.existingRoleName : undefined;
    const properties: Record<string, DesiredValue> = {
      policyName: env.names.taskPolicyName,
      policy: taskPolicyDocument(env),
    };
    if (!existing) properties.assumeRolePolicy = ecsTasksTrustPolicy;
    const resource: DesiredResource = {
      kind: "TaskRole",
      name: taskRoleName,
      component: taskRoleName,
      physicalName: existing ?? env.names.taskRoleName,
      properties,
      tags: existing ? {} : tagsFor(env, taskRoleName),
      ...(existing ? { external: true } : {}),
    };
    return [resource];
  },
  outputs(_env, lookup, _observed, outputs) {
    const arn = lookup(taskRoleName, "arn");
    if (arn) outputs.taskRoleArn = arn;
  },
};
