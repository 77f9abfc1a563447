/**
 * Which environment owns the resource an event names. Pure: built from what the controller already
 * knows (each environment's deterministic physical names and the ids its last status reported), so
 * mapping an event costs no AWS call unless it names something none of them knows.
 */
import type { DesiredResource } from "../../plan/types.ts";
import type { GameEnvironmentStatus } from "../../spec/types.generated.ts";
import type { ChangeEvent } from "./cloudtrail.ts";

export interface OwnedIdentifier {
  /** The environment, "namespace/name". */
  readonly key: string;
  readonly kind: string;
}

/** What one environment answers to: its resources' physical names and the ids AWS gave them. */
export interface EnvironmentIdentifiers {
  readonly key: string;
  readonly resources: readonly Pick<DesiredResource, "kind" | "physicalName">[];
  readonly status?: Pick<GameEnvironmentStatus, "resources">;
}

export class OwnershipIndex {
  private readonly byIdentifier = new Map<string, OwnedIdentifier[]>();

  constructor(environments: Iterable<EnvironmentIdentifiers>) {
    for (const env of environments) {
      for (const resource of env.resources) this.add(resource.physicalName, { key: env.key, kind: resource.kind });
      for (const resource of env.status?.resources ?? []) {
        if (resource.id) this.add(resource.id, { key: env.key, kind: resource.kind });
      }
    }
  }

  get size(): number {
    return this.byIdentifier.size;
  }

  private add(identifier: string, owner: OwnedIdentifier): void {
    const owners = this.byIdentifier.get(identifier);
    if (!owners) this.byIdentifier.set(identifier, [owner]);
    else if (!owners.some((o) => o.key === owner.key && o.kind === owner.kind)) owners.push(owner);
  }

  lookup(identifier: string): readonly OwnedIdentifier[] {
    return this.byIdentifier.get(identifier) ?? [];
  }
}

/**
 * The names an identifier may stand for: itself, and for an ARN its resource part and each segment
 * of it ("arn:aws:dynamodb:r:a:table/games-arena-users" also names "games-arena-users"), since a
 * status may hold an id where the event has an ARN, and the reverse.
 */
export function candidateNames(identifier: string): string[] {
  if (!identifier.startsWith("arn:")) return [identifier];
  const resource = identifier.split(":").slice(5).join(":");
  if (!resource) return [identifier];
  return [identifier, resource, ...resource.split(/[/:]/).filter((part) => part.length > 0)];
}

/** Whether an unmatched identifier is worth a tag lookup: an ARN, or an EC2 resource id. */
export function taggable(identifier: string): "arn" | "ec2" | undefined {
  if (/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+/.test(identifier)) return "arn";
  if (/^(sg|vpce)-[0-9a-f]{8,17}$/.test(identifier)) return "ec2";
  return undefined;
}

export interface EventMatch {
  /** Each owning environment, with the kinds of its resources the event named. */
  readonly owners: ReadonlyMap<string, ReadonlySet<string>>;
  /** ARNs and EC2 ids nothing in the index knows: a tag lookup may still find their owner. */
  readonly unresolved: readonly string[];
}

export function matchEvent(event: ChangeEvent, index: OwnershipIndex): EventMatch {
  const owners = new Map<string, Set<string>>();
  const unresolved: string[] = [];
  for (const identifier of event.identifiers) {
    let found = false;
    for (const name of candidateNames(identifier)) {
      for (const owner of index.lookup(name)) {
        found = true;
        const kinds = owners.get(owner.key) ?? new Set<string>();
        kinds.add(owner.kind);
        owners.set(owner.key, kinds);
      }
    }
    if (!found && taggable(identifier)) unresolved.push(identifier);
  }
  return { owners, unresolved };
}
