import type { ResourceFamily } from "../plan/families/family.ts";
import type { DesiredResource } from "../plan/types.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { BuildContext, DesiredResourceOf, KindProperties } from "./kind.ts";

/** One family's resources per environment, within one derivation of the desired state (see `startDerivation`). */
let built = new WeakMap<LoadedEnvironment, Map<ResourceFamily, DesiredResource[]>>();

/** Forgets what families built: the desired state is always derived afresh from the spec as it is now. */
export function startDerivation(): void {
  built = new WeakMap();
}

/**
 * A builder that takes this kind's resources from a family that still builds several kinds from one spec
 * section, building the family once per derivation. Transitional: a kind whose builder lives in its own
 * module does not use it.
 */
export function familyBuilder<Name extends string>(kind: Name, family: ResourceFamily): (env: LoadedEnvironment, context: BuildContext) => Array<DesiredResourceOf<Name, KindProperties>> {
  return (env, context) => {
    let byFamily = built.get(env);
    if (!byFamily) built.set(env, (byFamily = new Map()));
    let resources = byFamily.get(family);
    if (!resources) byFamily.set(family, (resources = family.desired(env, context)));
    return resources.filter((resource): resource is DesiredResource & DesiredResourceOf<Name, KindProperties> => resource.kind === kind);
  };
}
