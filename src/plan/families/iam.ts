import { gameMetricNamespace, gameServerTableGrants } from "../../contract/game-server.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
import { ref } from "../values.ts";
import { tableName } from "../../kinds/dynamodb/table.ts";
import { tagsFor } from "./family.ts";
import { createdRoleProperties } from "../../kinds/iam/roles.ts";

export const taskRoleName = "role/task";

export const ecsTasksTrustPolicy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** "game-history" -> "GameHistory": IAM statement ids are alphanumeric. */
function sidPart(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
}

/**
 * The table statements, generated from the server's own declaration (src/contract/game-server.ts):
 * per table its actions on the table, per index its actions on that index alone. Tables the manifest
 * does not define get nothing, and neither do tables or indexes the server never touches.
 */
export function gameTableStatements(env: LoadedEnvironment): DesiredValue[] {
  const defined = new Set((env.manifest.spec.dynamodb?.tables ?? []).map((table) => table.name));
  const statements: DesiredValue[] = [];
  for (const grant of gameServerTableGrants) {
    if (!defined.has(grant.table)) continue;
    const sid = `GameTable${sidPart(grant.table)}`;
    statements.push({ Sid: sid, Effect: "Allow", Action: [...grant.actions], Resource: ref(tableName(grant.table), "arn") });
    for (const [index, actions] of Object.entries(grant.indexes ?? {})) {
      statements.push({
        Sid: `${sid}Index${sidPart(index)}`, Effect: "Allow", Action: [...actions],
        Resource: ref(tableName(grant.table), "arn", { format: `{}/index/${index}` }),
      });
    }
  }
  return statements;
}

/** `contributed`: what other kinds add (Redis's elasticache:Connect, the collector's X-Ray writes), so the role stays least-privilege. */
export function taskPolicyDocument(env: LoadedEnvironment, contributed: readonly DesiredValue[]): DesiredValue {
  const statements: DesiredValue[] = gameTableStatements(env);
  statements.push({
    Sid: "GameMetrics", Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"],
    Condition: { StringEquals: { "cloudwatch:namespace": gameMetricNamespace } },
  });
  statements.push(...contributed);
  return { Version: "2012-10-17", Statement: statements };
}

/** The task role (or, with iam.taskRole.existingRoleName, only its policy on the user's role). */
export function taskRoleResources(env: LoadedEnvironment, contributed: readonly DesiredValue[]): DesiredResource[] {
    const role = env.manifest.spec.iam.taskRole;
    const existing = "existingRoleName" in role && role.existingRoleName ? role.existingRoleName : undefined;
    const properties: Record<string, DesiredValue> = {
      policyName: env.names.taskPolicyName,
      policy: taskPolicyDocument(env, contributed),
    };
    if (!existing) {
      Object.assign(properties, createdRoleProperties);
      properties.assumeRolePolicy = ecsTasksTrustPolicy;
      // A role gamectl made carries exactly its one inline policy: anything attached or added by hand is drift.
      properties.attachedPolicies = [];
      properties.otherInlinePolicies = [];
    }
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
}
