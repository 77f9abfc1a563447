import type { LoadedEnvironment } from "../../spec/load.ts";
import type { RedisSpec } from "../../spec/types.generated.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
import { ref } from "../values.ts";
import {
  redisAuthSecretName, redisParameterGroupName, redisSettings, redisSubnetGroupName, redisUserGroupName, redisUserName, replicationGroupName,
} from "../../kinds/elasticache/redis.ts";
import { tagsFor, type ResourceFamily } from "./family.ts";
import { securityGroupName } from "./security-groups.ts";

function replicationGroup(env: LoadedEnvironment, redis: RedisSpec): DesiredResource {
  const s = redisSettings(redis);
  const properties: Record<string, DesiredValue> = {
    engine: "redis",
    engineVersion: s.engineVersion,
    nodeType: s.nodeType,
    clusterMode: s.shards > 1 ? "enabled" : "disabled",
    shards: s.shards,
    replicasPerShard: s.replicasPerShard,
    // Cluster mode requires automatic failover; Multi-AZ requires it too.
    automaticFailover: s.multiAZ || s.shards > 1,
    multiAZ: s.multiAZ,
    port: s.port,
    atRestEncryption: s.atRest,
    transitEncryption: s.inTransit,
    authTokenSecret: s.authentication === "token" ? ref(redisAuthSecretName, "arn") : null,
    userGroupId: s.authentication === "iam" ? ref(redisUserGroupName, "id") : null,
    // Deterministic names rather than references, so observe can tell an immutable change apart.
    subnetGroup: env.names.cacheSubnetGroupName,
    parameterGroup: env.names.cacheParameterGroupName,
    securityGroupIds: [ref(securityGroupName("redis"), "id")],
    snapshotRetentionDays: s.snapshotRetentionDays,
  };
  if (redis.snapshotWindow) properties.snapshotWindow = redis.snapshotWindow;
  if (redis.maintenanceWindow) properties.maintenanceWindow = redis.maintenanceWindow.toLowerCase();
  return {
    kind: "ReplicationGroup",
    name: replicationGroupName,
    component: replicationGroupName,
    physicalName: env.names.replicationGroupId,
    properties,
    dependsOn: [redisSubnetGroupName, redisParameterGroupName],
    tags: tagsFor(env, replicationGroupName),
    ...(redis.allowReplacement ? { allowReplacement: true } : {}),
  };
}

/** The game server connects as the IAM user: elasticache:Connect on exactly its group and user. */
export function redisConnectStatements(env: LoadedEnvironment): DesiredValue[] {
  if (env.manifest.spec.redis?.authentication !== "iam") return [];
  return [{
    Sid: "RedisConnect", Effect: "Allow", Action: ["elasticache:Connect"],
    Resource: [ref(replicationGroupName, "arn"), ref(redisUserName, "arn")],
  }];
}

export const redisFamily: ResourceFamily = {
  name: "redis",
  desired(env) {
    const redis = env.manifest.spec.redis;
    if (!redis) return [];
    return [replicationGroup(env, redis)];
  },
  outputs(env, lookup, _observed, outputs) {
    const redis = env.manifest.spec.redis;
    if (!redis) return;
    const primaryEndpoint = lookup(replicationGroupName, "primaryEndpoint");
    if (!primaryEndpoint) return;
    const s = redisSettings(redis);
    const port = Number(lookup(replicationGroupName, "port") ?? s.port);
    const secretArn = s.authentication === "token" ? lookup(redisAuthSecretName, "arn") : undefined;
    const userGroupId = s.authentication === "iam" ? lookup(redisUserGroupName, "id") : undefined;
    const userId = s.authentication === "iam" ? lookup(redisUserName, "id") : undefined;
    outputs.redis = {
      primaryEndpoint,
      readerEndpoint: lookup(replicationGroupName, "readerEndpoint") ?? primaryEndpoint,
      port,
      tls: s.inTransit,
      authMode: s.authentication,
      ...(secretArn ? { secretArn } : {}),
      ...(userGroupId ? { userGroupId } : {}),
      ...(userId ? { userId } : {}),
    };
  },
};

/** ElastiCache Redis families (subnet group, parameter group, replication group, auth). */
export const redisFamilies: readonly ResourceFamily[] = [redisFamily];
