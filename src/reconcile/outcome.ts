import { catalogEntry } from "../plan/catalog.ts";
import { planHasChanges } from "../plan/plan.ts";
import type { ObservedResource, Plan, PlanAction } from "../plan/types.ts";

export type ResourceState = "Ready" | "Pending" | "Blocked" | "Failed" | "Retained" | "Deleted" | "Missing";

export interface ResourceStatus {
  readonly kind: string;
  readonly name: string;
  readonly id?: string;
  readonly state: ResourceState;
  /** What AWS reports, e.g. ACTIVE or modifying. */
  readonly awsState?: string;
  readonly message?: string;
  readonly lastObservedTime: string;
}

export interface ReconcileEvent {
  readonly type: "Normal" | "Warning";
  readonly reason: "Created" | "Updated" | "Deleted" | "Blocked" | "Failed" | "Retained" | "Drift";
  readonly resource: string;
  readonly message: string;
}

/** What became of one action. */
export interface Outcome {
  readonly status: ResourceStatus;
  /** Attributes are known, so dependents may proceed. */
  readonly usable: boolean;
  readonly requeueAfterMs?: number;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name !== "Error" ? `${error.name}: ` : ""}${error.message}`;
  return String(error);
}

/** How long to wait before looking again at a resource in this AWS state, from its kind's catalog entry. */
export function requeueFor(kind: string, awsState: string): number {
  const intervals = catalogEntry(kind).requeueMs;
  const state = awsState.toLowerCase();
  if (state.includes("creat")) return intervals.creating;
  if (state.includes("delet")) return intervals.deleting;
  return intervals.updating;
}

/** Builds resource statuses from what was observed and what is known since (ids from creates). */
export class StatusBook {
  private readonly observedByName: ReadonlyMap<string, ObservedResource>;
  private readonly idOf: (name: string) => string | undefined;
  private readonly now: () => string;

  constructor(observedByName: ReadonlyMap<string, ObservedResource>, idOf: (name: string) => string | undefined, now: () => string) {
    this.observedByName = observedByName;
    this.idOf = idOf;
    this.now = now;
  }

  status(action: PlanAction, state: ResourceState, extra: Partial<ResourceStatus> = {}): ResourceStatus {
    const seen = this.observedByName.get(action.name);
    const id = extra.id ?? this.idOf(action.name) ?? seen?.id;
    const awsState = extra.awsState ?? seen?.state;
    const message = extra.message ?? seen?.message;
    return { kind: action.kind, name: action.name, ...(id ? { id } : {}), state, ...(awsState ? { awsState } : {}), ...(message ? { message } : {}), lastObservedTime: this.now() };
  }
}

export interface Summary {
  readonly resources: readonly ResourceStatus[];
  readonly converged: boolean;
  readonly requeueAfterMs?: number;
  readonly drift: boolean;
}

/** The environment's status from every action's outcome: converged, when to look again, what drifted. */
export function summarize(plan: Plan, outcomes: ReadonlyMap<string, Outcome>, deleting: boolean, writes: boolean, errors: readonly string[], events: ReconcileEvent[]): Summary {
  const actionsByName = new Map(plan.actions.map((a) => [a.name, a]));
  const results = [...outcomes.values()];
  const resources = results.map((o) => o.status).filter((s) => s.state !== "Deleted" || actionsByName.get(s.name)?.type !== "noop");
  const requeues = results.map((o) => o.requeueAfterMs).filter((ms): ms is number => ms !== undefined);
  const converged = !deleting
    ? results.every((o) => o.status.state === "Ready" || o.status.state === "Retained") && plan.actions.every((a) => a.type === "noop" || a.type === "retain")
    : plan.actions.every((a) => a.type === "retain");
  for (const action of plan.actions) {
    if (!writes && action.type !== "noop" && action.type !== "retain") {
      events.push({ type: "Warning", reason: "Drift", resource: action.name, message: `${action.type}: ${action.changes.map((c) => c.field).join(", ")}` });
    }
  }
  return {
    resources,
    converged: converged && errors.length === 0,
    ...(requeues.length > 0 && !converged ? { requeueAfterMs: Math.min(...requeues) } : {}),
    drift: !writes && planHasChanges(plan),
  };
}
