import { createHash } from "node:crypto";
import { parameterGroupFamily } from "./known-values.ts";
import type { GameEnvironmentSpec } from "./types.generated.ts";

export type SecurityGroupComponent = "alb" | "app" | "redis" | "endpoints";

/**
 * How an environment's physical names are made. `v2`: every name starts with the installation prefix and a hash of
 * `namespace/name` at a fixed place, so names are injective over (namespace, name, logical name). `v1` (legacy):
 * `<namespace>-<name>-...`, which collides across environments; kept for environments whose resources exist under it.
 */
export type NamingScheme = "v1" | "v2";

/** The tag every resource of a v2 environment carries: the scheme is read back from AWS, never remembered. */
export const NAMING_TAG = "gamectl.dev/naming";

/** The installation prefix when none is configured. */
export const DEFAULT_INSTALLATION_PREFIX = "gc";
/**
 * A letter, then at most 5 lowercase letters or digits, and no '-': the prefix ends at the first '-', and
 * ElastiCache names must start with a letter. Short, because an ALB name has 32 characters.
 */
export const INSTALLATION_PREFIX_PATTERN = /^[a-z][a-z0-9]{0,5}$/;

export interface NamingOptions {
  /** Default `v2`. */
  readonly scheme?: NamingScheme;
  /** What every v2 name starts with; the controller's IAM policy allows changes only under it. Default "gc". */
  readonly installationPrefix?: string;
}

/** The deterministic AWS names of one environment's resources. The same namespace/name/spec/options always give the same names. */
export interface PhysicalNames {
  readonly scheme: NamingScheme;
  /**
   * v2: `<installation>-<10-hex hash of namespace/name>`; a name is this prefix, `-<namespace>-<name>` and a suffix,
   * fitted to AWS's limits with a hash of the whole when cut, so it always starts with this prefix and a '-'.
   * v1: `<namespace>-<name>`, plus a hash when the namespace has a '-'; a name is this prefix plus a suffix.
   */
  readonly prefix: string;
  /** ElastiCache replication group: at most 40 characters, lowercase, starts with a letter, no "--". */
  readonly replicationGroupId: string;
  readonly cacheSubnetGroupName: string;
  /** Carries the parameter-group family, which is immutable: a new family gets a new group. */
  readonly cacheParameterGroupName: string;
  /** At most 32 characters. */
  readonly albName: string;
  /** At most 32 characters; a hash of port, protocol and VPC, so a replacement (create before destroy) gets a new name. */
  readonly targetGroupName: string;
  /** The role gamectl creates, or spec.iam.taskRole.existingRoleName. At most 64 characters. */
  readonly taskRoleName: string;
  /** The inline policy gamectl puts on the task role. */
  readonly taskPolicyName: string;
  securityGroupName(component: SecurityGroupComponent): string;
  /** The physical name of a table from its logical name: 3 to 255 characters. */
  tableName(logical: string): string;
  readonly alarmName: string;
  /** The environment's CloudWatch dashboard: at most 255 letters, digits, - and _. */
  readonly dashboardName: string;
  readonly snsTopicName: string;
  readonly redisSecretName: string;
  /** ElastiCache user (IAM auth: also the user name). At most 40 characters. */
  readonly redisUserId: string;
  readonly redisUserGroupId: string;
  /** The deployed game server's ECS service, task-definition family and (when gamectl creates it) cluster. At most 255 characters. */
  readonly gameServerName: string;
  /** The task execution role ECS pulls the image, writes logs and reads secrets with. At most 64 characters. */
  readonly executionRoleName: string;
  /** The CloudWatch Logs group of the game server's containers. */
  readonly logGroupName: string;
}

function shortHash(input: string, length = 8): string {
  return createHash("sha256").update(input).digest("hex").slice(0, length);
}

interface NameRule {
  readonly max: number;
  /** Rewrites characters the service does not accept; any rewrite adds the hash, to stay unique. */
  readonly sanitize?: (name: string) => string;
  readonly mustStartWithLetter?: boolean;
}

