import type { LoadedEnvironment } from "../../spec/load.ts";
import { fitName } from "../../spec/names.ts";
import type { RedisSpec } from "../../spec/types.generated.ts";

/**
 * What the Redis kinds share with each other and with the kinds that use Redis (the game server's variables,
 * its security groups): the logical names they reference one another by, and the spec's redis section as they read it.
 */

export const replicationGroupName = "redis/group";
export const redisSubnetGroupName = "redis/subnets";
export const redisParameterGroupName = "redis/parameters";
export const redisAuthSecretName = "redis/auth-token";
export const redisUserName = "redis/user";
export const redisDefaultUserName = "redis/default-user";
export const redisUserGroupName = "redis/user-group";

/** The ElastiCache user id of the environment's disabled "default" user (user ids are account-wide). */
export function defaultUserId(env: LoadedEnvironment): string {
  const name = `${env.names.prefix}-default`;
  return fitName(name, {
    max: 40, mustStartWithLetter: true,
    sanitize: (n) => n.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-{2,}/g, "-").replace(/-+$/, ""),
  });
}

/** The spec's redis section as the kinds read it; the schema's defaults are applied by the loader. */
export function redisSettings(spec: RedisSpec) {
  return {
    engineVersion: spec.engineVersion,
    nodeType: spec.nodeType,
    shards: spec.shards,
    replicasPerShard: spec.replicasPerShard,
    multiAZ: spec.multiAZ,
    port: spec.port,
    atRest: spec.encryption.atRest,
    inTransit: spec.encryption.inTransit,
    authentication: spec.authentication,
    snapshotRetentionDays: spec.snapshotRetentionDays,
  };
}
