import type { Logger } from "pino";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsClients } from "../aws/clients.ts";
import { environmentInventory, ownedTypesIn } from "../aws/inventory.ts";
import type { DriverContext, Observation, ResolvedResource } from "../aws/driver.ts";
import { kinds } from "../kinds/index.ts";
import { desiredResources, environmentOutputs, kindNamed, serviceConcurrency, servicesByArnNamespace, taggingTypes } from "../kinds/registries.ts";
import { catalogEntry, readinessOf, type AwsServiceName } from "../plan/catalog.ts";
import { computeDeletePlan, computePlan, planHasChanges } from "../plan/plan.ts";
import type { DesiredResource, JsonValue, ObservedProperties, ObservedResource, Plan, PlanAction } from "../plan/types.ts";
import { resolveValue } from "../plan/values.ts";
import type { EnvironmentOutputs } from "../spec/types.generated.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import { trace, type Tracer } from "@opentelemetry/api";
import { Limiter } from "../util/limiter.ts";
import { inSpan, recordError } from "../util/spans.ts";

/** plan and observe-only never write; delete-preview is the plan of a delete. */
export type ReconcileMode = "apply" | "plan" | "observe-only" | "delete" | "delete-preview";

export interface ReconcileOptions {
  readonly mode: ReconcileMode;
  /** More deletions than this need allowMassDelete (default 5). */
  readonly maxDeletions?: number;
  readonly allowMassDelete?: boolean;
  /** How many resources are worked on at once (default 8). */
  readonly concurrency?: number;
  readonly serviceConcurrency?: Partial<Record<AwsServiceName, number>>;
  /**
   * `resync` (for a controller's periodic look at a steady environment) skips the reads AWS cannot
   * batch; when that light look finds any difference or anything not ready, the reconcile observes
   * in full before planning writes. Default `full`.
   */
  readonly observation?: Observation;
}

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

export interface ReconcileResult {
  readonly environment: string;
  readonly plan: Plan;
  readonly resources: readonly ResourceStatus[];
  readonly outputs: EnvironmentOutputs;
  /** Every desired resource exists, matches its manifest and is ready. */
  readonly converged: boolean;
  /** Set when something is transitional: reconcile again after this long. */
  readonly requeueAfterMs?: number;
  readonly errors: readonly string[];
  readonly events: readonly ReconcileEvent[];
  /** Writes were skipped (plan, observe-only) although the plan has changes. */
  readonly drift: boolean;
  /** How much this reconcile read in the end: a resync that found a difference reports `full`. */
  readonly observation: Observation;
}

/** Thrown from a call gate to stop a reconcile as abruptly as a crash would; never caught per resource. */
export class ReconcileAborted extends Error {
  constructor(message = "reconcile aborted") {
    super(message);
    this.name = "ReconcileAborted";
  }
}

/** Refuses the whole reconcile before any write: too many deletions, wrong account. */
export class ReconcileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReconcileRefused";
  }
}

export interface ReconcilerDeps {
  readonly aws: AwsClients;
  readonly log: Logger;
  readonly now?: () => Date;
  /** One trace per reconcile pass, a span per planned action; unset (tracing off) means no span work at all. */
  readonly tracer?: Tracer;
}