/** `name` when it already fits the rule; otherwise a truncated, sanitized name ending in a hash of the full name. */
export function fitName(name: string, rule: NameRule): string {
  let clean = rule.sanitize ? rule.sanitize(name) : name;
  if (rule.mustStartWithLetter && !/^[a-zA-Z]/.test(clean)) clean = `g${clean}`;
  if (clean === name && clean.length <= rule.max) return clean;
  const hash = shortHash(name);
  const room = rule.max - hash.length - 1;
  const head = clean.slice(0, room).replace(/-+$/, "");
  return `${head}-${hash}`;
}

const lowercaseNoDoubleHyphen = (name: string) => name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-{2,}/g, "-").replace(/-+$/, "");
const alphanumericHyphen = (name: string) => name.replace(/[^A-Za-z0-9-]/g, "-").replace(/^-+|-+$/g, "");

const rules = {
  replicationGroupId: { max: 40, sanitize: lowercaseNoDoubleHyphen, mustStartWithLetter: true },
  cacheGroup: { max: 255, sanitize: lowercaseNoDoubleHyphen, mustStartWithLetter: true },
  elb: { max: 32, sanitize: alphanumericHyphen },
  iamRole: { max: 64 },
  iamPolicy: { max: 128 },
  securityGroup: { max: 255 },
  table: { max: 255 },
  alarm: { max: 255 },
  dashboard: { max: 255, sanitize: (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "-") },
  snsTopic: { max: 256, sanitize: (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "-") },
  secret: { max: 512 },
  redisUser: { max: 40, sanitize: lowercaseNoDoubleHyphen, mustStartWithLetter: true },
  ecs: { max: 255, sanitize: (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "-") },
  logGroup: { max: 512 },
} satisfies Record<string, NameRule>;

/** The v1 (legacy) prefix. */
export function environmentPrefix(namespace: string, name: string): string {
  return namespace.includes("-") ? `${namespace}-${name}-${shortHash(`${namespace}/${name}`, 4)}` : `${namespace}-${name}`;
}

/**
 * The v2 prefix, `<installation>-<hash of namespace/name>`: what identifies the environment in each of its names. The
 * hash sits right after the installation prefix, where no namespace, name or suffix can shift it, and fitName never
 * cuts that far (its shortest room, 23 of an ALB's 32 characters, holds the at most 17 of this prefix and its '-'):
 * two equal names of one kind have the same hash, so the same namespace/name, so the same suffix. Every v2 name
 * starts with it and a '-', however it was cut, so a driver finds an environment's leftovers by it.
 */
export function hashedEnvironmentPrefix(namespace: string, name: string, installationPrefix = DEFAULT_INSTALLATION_PREFIX): string {
  if (!INSTALLATION_PREFIX_PATTERN.test(installationPrefix)) {
    throw new Error(`installation prefix "${installationPrefix}" is invalid: use a letter then at most 5 lowercase letters or digits, e.g. "gc"`);
  }
  return `${installationPrefix}-${shortHash(`${namespace}/${name}`, 10)}`;
}

/** The execution role's name from the environment's prefix alone: a driver finds a leftover role by it. */
export function executionRoleNameFor(prefix: string): string {
  return fitName(`${prefix}-execution`, rules.iamRole);
}

