import type { BuildContext } from "../../kinds/kind.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { EnvironmentOutputs } from "../../spec/types.generated.ts";
import type { DesiredResource, ObservedResource } from "../types.ts";
import type { AttributeLookup } from "../values.ts";

/**
 * A family turns one part of the spec into desired resources, and observed attributes back into
 * outputs. Transitional: each kind's builder moves into its kind module (src/kinds/), and the family goes.
 */
export interface ResourceFamily {
  readonly name: string;
  desired(env: LoadedEnvironment, context: BuildContext): DesiredResource[];
  outputs?(env: LoadedEnvironment, lookup: AttributeLookup, observed: ReadonlyMap<string, ObservedResource>, outputs: EnvironmentOutputs): void;
}

/** Families tag what they build as the kinds do (src/kinds/tags.ts). */
export { tagsFor } from "../../kinds/tags.ts";

/** Logical names one family references in another's resources; the Redis kinds' names live with them. */
export { replicationGroupName } from "../../kinds/elasticache/redis.ts";
