import { deploysGameServer } from "../ecs/game-server.ts";
import { containerSecrets } from "../ecs/task-definition.ts";
import { logGroupName } from "../logs/log-group.ts";
import type { DesiredValue, JsonValue } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import { executionRoleNameFor } from "../../spec/names.ts";
import type { ResourceKind } from "../kind.ts";
import { changeRolesUnderThePath, createRolesUnderThePath, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { RoleDriver } from "./role-driver.ts";
import { createdRoleProperties, ecsTasksTrustPolicy, executionRoleName, roleFields } from "./roles.ts";
import { iamService } from "./service.ts";

/** The role ECS itself uses to start a task: always one gamectl creates, so its path, boundary and trust are all set. */
export type ExecutionRoleProperties = {
  path: string;
  permissionsBoundary: string;
  assumeRolePolicy: JsonValue;
  policyName: string;
  policy: JsonValue;
};

/** gamectl's inline policy on the execution role, by the role's name: a leftover role is found by both. */
const executionPolicyName = (roleName: string) => `gamectl-${roleName}`;

/** An ECR image's repository ARN, so the execution role pulls that repository only; other registries need no ECR grant. */
export function ecrRepositoryArn(image: string): string | undefined {
  const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
  if (!match) return undefined;
  const [, account, region, repository] = match;
  const partition = region!.startsWith("cn-") ? "aws-cn" : region!.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  return `arn:${partition}:ecr:${region}:${account}:repository/${repository}`;
}

/** ECR pull (for an ECR image), logs on its own group, and GetSecretValue on exactly the secrets the task definition names. */
export function executionPolicyDocument(env: LoadedEnvironment): DesiredValue {
  const image = env.manifest.spec.gameServer.image ?? "";
  const statements: DesiredValue[] = [];
  const repository = ecrRepositoryArn(image);
  if (repository) {
    // GetAuthorizationToken has no resource; the layers are read from the one repository.
    statements.push({ Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] });
    statements.push({ Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: [repository] });
  }
  statements.push({
    Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [ref(logGroupName, "arn", { format: "{}:log-stream:*" })],
  });
  const secretArns = containerSecrets(env).map((s) => s.valueFrom);
  if (secretArns.length > 0) statements.push({ Sid: "ReadTaskSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArns });
  return { Version: "2012-10-17", Statement: statements };
}

export const executionRole: ResourceKind<"ExecutionRole", ExecutionRoleProperties> = {
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
  /** Deploy mode only (gameServer.image): in attach-only mode ECS already has the service's own. */
  build(env) {
    if (!deploysGameServer(env)) return [];
    const roleName = env.names.executionRoleName;
    return [{
      kind: "ExecutionRole", name: executionRoleName, component: executionRoleName, physicalName: roleName,
      properties: { ...createdRoleProperties, policyName: executionPolicyName(roleName), policy: executionPolicyDocument(env), assumeRolePolicy: ecsTasksTrustPolicy },
      tags: tagsFor(env, executionRoleName),
    }];
  },
  driver: new RoleDriver("ExecutionRole", "task execution role", {
    name: executionRoleName, physicalName: executionRoleNameFor, policyName: executionPolicyName,
  }),
  permissions: [
    readEverything(["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"]),
    createRolesUnderThePath,
    tagAtCreateUnderThePath(["iam:TagRole"], [gamectlArns.role]),
    changeRolesUnderThePath(["iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole"]),
  ],
};