/** Every AWS name of the environment namespace/name. */
export function physicalNames(namespace: string, name: string, spec: GameEnvironmentSpec, options: NamingOptions = {}): PhysicalNames {
  const scheme = options.scheme ?? "v2";
  const prefix = scheme === "v2" ? hashedEnvironmentPrefix(namespace, name, options.installationPrefix) : environmentPrefix(namespace, name);
  // v2 names carry namespace and name after the hash for people to read; v1 names are the prefix itself.
  const base = scheme === "v2" ? `${prefix}-${namespace}-${name}` : prefix;
  const family = spec.redis ? (parameterGroupFamily(spec.redis.engineVersion) ?? spec.redis.engineVersion) : "redis7";
  const targetGroupIdentity = `${namespace}/${name}|${spec.gameServer.port}|HTTP|${spec.network.vpcId}`;
  // v2: both hashes at fixed places in front make the name unique, so the readable rest is simply cut at 32
  // characters. v1 is kept exactly as it was.
  const targetGroupName = scheme === "v2"
    ? `${prefix}-${shortHash(targetGroupIdentity, 6)}-${namespace}-${name}`.slice(0, 32).replace(/-+$/, "")
    : `${fitName(prefix, { max: 32 - 7, sanitize: alphanumericHyphen })}-${shortHash(targetGroupIdentity, 6)}`;
  const existingRole = spec.iam.taskRole.existingRoleName;
  const redisUser = fitName(`${base}-app`, rules.redisUser);
  return {
    scheme,
    prefix,
    replicationGroupId: fitName(base, rules.replicationGroupId),
    cacheSubnetGroupName: fitName(`${base}-redis`, rules.cacheGroup),
    // A generation per engine family and cluster mode: neither can change on a group a replication group
    // uses, so a change gets a new group, and the old one goes once nothing uses it.
    cacheParameterGroupName: fitName(`${base}-${family.replace(/\./g, "-")}${(spec.redis?.shards ?? 1) > 1 ? "-cluster" : ""}`, rules.cacheGroup),
    albName: fitName(base, rules.elb),
    targetGroupName,
    taskRoleName: existingRole ?? fitName(`${base}-task`, rules.iamRole),
    taskPolicyName: fitName(`gamectl-${prefix}`, rules.iamPolicy),
    securityGroupName: (component) => fitName(`${base}-${component}`, rules.securityGroup),
    tableName: (logical) => fitName(`${base}-${logical}`, rules.table),
    alarmName: fitName(`${base}-session-creation-latency`, rules.alarm),
    dashboardName: fitName(`${base}-dashboard`, rules.dashboard),
    snsTopicName: fitName(`${base}-alerts`, rules.snsTopic),
    redisSecretName: fitName(`gamectl/${namespace}/${name}/redis-auth-token`, rules.secret),
    redisUserId: redisUser,
    redisUserGroupId: fitName(`${base}-users`, rules.redisUser),
    gameServerName: fitName(`${base}-game`, rules.ecs),
    executionRoleName: executionRoleNameFor(prefix),
    logGroupName: fitName(`/gamectl/${namespace}/${name}/game-server`, rules.logGroup),
  };
}

/** Every concrete name with the limits AWS enforces, for the loader's checks. */
export function namedLimits(names: PhysicalNames, spec: GameEnvironmentSpec): Array<{ what: string; name: string; min: number; max: number; pattern: RegExp }> {
  const list = [
    { what: "replication group id", name: names.replicationGroupId, min: 1, max: 40, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/ },
    { what: "ALB name", name: names.albName, min: 1, max: 32, pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/ },
    { what: "target group name", name: names.targetGroupName, min: 1, max: 32, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/ },
    { what: "IAM role name", name: names.taskRoleName, min: 1, max: 64, pattern: /^[\w+=,.@-]+$/ },
    { what: "Redis user id", name: names.redisUserId, min: 1, max: 40, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/ },
    { what: "execution role name", name: names.executionRoleName, min: 1, max: 64, pattern: /^[\w+=,.@-]+$/ },
  ];
  for (const table of spec.dynamodb?.tables ?? []) {
    list.push({ what: `table name of "${table.name}"`, name: names.tableName(table.name), min: 3, max: 255, pattern: /^[A-Za-z0-9_.-]+$/ });
  }
  return list;
}

export const OWNERSHIP_TAGS = {
  environment: "gamectl.dev/environment",
  component: "gamectl.dev/component",
  managedBy: "gamectl.dev/managed-by",
} as const;

/** The tags of every resource gamectl owns: the spec's tags with gamectl's ownership tags over them. */
export function ownershipTags(namespace: string, name: string, component: string, specTags: Readonly<Record<string, string>> = {}, scheme: NamingScheme = "v1"): Record<string, string> {
  return {
    ...specTags,
    [OWNERSHIP_TAGS.environment]: `${namespace}/${name}`,
    [OWNERSHIP_TAGS.component]: component,
    [OWNERSHIP_TAGS.managedBy]: "gamectl",
    // v1 resources never had it: its absence on an environment's resources is what marks them legacy.
    ...(scheme === "v2" ? { [NAMING_TAG]: scheme } : {}),
  };
}
