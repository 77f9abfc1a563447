import type { FieldSemantics } from "../../plan/catalog.ts";
import type { JsonValue } from "../../plan/types.ts";

/** The logical names of the two roles: the task definition references their ARNs by them. */
export const taskRoleName = "role/task";
export const executionRoleName = "role/execution";

/**
 * A role gamectl manages, in the shape both the builders write and the driver observes. The documents are any
 * IAM policy JSON: the plan compares them as policies (`compare: "iam-policy"`), not as text.
 */
export type RoleProperties = {
  /** Absent on a role the user brought (spec.iam.taskRole.existingRoleName): there gamectl owns only its inline policy. */
  path?: string;
  permissionsBoundary?: string;
  assumeRolePolicy?: JsonValue;
  /** gamectl's one inline policy on the role. */
  policyName: string;
  policy: JsonValue;
};

/** How any role gamectl creates may change: the task role and the game server's execution role alike. */
export const roleFields: Readonly<Record<string, FieldSemantics>> = {
  path: { semantics: "replace", reason: "IAM cannot change a role's path (roles gamectl created at / before it used /gamectl/ are replaced once)" },
  permissionsBoundary: { semantics: "replace", reason: "only a role carrying gamectl's permissions boundary is the controller's to change; a role without it is replaced" },
  assumeRolePolicy: { semantics: "in-place", compare: "iam-policy" },
  policy: { semantics: "in-place", compare: "iam-policy" },
};

/**
 * Roles gamectl creates live under this IAM path: the controller's policy (manifests/controller/iam-policy.json)
 * lets it create and change roles only there, so the path is what marks a role as this installation's.
 */
export const gamectlRolePath = "/gamectl/";
/** The permissions boundary every role gamectl creates carries (manifests/controller/task-role-boundary.json). */
export const defaultRoleBoundaryName = "gamectl-task-role-boundary";
/**
 * The desired value of a role's `permissionsBoundary`: the ARN is only known to the driver (GAMECTL_ROLE_BOUNDARY_ARN,
 * or the account's `gamectl-task-role-boundary`), which reports an observed role carrying it by this same value.
 */
export const configuredRoleBoundary = "the controller's role boundary (GAMECTL_ROLE_BOUNDARY_ARN)";

/** Path and boundary of a role gamectl creates: a change of either replaces the role (see the catalog). */
export const createdRoleProperties = { path: gamectlRolePath, permissionsBoundary: configuredRoleBoundary } as const;

/** Both roles are assumed by ECS tasks alone. */
export const ecsTasksTrustPolicy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
