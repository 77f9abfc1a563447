import type { Logger } from "pino";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsClients } from "../aws/clients.ts";
import { environmentInventory, ownedTypesIn } from "../aws/inventory.ts";
import type { DriverContext, Observation } from "../aws/driver.ts";
import type { SharedObservation } from "../aws/shared-observation.ts";
import { kinds } from "../kinds/index.ts";
import { desiredResources, environmentOutputs, kindNamed, serviceConcurrency, servicesByArnNamespace, taggingTypes } from "../kinds/registries.ts";
import { readinessOf, type AwsServiceName } from "../plan/catalog.ts";
import { computeDeletePlan, computePlan, planHasChanges } from "../plan/plan.ts";
import type { DesiredResource, ObservedResource, Plan, PlanAction } from "../plan/types.ts";
import type { EnvironmentOutputs } from "../spec/types.generated.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { Tracer } from "@opentelemetry/api";
import { inSpan, recordError } from "../util/spans.ts";
import { resolveNaming } from "./naming.ts";
import { Dispatcher } from "./dispatch.ts";
import { StatusBook, summarize, type Outcome, type ReconcileEvent, type ResourceStatus } from "./outcome.ts";
import { Limits, schedule } from "./schedule.ts";

export { ReconcileAborted } from "./dispatch.ts";
export type { ReconcileEvent, ResourceState, ResourceStatus } from "./outcome.ts";

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
  /** Reads shared across the controller's environments; only a light resync reuses them. */
  readonly shared?: SharedObservation;
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

  private context(env: LoadedEnvironment, observation: Observation = "full", memo = new Map<string, Promise<unknown>>(), share = false): DriverContext {
    const shared = share ? this.deps.shared?.readsFor(env.key, observation === "resync") : undefined;
    return {
      ...(shared ? { shared } : {}),
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

  private async pass(loadedEnv: LoadedEnvironment, options: ReconcileOptions): Promise<ReconcileResult> {
    const deleting = options.mode === "delete" || options.mode === "delete-preview";
    let observation: Observation = options.observation === "resync" && !deleting ? "resync" : "full";
    // The naming scheme comes from AWS (the inventory the observation reads anyway), so the first read is shared.
    const firstRead = new Map<string, Promise<unknown>>();
    // An apply's observation may share the controller's reads (a light one reuses them, a full one leaves details
    // for the next light one); a delete reads alone, so nothing is kept of what goes away.
    const share = options.mode === "apply" || options.mode === "observe-only";
    const naming = await resolveNaming(loadedEnv, this.context(loadedEnv, observation, firstRead, share));
    const env = naming.env;
    const desired = deleting ? [] : desiredResources(env);
    const lookupDesired = deleting ? desiredResources(env) : desired;
    const planFor = (observed: readonly ObservedResource[]): Plan => {
      const plan = deleting
        ? computeDeletePlan(env.key, observed, env.manifest.spec.deletionPolicy)
        : computePlan({ environment: env.key, desired, observed, adopt: env.manifest.spec.adopt, deletionPolicy: env.manifest.spec.deletionPolicy });
      return { ...plan, naming: naming.scheme, ...(naming.note ? { notes: [naming.note] } : {}) };
    };
    let observed = await inSpan(this.deps.tracer, "observe", { "gamectl.observation": observation }, () => this.observe(env, lookupDesired, this.context(env, observation, firstRead, share)));
    let plan = planFor(observed);
    if (observation === "resync" && !this.steady(plan, observed)) {
      // The light look saw a difference: what it skipped may differ too, so read it all before acting.
      observation = "full";
      observed = await inSpan(this.deps.tracer, "observe", { "gamectl.observation": "full" }, () => this.observe(env, lookupDesired, this.context(env, "full", undefined, share)));
      plan = planFor(observed);
    }
    const writes = options.mode === "apply" || options.mode === "delete";
    if (writes && planHasChanges(plan)) await this.guard(env, plan, options);
    // Writes start from a fresh memo: what was read before a write is stale after it, and so is what the shared
    // observation kept of this environment, even when the pass ends in a crash.
    const writing = writes && planHasChanges(plan);
    try {
      const result = await this.execute(env, plan, desired, observed, writes, deleting, options, this.context(env));
      return { ...result, observation };
    } finally {
      if (writing) this.deps.shared?.forgetEnvironment(env.key);
    }
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

  /** Runs the plan: scheduling (schedule.ts), one action to one driver (dispatch.ts), and the status (outcome.ts). */
  private async execute(
    env: LoadedEnvironment, plan: Plan, desired: readonly DesiredResource[], observed: readonly ObservedResource[], writes: boolean,
    deleting: boolean, options: ReconcileOptions, ctx: DriverContext,
  ): Promise<Omit<ReconcileResult, "observation">> {
    const desiredByName = new Map(desired.map((d) => [d.name, d]));
    const observedByName = new Map(observed.map((o) => [o.name, o]));
    const attributes = new Map<string, Readonly<Record<string, string>>>(observed.map((o) => [o.name, o.attributes]));
    const events: ReconcileEvent[] = [];
    const errors: string[] = [];
    const now = () => (this.deps.now?.() ?? new Date()).toISOString();
    const dispatcher = new Dispatcher({
      env, ctx, kindNamed, desiredByName, observedByName, attributes, writes, events, errors, tracer: this.deps.tracer,
      statuses: new StatusBook(observedByName, (name) => attributes.get(name)?.id, now),
      limits: new Limits(options.concurrency ?? 8, (service) => options.serviceConcurrency?.[service] ?? serviceConcurrency().get(service) ?? 1),
    });
    const isRemoval = (action: PlanAction) => !desiredByName.has(action.name);
    const outcomes = schedule<Outcome>(plan.actions, isRemoval, (action, dependencies) => dispatcher.run(action, dependencies, isRemoval(action)));
    const settled = await Promise.allSettled([...outcomes.values()]);
    const aborted = settled.find((s) => s.status === "rejected");
    if (aborted) throw (aborted as PromiseRejectedResult).reason;
    const results = new Map<string, Outcome>();
    for (const [name, promise] of outcomes) results.set(name, await promise);
    const summary = summarize(plan, results, deleting, writes, errors, events);
    const outputs = environmentOutputs(env, (name, attribute) => attributes.get(name)?.[attribute], observedByName);
    return { environment: env.key, plan, ...summary, outputs, errors, events };
  }
}
