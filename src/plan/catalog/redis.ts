import type { KindCatalogEntry } from "../catalog.ts";

const quick = { creating: 2_000, updating: 2_000, deleting: 2_000 };
/** Every change to a replication group is refused by AWS unless the group and all its node groups are `available`. */
const whenAvailable = { semantics: "needs-state", waitsFor: "available" } as const;

export const replicationGroupReplaceSteps = [
  "take a final snapshot of the old replication group",
  "delete the old replication group",
  "create the new replication group seeded from that snapshot",
] as const;

/** ElastiCache: subnet group, parameter group, replication group, users and the auth secret. */
export const redisKinds: Readonly<Record<string, KindCatalogEntry>> = {
  CacheSubnetGroup: {
    kind: "CacheSubnetGroup",
    title: "ElastiCache subnet group",
    service: "elasticache",
    // A retained replication group still lives in it: it is kept with the group's data.
    dataHolding: true,
    tier: 0,
    fields: {
      subnetIds: { semantics: "in-place", compare: "set" },
    },
    readyStates: ["available"],
    requeueMs: quick,
  },
  CacheParameterGroup: {
    kind: "CacheParameterGroup",
    title: "ElastiCache parameter group",
    service: "elasticache",
    dataHolding: true,
    tier: 0,
    fields: {
      family: {
        semantics: "immutable",
        reason: "a parameter group's family is fixed at creation and follows the engine's major version; a new family gets a new group",
      },
    },
    readyStates: ["available"],
    requeueMs: quick,
  },
  RedisAuthSecret: {
    kind: "RedisAuthSecret",
    title: "Secrets Manager secret (Redis AUTH token)",
    service: "secretsmanager",
    // The token is the only way into a token-authenticated group: losing it locks every client out.
    dataHolding: true,
    tier: 0,
    fields: {},
    readyStates: ["available"],
    requeueMs: quick,
  },
  RedisUser: {
    kind: "RedisUser",
    title: "ElastiCache user",
    service: "elasticache",
    dataHolding: true,
    tier: 0,
    fields: {
      userName: { semantics: "replace", reason: "ElastiCache cannot rename a user" },
      authenticationType: { semantics: "in-place" },
      accessString: { semantics: "in-place" },
    },
    readyStates: ["active"],
    requeueMs: quick,
  },
  RedisUserGroup: {
    kind: "RedisUserGroup",
    title: "ElastiCache user group",
    service: "elasticache",
    dataHolding: true,
    tier: 1,
    fields: {
      userIds: { semantics: "in-place", compare: "set" },
    },
    readyStates: ["active"],
    requeueMs: quick,
  },
  ReplicationGroup: {
    kind: "ReplicationGroup",
    title: "ElastiCache replication group",
    service: "elasticache",
    dataHolding: true,
    tier: 2,
    fields: {
      engine: { semantics: "immutable", reason: "a replication group's engine cannot change; it needs a new group" },
      port: { semantics: "immutable", reason: "ElastiCache cannot change the port of an existing replication group" },
      atRestEncryption: { semantics: "immutable", reason: "encryption at rest can only be chosen when a replication group is created" },
      subnetGroup: { semantics: "immutable", reason: "a replication group cannot move to another subnet group" },
      clusterMode: {
        semantics: "immutable",
        reason: "switching cluster mode on or off (shards > 1 versus 1) needs a new replication group and a data migration",
      },
      engineVersion: whenAvailable,
      nodeType: whenAvailable,
      replicasPerShard: {
        semantics: "one-at-a-time", waitsFor: "available",
        reason: "replicas change through Increase/DecreaseReplicaCount, one operation at a time, before any shard change",
      },
      shards: {
        semantics: "one-at-a-time", waitsFor: "available",
        reason: "resharding runs alone, after replica changes, while the group is available",
      },
      automaticFailover: whenAvailable,
      multiAZ: whenAvailable,
      transitEncryption: whenAvailable,
      authTokenSecret: whenAvailable,
      userGroupId: whenAvailable,
      parameterGroup: whenAvailable,
      securityGroupIds: { ...whenAvailable, compare: "set" },
      snapshotRetentionDays: whenAvailable,
      snapshotWindow: whenAvailable,
      maintenanceWindow: whenAvailable,
    },
    readyStates: ["available"],
    requeueMs: { creating: 15_000, updating: 10_000, deleting: 15_000 },
    replaceSteps: replicationGroupReplaceSteps,
  },
};
