import type { DriverContext, DriverResult } from "../aws/driver.ts";
import type { KindCatalogEntry } from "../plan/catalog.ts";
import type { DesiredResource, DesiredValue, FieldChange, JsonValue, ObservedResource, Reference } from "../plan/types.ts";
import type { AttributeLookup } from "../plan/values.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { KindServiceDescriptor } from "./service.ts";
import type { AwsServiceName } from "./services.ts";
import type { EnvironmentOutputs } from "../spec/types.generated.ts";

/**
 * The shape of a kind's properties: plain JSON data, compared field by field by the plan. Declare it with
 * `type X = {...}` (not `interface`) so it stays assignable to the engine's untyped records.
 */
export type KindProperties = { readonly [field: string]: JsonValue | undefined };

/** A desired value: the value itself or, at any depth, a reference to another resource's attribute. */
export type Desired<T> = T | Reference | (T extends readonly (infer E)[] ? Desired<E>[] : T extends object ? { [K in keyof T]: Desired<T[K]> } : never);

/** What a kind's builder produces: its own name, and properties of its own shape (references allowed). */
export interface DesiredResourceOf<Name extends string, P> extends Omit<DesiredResource, "kind" | "properties"> {
  readonly kind: Name;
  readonly properties: { readonly [K in keyof P]: Desired<Exclude<P[K], undefined>> };
}

/** What a kind's driver receives: every reference resolved, so the properties are exactly `P`. */
export interface ResolvedResourceOf<P> extends Omit<DesiredResource, "properties"> {
  readonly properties: P;
}

/**
 * The four calls of one kind, after ACK's sdkFind/sdkCreate/sdkUpdate/sdkDelete and Crossplane's
 * Observe/Create/Update/Delete. A driver never decides update semantics or readiness: its kind's catalog entry does.
 * `DeleteOptions` is what the kind reads from the spec for a delete (`ResourceKind.deleteOptions`); most kinds have none.
 */
export interface KindDriver<P, DeleteOptions = undefined> {
  /**
   * Finds the desired resources (by ownership tags or deterministic name) and every other resource
   * of this kind owned by the environment, in as few reads as AWS allows.
   */
  observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]>;
  create(ctx: DriverContext, resource: ResolvedResourceOf<P>): Promise<DriverResult>;
  /** Sends only `changes`; may apply part of them (one-at-a-time) and ask for a requeue. */
  update(ctx: DriverContext, resource: ResolvedResourceOf<P>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult>;
  delete(ctx: DriverContext, observed: ObservedResource, options: DeleteOptions): Promise<DriverResult>;
}

/**
 * One statement's worth of what the controller may do for a kind, as plain data. `npm run gen` merges the
 * declarations of every kind that share a `sid` into one statement of manifests/controller/iam-policy.json
 * (actions and resources are unioned; the condition must be the same).
 */
export interface ControllerPermission {
  /** The statement this grant belongs to, e.g. "ChangeOnlyWhatGamectlOwns". */
  readonly sid: string;
  readonly actions: readonly string[];
  /** ARN patterns; "*" when the action cannot be scoped by resource. */
  readonly resources: readonly string[];
  readonly condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * What a builder may read besides the spec: what the other kinds contribute. Kind modules never import the list
 * (src/kinds/index.ts), so the list's derivations reach them through here.
 */
export interface BuildContext {
  /** Every kind's statements for the game server's task role (`ResourceKind.taskRoleStatements`), in the list's order. */
  readonly taskRoleStatements: readonly DesiredValue[];
  /** Every kind's variables for the deployed game server's container (`ResourceKind.containerEnvironment`), in the list's order. */
  readonly containerEnvironment: readonly ContainerVariable[];
}

/** One plain variable of the game server's container environment; its value may reference another resource's attribute. */
export interface ContainerVariable {
  readonly name: string;
  readonly value: DesiredValue;
}

/** An AWS service some kinds are called through (src/kinds/<service>/service.ts), its name and client type erased. */
export type AwsService = KindServiceDescriptor<AwsServiceName>;

/**
 * Everything gamectl knows about one kind of AWS resource, in one module (src/kinds/<service>/<kind>.ts). A kind
 * module imports shared helpers but never the list of kinds, the registries or the catalog (only their types):
 * that keeps every import graph free of cycles, whichever module is loaded first.
 * The ordered list in src/kinds/index.ts is the only registry; the catalog, the drivers, the desired state,
 * the tagging inventory, the per-service concurrency and the controller's IAM policy are all derived from it.
 *
 * Methods are written as methods on purpose: the list holds kinds of different property shapes, and TypeScript
 * compares method parameters bivariantly, so each kind keeps its own types while the list erases them.
 */
export interface ResourceKind<Name extends string = string, P = KindProperties, DeleteOptions = undefined> {
  readonly name: Name;
  /** The AWS service (and SDK client, `ctx.aws[service.name]`) its driver calls. */
  readonly service: AwsService;
  /**
   * The tagging API's resource type filter ("dynamodb:table", "elasticache") under which the environment's
   * resources of this kind appear; absent for kinds the tagging API does not list (IAM roles, rules of a group).
   */
  readonly taggingType?: string;
  /** Update semantics, readiness, tier, inventory type: what the pure plan reads. */
  readonly catalog: Omit<KindCatalogEntry, "kind" | "service">;
  /** The desired resources of this kind, derived purely from the validated spec. */
  build(env: LoadedEnvironment, context: BuildContext): ReadonlyArray<DesiredResourceOf<Name, P>>;
  /** What this kind contributes to the environment's outputs, from observed attributes. */
  outputs?(env: LoadedEnvironment, lookup: AttributeLookup, observed: ReadonlyMap<string, ObservedResource>, outputs: EnvironmentOutputs): void;
  readonly driver: KindDriver<P, DeleteOptions>;
  /** Kind-specific settings of a delete, read from the spec (e.g. Redis's final snapshot). */
  deleteOptions?(env: LoadedEnvironment): DeleteOptions;
  /** What the controller's IAM policy must allow for this kind's driver. */
  readonly permissions: readonly ControllerPermission[];
  /** Statements this kind adds to the game server's task role (e.g. elasticache:Connect for IAM-authenticated Redis). */
  taskRoleStatements?(env: LoadedEnvironment): DesiredValue[];
  /** Variables this kind adds to the deployed game server's container environment (e.g. the Cognito pool's ids). */
  containerEnvironment?(env: LoadedEnvironment): ContainerVariable[];
}
