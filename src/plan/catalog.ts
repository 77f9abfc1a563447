import { coreKinds } from "./catalog/core.ts";
import { edgeKinds } from "./catalog/edge.ts";
import { gameServerKinds } from "./catalog/game-server.ts";
import { redisKinds } from "./catalog/redis.ts";
import type { UpdateSemantics } from "./types.ts";

/** The AWS service a kind is called through; the executor bounds concurrency per service. */
export type AwsServiceName = "ec2" | "dynamodb" | "iam" | "sts" | "elasticache" | "elbv2" | "cloudwatch" | "sns" | "secretsmanager" | "ecs" | "logs" | "tagging";

export interface FieldSemantics {
  readonly semantics: UpdateSemantics;
  /** For needs-state: the state the resource must be in before the change is sent. */
  readonly waitsFor?: string;
  /** Shown to the user for replace and immutable fields. */
  readonly reason?: string;
  /** How values are compared: as unordered sets, or as IAM policy documents. Default: structurally. */
  readonly compare?: "set" | "iam-policy";
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
  /** States in which the resource counts as ready. */
  readonly readyStates: readonly string[];
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

/**
 * How every field of every kind may change, in one table (split by family for readability).
 * The plan engine reads only this; drivers never decide update semantics themselves.
 */
export const catalog: Readonly<Record<string, KindCatalogEntry>> = { ...coreKinds, ...redisKinds, ...edgeKinds, ...gameServerKinds };

export function catalogEntry(kind: string): KindCatalogEntry {
  const entry = catalog[kind];
  if (!entry) throw new Error(`no catalog entry for resource kind "${kind}"`);
  return entry;
}

export function fieldSemantics(kind: string, field: string): FieldSemantics {
  return catalogEntry(kind).fields[field] ?? { semantics: "in-place" };
}
