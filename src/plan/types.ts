import type { NamingScheme } from "../spec/names.ts";

/** JSON-compatible values: everything the plan compares is plain data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value that is another resource's attribute, resolved once that resource exists. */
export interface Reference {
  readonly $ref: string;
  readonly attribute: string;
  /** Used while the referenced resource does not exist yet (or lacks the attribute). */
  readonly fallback?: JsonValue;
  /** Attributes are strings; a port or a count is wanted as a number. */
  readonly asNumber?: boolean;
  /** The attribute inside a larger string: "{}" is replaced by it (a URL around a host name, an ARN suffix). */
  readonly format?: string;
}

/** Desired property values may hold references; observed ones never do. */
export type DesiredValue = JsonValue | Reference | DesiredValue[] | { [key: string]: DesiredValue };

export type Properties = Record<string, DesiredValue>;
export type ObservedProperties = Record<string, JsonValue>;

/** How AWS lets a field change; the catalog records one per field. */
/**
 * `add-only`: a list AWS can only grow (a user pool's custom attributes). Adding elements is in place; removing or
 * changing one is immutable, because AWS refuses it.
 */
export type UpdateSemantics = "in-place" | "needs-state" | "one-at-a-time" | "replace" | "immutable" | "add-only";

/** How the plan classifies one field change. `blocked` is an immutable change without opt-in. */
export type ChangeClass = "in-place" | "needs-state" | "one-at-a-time" | "replace" | "blocked";

export type DeletionPolicy = "Retain" | "Delete";

export interface DesiredResource {
  readonly kind: string;
  /** Logical name, unique within the environment, e.g. "table/users". */
  readonly name: string;
  /** Value of the gamectl.dev/component tag. */
  readonly component: string;
  /** Deterministic AWS name; how observe finds it when tags are not enough. */
  readonly physicalName: string;
  readonly properties: Properties;
  /** Extra ordering beyond the references found in `properties`. */
  readonly dependsOn?: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** Opt-in from the manifest to replace when an immutable field changes. */
  readonly allowReplacement?: boolean;
  /** The resource is named by the user and not created by gamectl (e.g. an existing IAM role). */
  readonly external?: boolean;
}

export interface ObservedResource {
  readonly kind: string;
  readonly name: string;
  /** Physical ID or ARN. */
  readonly id: string;
  /** Carries gamectl's ownership tags for this environment. */
  readonly owned: boolean;
  /** The AWS lifecycle state, e.g. "ACTIVE", "available", "creating". */
  readonly state: string;
  readonly properties: ObservedProperties;
  /** Attributes other resources may reference (id, arn, endpoint...). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** Delete-time facts (deletion protection) and async failures read from AWS. */
  readonly deletionProtected?: boolean;
  readonly message?: string;
  /**
   * Fields this observation did not read (a light resync skips reads AWS cannot batch). The plan
   * treats them as unchanged; anything that would write re-observes everything first.
   */
  readonly unobserved?: readonly string[];
}

export interface FieldChange {
  readonly field: string;
  readonly old: JsonValue | undefined;
  /** `undefined` when the value is only known after a dependency is applied. */
  readonly new: JsonValue | undefined;
  readonly knownAfterApply?: boolean;
  readonly class: ChangeClass;
  /** Why the change is classified so (shown for replace and blocked). */
  readonly reason?: string;
  /** The state the resource must reach before this change can be sent. */
  readonly waitsFor?: string;
}

export type ActionType = "create" | "update" | "replace" | "delete" | "retain" | "blocked" | "noop";

export interface PlanAction {
  readonly type: ActionType;
  readonly kind: string;
  readonly name: string;
  readonly physicalName: string;
  readonly id?: string;
  readonly changes: readonly FieldChange[];
  /** A delete or replace of something that holds data. */
  readonly dataLoss: boolean;
  readonly reason?: string;
  readonly dependsOn: readonly string[];
  /** Extra steps the executor takes, e.g. "final snapshot". */
  readonly steps?: readonly string[];
}

export interface Plan {
  readonly environment: string;
  readonly actions: readonly PlanAction[];
  readonly summary: PlanSummary;
  /** The naming scheme the environment's resources live under (set by the reconciler, which reads it from AWS). */
  readonly naming?: NamingScheme;
  /** What the user should know about the plan as a whole, printed before its actions. */
  readonly notes?: readonly string[];
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly blocked: number;
  readonly retain: number;
}
