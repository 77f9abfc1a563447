import { trace, type Tracer } from "@opentelemetry/api";
import type { DriverContext, ResolvedResource } from "../aws/driver.ts";
import type { AnyKind } from "../kinds/index.ts";
import { readinessOf } from "../plan/catalog.ts";
import type { DesiredResource, JsonValue, ObservedProperties, ObservedResource, PlanAction } from "../plan/types.ts";
import { resolveValue } from "../plan/values.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import { inSpan, recordError } from "../util/spans.ts";
import { errorMessage, requeueFor, type Outcome, type ReconcileEvent, type StatusBook } from "./outcome.ts";
import type { Dependencies, Limits } from "./schedule.ts";

/** Thrown from a call gate to stop a reconcile as abruptly as a crash would; never caught per resource. */
export class ReconcileAborted extends Error {
  constructor(message = "reconcile aborted") {
    super(message);
    this.name = "ReconcileAborted";
  }
}

export interface DispatchInput {
  readonly env: LoadedEnvironment;
  readonly ctx: DriverContext;
  readonly kindNamed: (name: string) => AnyKind;
  readonly desiredByName: ReadonlyMap<string, DesiredResource>;
  readonly observedByName: ReadonlyMap<string, ObservedResource>;
  /** Attributes known so far, by logical name: observed ones, then what creates and updates return. */
  readonly attributes: Map<string, Readonly<Record<string, string>>>;
  readonly writes: boolean;
  readonly limits: Limits;
  readonly statuses: StatusBook;
  readonly events: ReconcileEvent[];
  readonly errors: string[];
  readonly tracer: Tracer | undefined;
}

/**
 * One action to one driver: decides from the action and its dependencies' outcomes whether a call is due, makes it
 * through the kind's driver within the limits, and maps what happened to an outcome. The engine names no kind:
 * everything kind-specific (readiness, requeue intervals, delete options) comes from the kind.
 */
export class Dispatcher {
  private readonly input: DispatchInput;

  constructor(input: DispatchInput) {
    this.input = input;
  }

  /** A removal's dependencies only order it (deletes in the reverse of creation); a forward action needs them usable. */
  run(action: PlanAction, dependencies: Dependencies<Outcome>, removal: boolean): Promise<Outcome> {
    return inSpan(this.input.tracer, `${action.type} ${action.kind}`, {
      "gamectl.kind": action.kind, "gamectl.resource": action.name, "gamectl.action": action.type,
    }, async (span) => {
      const outcome = await this.act(action, dependencies, removal);
      span?.setAttribute("gamectl.state", outcome.status.state);
      return outcome;
    }, { inherit: true });
  }

  private resolve(resource: DesiredResource): ResolvedResource | undefined {
    const lookup = (name: string, attribute: string) => this.input.attributes.get(name)?.[attribute];
    const properties: ObservedProperties = {};
    for (const [field, value] of Object.entries(resource.properties)) {
      const resolved: JsonValue | undefined = resolveValue(value, lookup);
      if (resolved === undefined) return undefined;
      properties[field] = resolved;
    }
    return { ...resource, properties };
  }

