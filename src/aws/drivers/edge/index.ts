import type { ResourceDriver } from "../../driver.ts";

export function edgeDrivers(): ResourceDriver[] {
  return [];
}
