import type { KindCatalogEntry } from "../catalog.ts";
import { roleFields } from "./core.ts";

const quick = { creating: 2_000, updating: 2_000, deleting: 3_000 };

/** The deployed game server: its log group, execution role, task definition, cluster and Fargate service. */
export const gameServerKinds: Readonly<Record<string, KindCatalogEntry>> = {
  LogGroup: {
    kind: "LogGroup",
    title: "CloudWatch Logs group",
    service: "logs",
    // The game server's logs are data: deleting the environment keeps them under deletionPolicy Retain.
    dataHolding: true,
    tier: 0,
    fields: { retentionInDays: { semantics: "in-place" } },
    readyStates: ["available"],
    requeueMs: quick,
  },
  ExecutionRole: {
    kind: "ExecutionRole",
    title: "IAM task execution role",
    service: "iam",
    // IAM roles are not in the tagging API; the environment's task definitions are, and reveal that an
    // execution role may be left over once deploy mode is turned off.
    inventoryType: "ecs:task-definition",
    dataHolding: false,
    tier: 2,
    fields: roleFields,
    readyStates: ["available"],
    requeueMs: quick,
  },
  EcsCluster: {
    kind: "EcsCluster",
    title: "ECS cluster",
    service: "ecs",
    inventoryType: "ecs:cluster",
    dataHolding: false,
    tier: 0,
    fields: { clusterName: { semantics: "replace", reason: "an ECS cluster cannot be renamed" } },
    readyStates: ["ACTIVE"],
    requeueMs: quick,
  },
  TaskDefinition: {
    kind: "TaskDefinition",
    title: "ECS task definition",
    service: "ecs",
    inventoryType: "ecs:task-definition",
    dataHolding: false,
    tier: 3,
    // Every field is in-place: a change registers a new revision of the family, and the service moves to it.
    fields: {},
    readyStates: ["ACTIVE"],
    requeueMs: quick,
  },
  EcsService: {
    kind: "EcsService",
    title: "ECS Fargate service",
    service: "ecs",
    inventoryType: "ecs:service",
    dataHolding: false,
    tier: 4,
    fields: {
      cluster: { semantics: "replace", reason: "an ECS service cannot move to another cluster" },
      launchType: { semantics: "replace", reason: "ECS cannot change a service's launch type" },
      subnets: { semantics: "in-place", compare: "set" },
      securityGroups: { semantics: "in-place", compare: "set" },
      loadBalancers: { semantics: "in-place", compare: "set" },
    },
    readyStates: ["ACTIVE"],
    requeueMs: { creating: 10_000, updating: 10_000, deleting: 10_000 },
  },
};
