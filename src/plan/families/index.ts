import type { LoadedEnvironment } from "../../spec/load.ts";
import type { EnvironmentOutputs } from "../../spec/types.generated.ts";
import type { DesiredResource, ObservedResource } from "../types.ts";
import type { AttributeLookup } from "../values.ts";
import { dynamodbFamily } from "./dynamodb.ts";
import { edgeFamilies } from "./edge.ts";
import type { ResourceFamily } from "./family.ts";
import { gameServerFamily } from "./game-server.ts";
import { iamFamily } from "./iam.ts";
import { dashboardFamily } from "./observability.ts";
import { redisFamilies } from "./redis.ts";
import { securityGroupsFamily } from "./security-groups.ts";

/** Every resource family gamectl manages. */
export const families: readonly ResourceFamily[] = [securityGroupsFamily, dynamodbFamily, iamFamily, ...redisFamilies, ...edgeFamilies, gameServerFamily, dashboardFamily];

/** The whole desired state of an environment, derived purely from its validated spec. */
export function desiredResources(env: LoadedEnvironment): DesiredResource[] {
  const resources = families.flatMap((family) => family.desired(env));
  const seen = new Set<string>();
  for (const resource of resources) {
    if (seen.has(resource.name)) throw new Error(`two resources share the logical name ${resource.name}`);
    seen.add(resource.name);
  }
  return resources;
}

export function environmentOutputs(env: LoadedEnvironment, lookup: AttributeLookup, observed: ReadonlyMap<string, ObservedResource>): EnvironmentOutputs {
  const outputs = { tables: {}, securityGroups: {}, vpcEndpoints: {} } as EnvironmentOutputs;
  for (const family of families) family.outputs?.(env, lookup, observed, outputs);
  return outputs;
}
