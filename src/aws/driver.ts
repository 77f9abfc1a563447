import type { Logger } from "pino";
import type { DesiredResource, FieldChange, JsonValue, ObservedProperties, ObservedResource } from "../plan/types.ts";
import type { AwsClients } from "./clients.ts";
import type { SharedReads } from "./shared-observation.ts";

/** Who is asking: every driver tags and finds resources by this environment's identity. */
export interface EnvironmentIdentity {
  /** "namespace/name", the value of the gamectl.dev/environment tag. */
  readonly key: string;
  readonly region: string;
  /** The prefix of every physical name, for listing what the environment owns. */
  readonly prefix: string;
}

/**
 * How much a reconcile reads. `full` reads everything the plan compares. `resync` is the periodic
 * look at a steady environment: a driver may skip reads AWS cannot batch (marking those fields
 * `unobserved`), because the reconciler re-observes in full before acting on any difference.
 */
export type Observation = "full" | "resync";

export interface DriverContext {
  readonly aws: AwsClients;
  readonly observation: Observation;
  readonly environment: EnvironmentIdentity;
  readonly log: Logger;
  /** The tagging API's resource type filters under which every kind's resources are listed (the tag inventory). */
  readonly inventoryTypes: readonly string[];
  /**
   * Shares one read between drivers within a single reconcile (security groups and their rules
   * come from the same describe). Never carried across reconciles: each one observes afresh.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** The controller's reads shared across its environments (src/aws/shared-observation.ts); unset: none. */
  readonly shared?: SharedReads;
}

/** A desired resource whose references have all been resolved to concrete values. */
export interface ResolvedResource extends Omit<DesiredResource, "properties"> {
  readonly properties: ObservedProperties;
}

/** A list property (subnets, security groups, certificates...) as strings; anything but a list is empty. */
export const strings = (value: JsonValue | undefined): string[] => (Array.isArray(value) ? value.map(String) : []);

export interface DriverResult {
  /** Attributes other resources reference (id, arn, endpoint...), known as soon as AWS returns them. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** The resource is transitional; reconcile again after this long rather than block. */
  readonly requeueAfterMs?: number;
  readonly message?: string;
}

export interface DeleteOptions {
  /** Data-holding kinds take a final snapshot first unless told not to. */
  readonly finalSnapshot: boolean;
}

/**
 * One per AWS resource family, after ACK's sdkFind/sdkCreate/sdkUpdate/sdkDelete and Crossplane's
 * Observe/Create/Update/Delete. Drivers never decide update semantics; the catalog does.
 */
export interface ResourceDriver {
  readonly kind: string;
  /**
   * Finds the desired resources (by ownership tags or deterministic name) and every other resource
   * of this kind owned by the environment, in as few reads as AWS allows.
   */
  observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]>;
  create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult>;
  /** Sends only `changes`; may apply part of them (one-at-a-time) and ask for a requeue. */
  update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult>;
  delete(ctx: DriverContext, observed: ObservedResource, options: DeleteOptions): Promise<DriverResult>;
}
