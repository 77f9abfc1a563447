import type { ResourceDriver } from "../driver.ts";
import { DashboardDriver } from "./dashboard.ts";
import { DynamoTableDriver } from "./dynamodb.ts";
import { edgeDrivers } from "./edge/index.ts";
import { gameServerDrivers } from "./game-server/index.ts";
import { TaskRoleDriver } from "./iam.ts";
import { redisDrivers } from "./redis/index.ts";
import { SecurityGroupDriver, SecurityGroupRulesDriver } from "./security-groups.ts";

/** Every driver, by the kind it manages. */
export function createDrivers(): Map<string, ResourceDriver> {
  const drivers: ResourceDriver[] = [new SecurityGroupDriver(), new SecurityGroupRulesDriver(), new DynamoTableDriver(), new TaskRoleDriver(), ...redisDrivers(), ...edgeDrivers(), ...gameServerDrivers(), new DashboardDriver()];
  return new Map(drivers.map((d) => [d.kind, d]));
}