interface Outcome {
  readonly status: ResourceStatus;
  /** Attributes are known, so dependents may proceed. */
  readonly usable: boolean;
  readonly requeueAfterMs?: number;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name !== "Error" ? `${error.name}: ` : ""}${error.message}`;
  return String(error);
}

function requeueFor(kind: string, awsState: string): number {
  const intervals = catalogEntry(kind).requeueMs;
  const state = awsState.toLowerCase();
  if (state.includes("creat")) return intervals.creating;
  if (state.includes("delet")) return intervals.deleting;
  return intervals.updating;
}

/**
 * The one reconciler: observe, plan, then converge the plan through the drivers, in dependency
 * order, in parallel within bounds. Level-triggered: it never remembers anything between calls,
 * so a crash at any line is repaired by the next call.
 */
export class Reconciler {
  private readonly deps: ReconcilerDeps;

  constructor(deps: ReconcilerDeps) {
    this.deps = deps;
  }

  private context(env: LoadedEnvironment, observation: Observation = "full"): DriverContext {
    const memo = new Map<string, Promise<unknown>>();
    return {
      aws: this.deps.aws,
      observation,
      environment: { key: env.key, region: env.manifest.spec.region, prefix: env.names.prefix },
      log: this.deps.log.child({ environment: env.key }),
      inventoryTypes: taggingTypes(),
      memo: <T>(key: string, load: () => Promise<T>) => {
        if (!memo.has(key)) memo.set(key, load());
        return memo.get(key) as Promise<T>;
      },
    };
  }

  /** Reads every resource of the environment, one batch per kind, kinds in parallel. */
  async observe(env: LoadedEnvironment, desired: readonly DesiredResource[], ctx: DriverContext = this.context(env)): Promise<ObservedResource[]> {
    // A kind the spec does not declare is observed only when the environment still owns something
    // of its type (or service): that finds leftovers to remove without reading every service every time.
    const owned = ownedTypesIn(await environmentInventory(ctx), servicesByArnNamespace());
    const declared = new Set(desired.map((d) => d.kind));
    const observed = kinds.filter((kind) => declared.has(kind.name) || owned.has(kind.catalog.inventoryType ?? kind.service.name));
    const perKind = await Promise.all(observed.map((kind) => kind.driver.observe(ctx, desired.filter((d) => d.kind === kind.name))));
    return perKind.flat();
  }

  async reconcile(env: LoadedEnvironment, options: ReconcileOptions): Promise<ReconcileResult> {
    // A pass is a trace of its own (no parent), whatever the caller was doing.
    return await inSpan(this.deps.tracer, "reconcile", { "gamectl.environment": env.key, "gamectl.mode": options.mode }, async (span) => {
      const result = await this.pass(env, options);
      span?.setAttributes({ "gamectl.converged": result.converged, "gamectl.errors": result.errors.length, "gamectl.observation": result.observation });
      if (span && result.errors.length > 0) recordError(span, new Error(result.errors.join("; ")), "ResourceActionFailed");
      return result;
    }, { root: true, inherit: true });
  }

  private async pass(env: LoadedEnvironment, options: ReconcileOptions): Promise<ReconcileResult> {
    const deleting = options.mode === "delete" || options.mode === "delete-preview";
    const desired = deleting ? [] : desiredResources(env);
    const lookupDesired = deleting ? desiredResources(env) : desired;
    const planFor = (observed: readonly ObservedResource[]) => deleting
      ? computeDeletePlan(env.key, observed, env.manifest.spec.deletionPolicy)
      : computePlan({ environment: env.key, desired, observed, adopt: env.manifest.spec.adopt, deletionPolicy: env.manifest.spec.deletionPolicy });
    let observation: Observation = options.observation === "resync" && !deleting ? "resync" : "full";
    let observed = await inSpan(this.deps.tracer, "observe", { "gamectl.observation": observation }, () => this.observe(env, lookupDesired, this.context(env, observation)));
    let plan = planFor(observed);
    if (observation === "resync" && !this.steady(plan, observed)) {
      // The light look saw a difference: what it skipped may differ too, so read it all before acting.
      observation = "full";
      observed = await inSpan(this.deps.tracer, "observe", { "gamectl.observation": "full" }, () => this.observe(env, lookupDesired, this.context(env)));
      plan = planFor(observed);
    }
    const writes = options.mode === "apply" || options.mode === "delete";
    if (writes && planHasChanges(plan)) await this.guard(env, plan, options);
    // Writes start from a fresh memo: what was read before a write is stale after it.
    const result = await this.execute(env, plan, desired, observed, writes, deleting, options, this.context(env));
    return { ...result, observation };
  }

  /** Nothing to change and every resource ready: the only outcome a light observation may conclude. */
  private steady(plan: Plan, observed: readonly ObservedResource[]): boolean {
    const byName = new Map(observed.map((o) => [o.name, o]));
    return plan.actions.every((action) => {
      if (action.type === "retain") return true;
      if (action.type !== "noop") return false;
      const seen = byName.get(action.name);
      return seen !== undefined && readinessOf(seen).ready;
    });
  }

  private async guard(env: LoadedEnvironment, plan: Plan, options: ReconcileOptions): Promise<void> {
    const deletions = plan.actions.filter((a) => a.type === "delete" || a.type === "replace").length;
    const limit = options.maxDeletions ?? 5;
    if (deletions > limit && !options.allowMassDelete) {
      throw new ReconcileRefused(`${env.key}: the plan deletes or replaces ${deletions} resources, more than the limit of ${limit}; nothing was changed. Review the plan and pass --allow-mass-delete if this is intended`);
    }
    const expected = env.manifest.spec.accountId;
    if (expected) {
      const identity = await this.deps.aws.sts.send(new GetCallerIdentityCommand({}));
      if (identity.Account !== expected) {
        throw new ReconcileRefused(`${env.key}: spec.accountId is ${expected} but the credentials belong to account ${identity.Account ?? "unknown"}; nothing was changed. Use credentials for ${expected} or fix spec.accountId`);
      }
    }
  }

  private async execute(
    env: LoadedEnvironment, plan: Plan, desired: readonly DesiredResource[], observed: readonly ObservedResource[], writes: boolean,
    deleting: boolean, options: ReconcileOptions, ctx: DriverContext,
  ): Promise<Omit<ReconcileResult, "observation">> {
    const now = () => (this.deps.now?.() ?? new Date()).toISOString();
    const desiredByName = new Map(desired.map((d) => [d.name, d]));
    const observedByName = new Map(observed.map((o) => [o.name, o]));
    const attributes = new Map<string, Readonly<Record<string, string>>>(observed.map((o) => [o.name, o.attributes]));
    const lookup = (name: string, attribute: string) => attributes.get(name)?.[attribute];
    const global = new Limiter(options.concurrency ?? 8);
    const perService = new Map<AwsServiceName, Limiter>();
    const limiterFor = (service: AwsServiceName) => {
      let limiter = perService.get(service);
      if (!limiter) {
        limiter = new Limiter(options.serviceConcurrency?.[service] ?? serviceConcurrency().get(service) ?? 1);
        perService.set(service, limiter);
      }
      return limiter;
    };
    const events: ReconcileEvent[] = [];
    const errors: string[] = [];
    const outcomes = new Map<string, Promise<Outcome>>();
    const actionsByName = new Map(plan.actions.map((a) => [a.name, a]));

    const status = (action: PlanAction, state: ResourceState, extra: Partial<ResourceStatus> = {}): ResourceStatus => {
      const seen = observedByName.get(action.name);
      const id = extra.id ?? attributes.get(action.name)?.id ?? seen?.id;
      const awsState = extra.awsState ?? seen?.state;
      const message = extra.message ?? seen?.message;
      return { kind: action.kind, name: action.name, ...(id ? { id } : {}), state, ...(awsState ? { awsState } : {}), ...(message ? { message } : {}), lastObservedTime: now() };
    };

    const resolve = (resource: DesiredResource): ResolvedResource | undefined => {
      const properties: ObservedProperties = {};
      for (const [field, value] of Object.entries(resource.properties)) {
        const resolved: JsonValue | undefined = resolveValue(value, lookup);
        if (resolved === undefined) return undefined;
        properties[field] = resolved;
      }
      return { ...resource, properties };
    };

    const run = (action: PlanAction): Promise<Outcome> => inSpan(this.deps.tracer, `${action.type} ${action.kind}`, {
      "gamectl.kind": action.kind, "gamectl.resource": action.name, "gamectl.action": action.type,
    }, async (span) => {
      const outcome = await act(action);
      span?.setAttribute("gamectl.state", outcome.status.state);
      return outcome;
    }, { inherit: true });

    const act = async (action: PlanAction): Promise<Outcome> => {
      const depOutcomes = await Promise.all(action.dependsOn.filter((d) => outcomes.has(d)).map(async (d) => [d, await outcomes.get(d)!] as const));
      const waitingFor = depOutcomes.filter(([, o]) => !o.usable).map(([d]) => d);
      const kind = kindNamed(action.kind);
      const driver = kind.driver;
      const seen = observedByName.get(action.name);
      const entry = catalogEntry(action.kind);

      if (action.type === "noop") {
        const readiness = seen ? readinessOf(seen) : { ready: false };
        if (readiness.ready) return { status: status(action, "Ready"), usable: true };
        return { status: status(action, "Pending", readiness.message ? { message: readiness.message } : {}), usable: true, requeueAfterMs: requeueFor(action.kind, seen?.state ?? "") };
      }
      if (action.type === "blocked") {
        events.push({ type: "Warning", reason: "Blocked", resource: action.name, message: action.reason ?? "blocked" });
        return { status: status(action, "Blocked", { message: action.reason ?? "blocked" }), usable: seen !== undefined };
      }
      if (action.type === "retain") {
        return { status: status(action, "Retained", { message: action.reason ?? "retained" }), usable: false };
      }
      if (!writes) {
        return { status: status(action, seen ? "Pending" : "Missing", { message: `${action.type} pending (${action.changes.map((c) => c.field).join(", ") || "no fields"})` }), usable: seen !== undefined };
      }
      if (waitingFor.length > 0) {
        return { status: status(action, "Pending", { message: `waiting for ${waitingFor.join(", ")}` }), usable: false, requeueAfterMs: 2_000 };
      }
      const waits = action.changes.filter((c) => c.waitsFor);
      if (action.type === "update" && waits.length > 0) {
        return {
          status: status(action, "Pending", { message: `waiting for ${waits[0]!.waitsFor} before changing ${waits.map((c) => c.field).join(", ")}` }),
          usable: true, requeueAfterMs: requeueFor(action.kind, seen?.state ?? ""),
        };
      }
      const work = async (): Promise<Outcome> => {
        ctx.log.info({ resource: action.name, kind: action.kind, action: action.type, fields: action.changes.map((c) => c.field) }, "applying");
        if (action.type === "delete" || action.type === "replace") {
          const target = seen!;
          const result = await driver.delete(ctx, target, kind.deleteOptions?.(env));
          events.push({ type: "Normal", reason: "Deleted", resource: action.name, message: `deleting ${entry.title} ${target.id}${action.type === "replace" ? " to replace it" : ""}` });
          attributes.delete(action.name);
          return { status: status(action, action.type === "replace" ? "Pending" : "Deleted", { message: result.message ?? "deletion requested" }), usable: false, requeueAfterMs: result.requeueAfterMs ?? entry.requeueMs.deleting };
        }
        const resource = desiredByName.get(action.name)!;
        const resolved = resolve(resource);
        if (!resolved) return { status: status(action, "Pending", { message: "waiting for referenced values" }), usable: false, requeueAfterMs: 2_000 };
        const result = action.type === "create"
          ? await driver.create(ctx, resolved)
          : await driver.update(ctx, resolved, seen!, action.changes);
        if (result.attributes) attributes.set(action.name, { ...attributes.get(action.name), ...result.attributes });
        events.push({
          type: "Normal", reason: action.type === "create" ? "Created" : "Updated", resource: action.name,
          message: action.type === "create" ? `created ${entry.title} ${resolved.physicalName}` : `updated ${action.changes.map((c) => c.field).join(", ")}`,
        });
        // A change sent is not a change done: the next pass observes AWS again and confirms.
        return {
          status: status(action, "Pending", { message: result.message ?? (action.type === "create" ? "created" : "updated"), ...(result.attributes?.id ? { id: result.attributes.id } : {}) }),
          usable: attributes.has(action.name),
          requeueAfterMs: result.requeueAfterMs ?? 1_000,
        };
      };
      try {
        return await global.run(() => limiterFor(entry.service).run(work));
      } catch (error) {
        if (error instanceof ReconcileAborted) throw error;
        // The action's span is the active one here: the error goes on it, as the AWS call's error went on the call's span.
        const span = this.deps.tracer ? trace.getActiveSpan() : undefined;
        if (span) recordError(span, error, (error as { name?: string }).name);
        const message = errorMessage(error);
        errors.push(`${action.name}: ${message}`);
        events.push({ type: "Warning", reason: "Failed", resource: action.name, message });
        ctx.log.warn({ resource: action.name, err: message }, "resource action failed");
        return { status: status(action, "Failed", { message }), usable: false, requeueAfterMs: 5_000 };
      }
    };

    const forward: Array<Promise<Outcome>> = [];
    for (const action of plan.actions) {
      // Dependencies always come earlier in the plan, so their promises exist already. Removals
      // wait for everything else: create before destroy, so a replacement target group is in
      // place and the listeners have switched before the old one goes.
      const removal = !desiredByName.has(action.name);
      const promise = removal ? Promise.allSettled(forward).then(() => run(action)) : run(action);
      if (!removal) forward.push(promise);
      outcomes.set(action.name, promise);
    }
    const settled = await Promise.allSettled([...outcomes.values()]);
    const aborted = settled.find((s) => s.status === "rejected");
    if (aborted) throw (aborted as PromiseRejectedResult).reason;
    const results = new Map<string, Outcome>();
    for (const [name, promise] of outcomes) results.set(name, await promise);

    const resources = [...results.values()].map((o) => o.status).filter((s) => s.state !== "Deleted" || actionsByName.get(s.name)?.type !== "noop");
    const requeues = [...results.values()].map((o) => o.requeueAfterMs).filter((ms): ms is number => ms !== undefined);
    const converged = !deleting
      ? [...results.values()].every((o) => o.status.state === "Ready" || o.status.state === "Retained") && plan.actions.every((a) => a.type === "noop" || a.type === "retain")
      : plan.actions.every((a) => a.type === "retain");
    const outputs = environmentOutputs(env, lookup, observedByName);
    for (const action of plan.actions) {
      if (!writes && action.type !== "noop" && action.type !== "retain") {
        events.push({ type: "Warning", reason: "Drift", resource: action.name, message: `${action.type}: ${action.changes.map((c) => c.field).join(", ")}` });
      }
    }
    return {
      environment: env.key,
      plan,
      resources,
      outputs,
      converged: converged && errors.length === 0,
      ...(requeues.length > 0 && !converged ? { requeueAfterMs: Math.min(...requeues) } : {}),
      errors,
      events,
      drift: !writes && planHasChanges(plan),
    };
  }
}
