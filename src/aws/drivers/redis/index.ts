import type { ResourceDriver } from "../../driver.ts";

export function redisDrivers(): ResourceDriver[] {
  return [];
}
