import { gameMetricNamespace, gameServerTableGrants } from "../../contract/game-server.ts";
import type { DesiredValue } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import { tableName } from "../dynamodb/table.ts";
import type { DesiredResourceOf, ResourceKind } from "../kind.ts";
import { changeRolesUnderThePath, createRolesUnderThePath, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { RoleDriver } from "./role-driver.ts";
import { createdRoleProperties, ecsTasksTrustPolicy, roleFields, taskRoleName, type RoleProperties } from "./roles.ts";
import { iamService } from "./service.ts";

/** The game server's role: on a role gamectl made, anything attached or added by hand besides its policy is drift. */
export type TaskRoleProperties = RoleProperties & {
  /** Managed policies attached to the role: none on a role gamectl made; not compared on the user's role. */
  attachedPolicies?: string[];
  /** Inline policies besides gamectl's own, by name. */
  otherInlinePolicies?: string[];
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
function buildTaskRole(env: LoadedEnvironment, contributed: readonly DesiredValue[]): Array<DesiredResourceOf<"TaskRole", TaskRoleProperties>> {
  const role = env.manifest.spec.iam.taskRole;
  const existing = "existingRoleName" in role && role.existingRoleName ? role.existingRoleName : undefined;
  const policy = { policyName: env.names.taskPolicyName, policy: taskPolicyDocument(env, contributed) };
  const base = { kind: "TaskRole" as const, name: taskRoleName, component: taskRoleName };
  if (existing) return [{ ...base, physicalName: existing, properties: policy, tags: {}, external: true }];
  return [{
    ...base, physicalName: env.names.taskRoleName,
    // A role gamectl made carries exactly its one inline policy: anything attached or added by hand is drift.
    properties: { ...policy, ...createdRoleProperties, assumeRolePolicy: ecsTasksTrustPolicy, attachedPolicies: [], otherInlinePolicies: [] },
    tags: tagsFor(env, taskRoleName),
  }];
}

export const taskRole: ResourceKind<"TaskRole", TaskRoleProperties> = {
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
  build: (env, context) => buildTaskRole(env, context.taskRoleStatements),
  outputs(_env, lookup, _observed, outputs) {
    const arn = lookup(taskRoleName, "arn");
    if (arn) outputs.taskRoleArn = arn;
  },
  driver: new RoleDriver("TaskRole", "task role"),
  permissions: [
    readEverything(["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoles"]),
    createRolesUnderThePath,
    tagAtCreateUnderThePath(["iam:TagRole"], [gamectlArns.role]),
    changeRolesUnderThePath(["iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole"]),
  ],
};
