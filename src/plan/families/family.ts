import type { LoadedEnvironment } from "../../spec/load.ts";
import { ownershipTags } from "../../spec/names.ts";
import type { EnvironmentOutputs } from "../../spec/types.generated.ts";
import type { DesiredResource, ObservedResource } from "../types.ts";
import type { AttributeLookup } from "../values.ts";

/**
 * A family turns one part of the spec into desired resources, and observed attributes back into
 * outputs. Adding a resource kind is a family, a driver and catalog entries; the engine is untouched.
 */
export interface ResourceFamily {
  readonly name: string;
  desired(env: LoadedEnvironment): DesiredResource[];
  outputs?(env: LoadedEnvironment, lookup: AttributeLookup, observed: ReadonlyMap<string, ObservedResource>, outputs: EnvironmentOutputs): void;
}

/** The spec's tags under gamectl's ownership tags; ownership always wins. */
export function tagsFor(env: LoadedEnvironment, component: string): Record<string, string> {
  const [namespace = "default", name = env.manifest.metadata.name] = env.key.split("/");
  return { ...env.manifest.spec.tags, ...ownershipTags(namespace, name, component) };
}

/** Logical names one family references in another's resources. */
export const replicationGroupName = "redis/group";
