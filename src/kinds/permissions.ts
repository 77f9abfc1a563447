import { DEFAULT_INSTALLATION_PREFIX } from "../spec/names.ts";
import type { ControllerPermission } from "./kind.ts";

/**
 * The statements of the controller's IAM policy (manifests/controller/iam-policy.json), as plain data. Each kind
 * lists its grants with these helpers; `npm run gen` merges the grants of one `sid` into one statement. A grant is
 * always an action list, the ARN patterns it applies to and a condition, so the patterns can change in one place.
 */
const managedBy = "gamectl.dev/managed-by";
const requestTagged = { [`aws:RequestTag/${managedBy}`]: "gamectl" };
const resourceTagged = { [`aws:ResourceTag/${managedBy}`]: "gamectl" };
/** Only a role carrying gamectl's permissions boundary (manifests/controller/task-role-boundary.json). */
const withTheBoundary = { "iam:PermissionsBoundary": "arn:aws:iam::????????????:policy/gamectl-task-role-boundary" };

/** ARN patterns of what gamectl names under its own prefix or path. */
export const gamectlArns = {
  role: "arn:aws:iam::*:role/gamectl/*",
  secret: "arn:aws:secretsmanager:*:*:secret:gamectl/*",
  logGroup: "arn:aws:logs:*:*:log-group:/gamectl/*",
  dashboard: `arn:aws:cloudwatch::*:dashboard/${DEFAULT_INSTALLATION_PREFIX}-*-dashboard`,
} as const;

/**
 * ARN patterns of the kinds whose names start with the installation prefix (GAMECTL_NAME_PREFIX; the policy is
 * generated for the default, manifests/controller/README.md says what to change for another). Their ARNs carry the
 * name, so IAM can scope them by it as well as by the ownership tag: a tagged resource outside the prefix is refused.
 */
const prefixed = `${DEFAULT_INSTALLATION_PREFIX}-*`;
export const installationArns = {
  table: `arn:aws:dynamodb:*:*:table/${prefixed}`,
  ecsCluster: `arn:aws:ecs:*:*:cluster/${prefixed}`,
  ecsService: `arn:aws:ecs:*:*:service/*/${prefixed}`,
  taskDefinition: `arn:aws:ecs:*:*:task-definition/${prefixed}`,
  replicationGroup: `arn:aws:elasticache:*:*:replicationgroup:${prefixed}`,
  parameterGroup: `arn:aws:elasticache:*:*:parametergroup:${prefixed}`,
  subnetGroup: `arn:aws:elasticache:*:*:subnetgroup:${prefixed}`,
  cacheUser: `arn:aws:elasticache:*:*:user:${prefixed}`,
  cacheUserGroup: `arn:aws:elasticache:*:*:usergroup:${prefixed}`,
  alarm: `arn:aws:cloudwatch:*:*:alarm:${prefixed}`,
  topic: `arn:aws:sns:*:*:${prefixed}`,
  // ELBv2 ARNs end in an id AWS assigns; a create is authorized on the ARN being created, name known, id not yet.
  loadBalancer: `arn:aws:elasticloadbalancing:*:*:loadbalancer/app/${prefixed}/*`,
  targetGroup: `arn:aws:elasticloadbalancing:*:*:targetgroup/${prefixed}/*`,
  /** A listener's ARN carries its load balancer's name: `listener/app/<load balancer name>/<lb id>/<id>`. */
  listener: `arn:aws:elasticloadbalancing:*:*:listener/app/${prefixed}/*`,
} as const;

/** Reads of what gamectl observes: none of them can be scoped by resource or tag. */
export const readEverything = (actions: readonly string[]): ControllerPermission => ({ sid: "ReadEverythingGamectlObserves", actions, resources: ["*"] });

/** Creates whose request must carry gamectl's ownership tag. */
export const createWithOwnershipTags = (actions: readonly string[]): ControllerPermission => ({
  sid: "CreateOnlyWithOwnershipTags", actions, resources: ["*"],
  condition: { StringEquals: requestTagged, "ForAnyValue:StringEquals": { "aws:TagKeys": [managedBy] } },
});

/** Changes and deletes of resources that already carry gamectl's ownership tag (and keep it). */
export const changeOwned = (actions: readonly string[]): ControllerPermission => ({
  sid: "ChangeOnlyWhatGamectlOwns", actions, resources: ["*"],
  condition: { StringEquals: resourceTagged, StringEqualsIfExists: requestTagged },
});

