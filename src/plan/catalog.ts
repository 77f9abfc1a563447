import { kinds } from "../kinds/index.ts";
import type { AwsServiceName } from "../kinds/services.ts";
import type { ObservedResource, UpdateSemantics } from "./types.ts";

/** The AWS service a kind is called through; the executor bounds concurrency per service. Derived from src/kinds/<service>/service.ts. */
export type { AwsServiceName } from "../kinds/services.ts";

export interface FieldSemantics {
  readonly semantics: UpdateSemantics;
  /** For needs-state: the state the resource must be in before the change is sent. */
  readonly waitsFor?: string;
  /** Shown to the user for replace and immutable fields. */
  readonly reason?: string;
  /** How values are compared: as unordered sets, or as IAM policy documents. Default: structurally. */
  readonly compare?: "set" | "iam-policy";
}

export interface Readiness {
  readonly ready: boolean;
  readonly message?: string;
}

/** When an observed resource counts as ready. */
export interface ReadinessRule {
  /** The AWS states in which it is ready; in any other it is not, and needs-state changes wait. */
  readonly states: readonly string[];
  /** What the not-ready message calls it: "<noun> is <state>". */
  readonly noun: string;
  /** Only where AWS is irregular: readiness needs more than the state (a failed deployment, an async failure). */
  readonly check?: (observed: ObservedResource) => Readiness;
}

export interface KindCatalogEntry {
  readonly kind: string;
  /** Human name used in plans, e.g. "DynamoDB table". */
  readonly title: string;
  readonly service: AwsServiceName;
  /**
   * The tagging API's resource type ("ec2:vpc-endpoint") that reveals a leftover of this kind.
   * Without it, any owned resource of the service makes the kind be observed.
   */
  readonly inventoryType?: string;
  /** Deleting or replacing it loses data: deletes obey deletionPolicy, plans flag data loss. */
  readonly dataHolding: boolean;
  /** Creation tier: lower tiers are created first and deleted last. */
  readonly tier: number;
  /** Fields not listed here are in-place. */
  readonly fields: Readonly<Record<string, FieldSemantics>>;
  /** When the resource is ready: a rule on its AWS state, or "exists" for kinds AWS makes usable at once. */
  readonly readiness: ReadinessRule | "exists";
  /** Requeue intervals while the resource is transitional, in milliseconds. */
  readonly requeueMs: { readonly creating: number; readonly updating: number; readonly deleting: number };
  /** Extra steps of a replacement, shown in the plan. */
  readonly replaceSteps?: readonly string[];
  /**
   * The list properties whose emptiness (all of them) means the resource is gone, for kinds whose delete
   * empties something that outlives it (rules revoked from a group that a retained resource keeps).
   */
  readonly goneWhenEmpty?: readonly string[];
}

let byKind: ReadonlyMap<string, KindCatalogEntry> | undefined;

/**
 * How every field of every kind may change, derived from the kinds' own modules (src/kinds/). The plan engine
 * reads only this; drivers never decide update semantics or readiness themselves. Built on first use, so the
 * kind modules may import the plan's types and helpers without an import cycle at load time.
 */
export function catalog(): ReadonlyMap<string, KindCatalogEntry> {
  byKind ??= new Map(kinds.map((kind): [string, KindCatalogEntry] => [kind.name, { kind: kind.name, service: kind.service.name, ...kind.catalog }]));
  return byKind;
}

export function catalogEntry(kind: string): KindCatalogEntry {
  const entry = catalog().get(kind);
  if (!entry) throw new Error(`no catalog entry for resource kind "${kind}"`);
  return entry;
}

export function fieldSemantics(kind: string, field: string): FieldSemantics {
  return catalogEntry(kind).fields[field] ?? { semantics: "in-place" };
}

/** Whether an AWS state lets needs-state changes through. */
export function readyInState(entry: KindCatalogEntry, state: string): boolean {
  return entry.readiness === "exists" || entry.readiness.states.includes(state);
}

/** Whether an observed resource is ready, and if not, why. */
export function readinessOf(observed: ObservedResource): Readiness {
  const rule = catalogEntry(observed.kind).readiness;
  if (rule === "exists") return { ready: true };
  if (rule.check) return rule.check(observed);
  return rule.states.includes(observed.state) ? { ready: true } : { ready: false, message: `${rule.noun} is ${observed.state}` };
}
