import type { FieldSemantics, KindCatalogEntry } from "../catalog.ts";

const steady = { creating: 2_000, updating: 2_000, deleting: 2_000 };

/** Security groups, DynamoDB tables and the IAM task role. */
/** How any role gamectl creates may change: the task role and the game server's execution role alike. */
export const roleFields: Readonly<Record<string, FieldSemantics>> = {
  path: { semantics: "replace", reason: "IAM cannot change a role's path (roles gamectl created at / before it used /gamectl/ are replaced once)" },
  permissionsBoundary: { semantics: "replace", reason: "only a role carrying gamectl's permissions boundary is the controller's to change; a role without it is replaced" },
  assumeRolePolicy: { semantics: "in-place", compare: "iam-policy" },
  policy: { semantics: "in-place", compare: "iam-policy" },
};

export const coreKinds: Readonly<Record<string, KindCatalogEntry>> = {
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
    // Deleting the rules revokes both directions; the group stays while a retained Redis uses it.
    goneWhenEmpty: ["ingress", "egress"],
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
      ...roleFields,
      attachedPolicies: { semantics: "in-place", compare: "set" },
      otherInlinePolicies: { semantics: "in-place", compare: "set" },
    },
    readyStates: ["available"],
    requeueMs: steady,
  },
};

