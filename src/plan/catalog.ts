import type { UpdateSemantics } from "./types.ts";

/** The AWS service a kind is called through; the executor bounds concurrency per service. */
export type AwsServiceName = "ec2" | "dynamodb" | "iam" | "sts" | "elasticache" | "elbv2" | "cloudwatch" | "sns" | "secretsmanager" | "ecs";

export interface FieldSemantics {
  readonly semantics: UpdateSemantics;
  /** For needs-state: the state the resource must be in before the change is sent. */
  readonly waitsFor?: string;
  /** Shown to the user for replace and immutable fields. */
  readonly reason?: string;
  /** How values are compared: as unordered sets, or as IAM policy documents. Default: structurally. */
  readonly compare?: "set" | "iam-policy";
}

export interface KindCatalogEntry {
  readonly kind: string;
  /** Human name used in plans, e.g. "DynamoDB table". */
  readonly title: string;
  readonly service: AwsServiceName;
  /** Deleting or replacing it loses data: deletes obey deletionPolicy, plans flag data loss. */
  readonly dataHolding: boolean;
  /** Creation tier: lower tiers are created first and deleted last. */
  readonly tier: number;
  /** Fields not listed here are in-place. */
  readonly fields: Readonly<Record<string, FieldSemantics>>;
  /** States in which the resource counts as ready. */
  readonly readyStates: readonly string[];
  /** Requeue intervals while the resource is transitional, in milliseconds. */
  readonly requeueMs: { readonly creating: number; readonly updating: number; readonly deleting: number };
  /** Extra steps of a replacement, shown in the plan. */
  readonly replaceSteps?: readonly string[];
}

const steady = { creating: 2_000, updating: 2_000, deleting: 2_000 };

/**
 * How every field of every kind may change. The plan engine reads only this; drivers never
 * decide update semantics themselves.
 */
export const catalog: Readonly<Record<string, KindCatalogEntry>> = {
  SecurityGroup: {
    kind: "SecurityGroup",
    title: "security group",
    service: "ec2",
    dataHolding: false,
    tier: 0,
    fields: {
      vpcId: { semantics: "replace", reason: "a security group cannot move to another VPC" },
      description: { semantics: "replace", reason: "EC2 cannot change a security group's description" },
    },
    readyStates: ["available"],
    requeueMs: steady,
  },
  SecurityGroupRules: {
    kind: "SecurityGroupRules",
    title: "security group rules",
    service: "ec2",
    dataHolding: false,
    tier: 1,
    fields: {
      groupId: { semantics: "replace", reason: "rules belong to one security group" },
      ingress: { semantics: "in-place", compare: "set" },
      egress: { semantics: "in-place", compare: "set" },
    },
    readyStates: ["available"],
    requeueMs: steady,
  },
  DynamoTable: {
    kind: "DynamoTable",
    title: "DynamoDB table",
    service: "dynamodb",
    dataHolding: true,
    tier: 0,
    fields: {
      keySchema: {
        semantics: "immutable",
        reason: "DynamoDB cannot change a table's key schema; create a new table and migrate the data, or set deletionPolicy and rename the table",
      },
      billingMode: { semantics: "needs-state", waitsFor: "ACTIVE" },
      provisionedThroughput: { semantics: "needs-state", waitsFor: "ACTIVE" },
      globalSecondaryIndexes: {
        semantics: "one-at-a-time", waitsFor: "ACTIVE", compare: "set",
        reason: "DynamoDB creates or deletes one index per update, once every index is ACTIVE",
      },
      sse: { semantics: "needs-state", waitsFor: "ACTIVE" },
      deletionProtection: { semantics: "needs-state", waitsFor: "ACTIVE" },
      timeToLive: { semantics: "in-place" },
      pointInTimeRecovery: { semantics: "in-place" },
    },
    readyStates: ["ACTIVE"],
    requeueMs: { creating: 5_000, updating: 10_000, deleting: 5_000 },
  },
  TaskRole: {
    kind: "TaskRole",
    title: "IAM task role",
    service: "iam",
    dataHolding: false,
    tier: 2,
    fields: {
      path: { semantics: "replace", reason: "IAM cannot change a role's path" },
      assumeRolePolicy: { semantics: "in-place", compare: "iam-policy" },
      policy: { semantics: "in-place", compare: "iam-policy" },
    },
    readyStates: ["available"],
    requeueMs: steady,
  },
};

export function catalogEntry(kind: string): KindCatalogEntry {
  const entry = catalog[kind];
  if (!entry) throw new Error(`no catalog entry for resource kind "${kind}"`);
  return entry;
}

export function fieldSemantics(kind: string, field: string): FieldSemantics {
  return catalogEntry(kind).fields[field] ?? { semantics: "in-place" };
}
