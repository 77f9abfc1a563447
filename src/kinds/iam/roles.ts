import type { FieldSemantics } from "../../plan/catalog.ts";

/** How any role gamectl creates may change: the task role and the game server's execution role alike. */
export const roleFields: Readonly<Record<string, FieldSemantics>> = {
  path: { semantics: "replace", reason: "IAM cannot change a role's path (roles gamectl created at / before it used /gamectl/ are replaced once)" },
  permissionsBoundary: { semantics: "replace", reason: "only a role carrying gamectl's permissions boundary is the controller's to change; a role without it is replaced" },
  assumeRolePolicy: { semantics: "in-place", compare: "iam-policy" },
  policy: { semantics: "in-place", compare: "iam-policy" },
};