  private async act(action: PlanAction, dependencies: Dependencies<Outcome>, removal: boolean): Promise<Outcome> {
    const { statuses, events, observedByName } = this.input;
    const depOutcomes = await dependencies();
    const waitingFor = removal ? [] : depOutcomes.filter(([, o]) => !o.usable).map(([d]) => d);
    const seen = observedByName.get(action.name);

    if (action.type === "noop") {
      const readiness = seen ? readinessOf(seen) : { ready: false };
      if (readiness.ready) return { status: statuses.status(action, "Ready"), usable: true };
      return { status: statuses.status(action, "Pending", readiness.message ? { message: readiness.message } : {}), usable: true, requeueAfterMs: requeueFor(action.kind, seen?.state ?? "") };
    }
    if (action.type === "blocked") {
      events.push({ type: "Warning", reason: "Blocked", resource: action.name, message: action.reason ?? "blocked" });
      return { status: statuses.status(action, "Blocked", { message: action.reason ?? "blocked" }), usable: seen !== undefined };
    }
    if (action.type === "retain") {
      return { status: statuses.status(action, "Retained", { message: action.reason ?? "retained" }), usable: false };
    }
    if (!this.input.writes) {
      return { status: statuses.status(action, seen ? "Pending" : "Missing", { message: `${action.type} pending (${action.changes.map((c) => c.field).join(", ") || "no fields"})` }), usable: seen !== undefined };
    }
    if (waitingFor.length > 0) {
      return { status: statuses.status(action, "Pending", { message: `waiting for ${waitingFor.join(", ")}` }), usable: false, requeueAfterMs: 2_000 };
    }
    const waits = action.changes.filter((c) => c.waitsFor);
    if (action.type === "update" && waits.length > 0) {
      return {
        status: statuses.status(action, "Pending", { message: `waiting for ${waits[0]!.waitsFor} before changing ${waits.map((c) => c.field).join(", ")}` }),
        usable: true, requeueAfterMs: requeueFor(action.kind, seen?.state ?? ""),
      };
    }
    const kind = this.input.kindNamed(action.kind);
    try {
      return await this.input.limits.run(kind.service.name, () => this.write(action, kind, seen));
    } catch (error) {
      if (error instanceof ReconcileAborted) throw error;
      // The action's span is the active one here: the error goes on it, as the AWS call's error went on the call's span.
      const span = this.input.tracer ? trace.getActiveSpan() : undefined;
      if (span) recordError(span, error, (error as { name?: string }).name);
      const message = errorMessage(error);
      this.input.errors.push(`${action.name}: ${message}`);
      events.push({ type: "Warning", reason: "Failed", resource: action.name, message });
      this.input.ctx.log.warn({ resource: action.name, err: message }, "resource action failed");
      return { status: statuses.status(action, "Failed", { message }), usable: false, requeueAfterMs: 5_000 };
    }
  }

  /** The one driver call an action makes: delete (a replace deletes first), create or update. */
  private async write(action: PlanAction, kind: AnyKind, seen: ObservedResource | undefined): Promise<Outcome> {
    const { ctx, statuses, events, attributes } = this.input;
    ctx.log.info({ resource: action.name, kind: action.kind, action: action.type, fields: action.changes.map((c) => c.field) }, "applying");
    if (action.type === "delete" || action.type === "replace") {
      const target = seen!;
      const result = await kind.driver.delete(ctx, target, kind.deleteOptions?.(this.input.env));
      events.push({ type: "Normal", reason: "Deleted", resource: action.name, message: `deleting ${kind.catalog.title} ${target.id}${action.type === "replace" ? " to replace it" : ""}` });
      attributes.delete(action.name);
      return { status: statuses.status(action, action.type === "replace" ? "Pending" : "Deleted", { message: result.message ?? "deletion requested" }), usable: false, requeueAfterMs: result.requeueAfterMs ?? kind.catalog.requeueMs.deleting };
    }
    const resolved = this.resolve(this.input.desiredByName.get(action.name)!);
    if (!resolved) return { status: statuses.status(action, "Pending", { message: "waiting for referenced values" }), usable: false, requeueAfterMs: 2_000 };
    const result = action.type === "create" ? await kind.driver.create(ctx, resolved) : await kind.driver.update(ctx, resolved, seen!, action.changes);
    if (result.attributes) attributes.set(action.name, { ...attributes.get(action.name), ...result.attributes });
    events.push({
      type: "Normal", reason: action.type === "create" ? "Created" : "Updated", resource: action.name,
      message: action.type === "create" ? `created ${kind.catalog.title} ${resolved.physicalName}` : `updated ${action.changes.map((c) => c.field).join(", ")}`,
    });
    // A change sent is not a change done: the next pass observes AWS again and confirms.
    return {
      status: statuses.status(action, "Pending", { message: result.message ?? (action.type === "create" ? "created" : "updated"), ...(result.attributes?.id ? { id: result.attributes.id } : {}) }),
      usable: attributes.has(action.name),
      requeueAfterMs: result.requeueAfterMs ?? 1_000,
    };
  }
}