/** Creates of kinds named under the installation prefix: the ownership tag in the request, and the name. */
export const createUnderTheInstallationPrefix = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  ...createWithOwnershipTags(actions), sid: "CreateOnlyUnderTheInstallationPrefix", resources,
});

/** Changes of kinds named under the installation prefix: the ownership tag on the resource, and the name. */
export const changeOwnedUnderTheInstallationPrefix = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  ...changeOwned(actions), sid: "ChangeOnlyWhatGamectlOwnsUnderTheInstallationPrefix", resources,
});

export const createRolesUnderThePath: ControllerPermission = {
  sid: "CreateRolesOnlyUnderTheGamectlPathWithTheBoundary", actions: ["iam:CreateRole"], resources: [gamectlArns.role],
  condition: { StringEquals: requestTagged, ArnLike: withTheBoundary },
};

export const changeRolesUnderThePath = (actions: readonly string[]): ControllerPermission => ({
  sid: "ChangeOnlyGamectlRolesUnderItsPathWithTheBoundary", actions, resources: [gamectlArns.role],
  condition: { StringEquals: resourceTagged, StringEqualsIfExists: requestTagged, ArnLike: withTheBoundary },
});

/** Secrets and log groups are named under gamectl's prefix, so their creates are scoped by ARN. */
export const createUnderThePrefix = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  sid: "CreateSecretsAndLogGroupsOnlyUnderTheGamectlPrefix", actions, resources, condition: { StringEquals: requestTagged },
});

export const changeUnderThePrefix = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  sid: "ChangeOnlyGamectlSecretsAndLogGroupsUnderItsPrefix", actions, resources, condition: { StringEquals: resourceTagged, StringEqualsIfExists: requestTagged },
});

/** A tag-on-create call of a service that authorizes the create's tags as a separate action. */
export const tagAtCreateUnderThePath = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  sid: "TagAtCreateUnderTheGamectlPathOnly", actions, resources,
  condition: { StringEquals: requestTagged, Null: { [`aws:ResourceTag/${managedBy}`]: "true" } },
});

/** EC2 creates also authorize the network resources they name (the VPC, subnets, route tables, groups). */
export const createInTheNetwork = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  sid: "CreatesInTheEnvironmentsNetwork", actions, resources,
});

/** ElastiCache creates authorize the subnets, groups and ElastiCache inputs they reference, which gamectl may not own. */
export const elastiCacheInputs = (actions: readonly string[], resources: readonly string[]): ControllerPermission => ({
  sid: "ElastiCacheCreatesReferenceUnownedInputs", actions, resources,
});

/** EC2 tags at create: only within the create call named here. */
export const ec2TagAtCreate = (createAction: string, resource: string): ControllerPermission => ({
  sid: "TagAtCreate", actions: ["ec2:CreateTags"], resources: [resource], condition: { StringEquals: { "ec2:CreateAction": [createAction] } },
});

/** ELB tags at create: only within the create call named here, on the resource it creates. */
export const loadBalancerTagAtCreate = (createAction: string, resource: string): ControllerPermission => ({
  sid: "LoadBalancerTagsAtCreate", actions: ["elasticloadbalancing:AddTags"], resources: [resource],
  condition: { StringEquals: { "elasticloadbalancing:CreateAction": [createAction] } },
});

export const ecsTagAtCreate = (createAction: string): ControllerPermission => ({
  sid: "EcsTagsAtCreate", actions: ["ecs:TagResource"], resources: ["*"],
  condition: { StringEquals: { ...requestTagged, "ecs:CreateAction": [createAction] } },
});

export const dashboardsByName = (actions: readonly string[]): ControllerPermission => ({ sid: "DashboardsByNameOnly", actions, resources: [gamectlArns.dashboard] });

/** The first create of a service in an account makes its service-linked role. */
export const serviceLinkedRole = (service: string, roleName: string): ControllerPermission => ({
  sid: "ServiceLinkedRolesOnFirstUse", actions: ["iam:CreateServiceLinkedRole"],
  resources: [`arn:aws:iam::*:role/aws-service-role/${service}/${roleName}`],
  condition: { StringLike: { "iam:AWSServiceName": [service] } },
});

export const passRolesToEcsTasks: ControllerPermission = {
  sid: "PassOnlyGamectlRolesToEcsTasks", actions: ["iam:PassRole"], resources: [gamectlArns.role],
  condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
};
