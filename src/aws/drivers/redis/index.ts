import type { ResourceDriver } from "../../driver.ts";
import { RedisAuthSecretDriver, RedisUserDriver, RedisUserGroupDriver } from "./auth.ts";
import { CacheParameterGroupDriver, CacheSubnetGroupDriver } from "./groups.ts";
import { ReplicationGroupDriver } from "./replication-group.ts";

/** ElastiCache Redis: subnet group, parameter group, AUTH secret or IAM users, and the replication group. */
export function redisDrivers(): ResourceDriver[] {
  return [
    new CacheSubnetGroupDriver(), new CacheParameterGroupDriver(), new RedisAuthSecretDriver(),
    new RedisUserDriver(), new RedisUserGroupDriver(), new ReplicationGroupDriver(),
  ];
}
