import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";
import { planHasChanges } from "../plan/plan.ts";
import type { Observation } from "../aws/driver.ts";
import { ReconcileRefused, type ReconcileResult, type Reconciler } from "../reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { GameEnvironmentStatus } from "../spec/types.generated.ts";
import { ANNOTATION_MANAGEMENT_POLICY, ANNOTATION_PAUSED, type DesiredEnvironment, type EnvironmentAdapter, type EnvironmentEvent } from "./adapter.ts";
import type { ControllerMetrics } from "./metrics.ts";
import { WorkQueue, type Clock, type WorkOutcome } from "./queue.ts";
import { computeStatus, conditionOf, sameStatus, type PassOutcome } from "./status.ts";

export interface ControllerOptions {
  readonly adapter: EnvironmentAdapter;
  readonly reconcilerFor: (env: LoadedEnvironment) => Reconciler;
  readonly log: Logger;
  readonly metrics: ControllerMetrics;
  /** Environments reconciled at once (default 4). */
  readonly concurrency?: number;
  /** How often a steady environment is observed again (default 10 min). */
  readonly resyncMs?: number;
  /**
   * The resync period in force now, when it varies: longer while change events flow (see
   * runtime/events). Read each time a resync is scheduled; overrides resyncMs.
   */
  readonly currentResyncMs?: () => number;
  /**
   * How often a steady environment is read in full, including what a light resync skips (a table's
   * TTL and PITR, the task role's inline policy). Default 1 h; 0 makes every resync full.
   */
  readonly fullObservationMs?: number;
  /** How soon a transitional environment is looked at again when the reconciler gives no interval. */
  readonly transitionalMs?: number;
  /** Deletions or replacements one apply may make before the brake (default 5). */
  readonly maxDeletions?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly clock?: Clock;
}

const environmentScope = new AsyncLocalStorage<string>();

/**
 * The environment whose reconcile pass made the current call (undefined outside any pass), so that a
 * gate on the AWS clients, which every environment shares, can tell whose call it is.
 */
export function currentEnvironment(): string | undefined {
  return environmentScope.getStore();
}

/** The fields whose change means "look again now"; a status write of our own changes none of them. */
function trigger(desired: DesiredEnvironment): string {
  return JSON.stringify([desired.generation, desired.annotations, desired.deleting, desired.invalid ?? "", desired.deletionRefused ?? ""]);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function deletionDone(result: ReconcileResult): boolean {
  return result.errors.length === 0 && result.plan.actions.every((a) => a.type === "retain" || a.type === "noop");
}

/**
 * The long-lived loop around the one reconciler: source events go through a deduplicating,
 * rate-limited queue to reconcile(), whose result becomes status, events and outputs in the sink.
 */
export class Controller {
  private readonly options: ControllerOptions;
  private readonly queue: WorkQueue;
  private readonly triggers = new Map<string, string>();
  private readonly statuses = new Map<string, GameEnvironmentStatus>();
  private readonly statusWrittenAt = new Map<string, number>();
  /** When each generation was first seen, for the time-to-ready histogram. */
  private readonly generationSeen = new Map<string, { generation: number; at: number; ready: boolean }>();
  /** When each environment was last read in full and found converged, and for which trigger. */
  private readonly lastFullSteady = new Map<string, { at: number; trigger: string }>();
  private readonly heldDeletions = new Set<string>();
  private readonly now: () => number;
  private started = false;

  constructor(options: ControllerOptions) {
    this.options = options;
    this.now = () => options.clock?.now() ?? Date.now();
    this.queue = new WorkQueue({
      handler: (key) => this.process(key),
      concurrency: options.concurrency ?? 4,
      baseBackoffMs: options.baseBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 300_000,
      ...(options.clock ? { clock: options.clock } : {}),
      onError: (key, error) => options.log.error({ environment: key, err: errorMessage(error) }, "reconcile crashed"),
    });
  }

  get resyncMs(): number {
    return this.options.currentResyncMs?.() ?? this.options.resyncMs ?? 600_000;
  }

  /**
   * The resync period just became shorter (change events stopped flowing): bring every resync
   * scheduled under the longer one forward, so no environment waits out the long period unwatched.
   */
  resyncPeriodShortened(): void {
    for (const key of this.statuses.keys()) this.queue.addAfter(key, this.nextResyncMs);
  }

  /** The status last computed for a key (or the one the source holds), e.g. to know its resources' ids. */
  statusOf(key: string): GameEnvironmentStatus | undefined {
    return this.statuses.get(key) ?? this.options.adapter.get(key)?.status;
  }

  /** The resync period spread by ±10 %, so environments started together do not all resync in the same second. */
  private get nextResyncMs(): number {
    return Math.round(this.resyncMs * (0.9 + Math.random() * 0.2));
  }

  get queueDepth(): number {
    return this.queue.depth;
  }

  async start(): Promise<void> {
    this.started = true;
    await this.options.adapter.start((key) => this.changed(key));
    for (const key of this.options.adapter.keys()) this.changed(key);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.queue.stop();
    await this.options.adapter.stop();
  }

  /** Resolves when no environment is waiting or running (scheduled resyncs do not count). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Reconcile a key now, whatever changed or did not (refresh, tests), reading it in full. */
  enqueue(key: string): void {
    this.lastFullSteady.delete(key);
    this.queue.add(key);
  }

  /** The periodic resync of a key, now rather than when it falls due: a light look if it is steady. */
  resyncNow(key: string): void {
    this.queue.add(key);
  }

  /**
   * A light resync only for an environment found converged by a full read, under the same spec and
   * annotations (a refresh changes them), not longer ago than the full-observation period.
   */
  private observationFor(key: string, desired: DesiredEnvironment): Observation {
    const last = this.lastFullSteady.get(key);
    const period = this.options.fullObservationMs ?? 3_600_000;
    return last && last.trigger === trigger(desired) && this.now() - last.at < period ? "resync" : "full";
  }

  private changed(key: string): void {
    if (!this.started) return;
    const desired = this.options.adapter.get(key);
    if (!desired) {
      this.forget(key);
      return;
    }
    if (desired.status && !this.statuses.has(key)) this.statuses.set(key, desired.status);
    const value = trigger(desired);
    if (this.triggers.get(key) === value) return;
    this.triggers.set(key, value);
    const seen = this.generationSeen.get(key);
    if (!seen || seen.generation !== desired.generation) this.generationSeen.set(key, { generation: desired.generation, at: this.now(), ready: false });
    this.queue.add(key);
    this.options.metrics.queueDepth.set(this.queue.depth);
  }

  /** Keeps the held-deletions gauge: the environments whose deletion the mass-deletion brake holds now. */
  private holdDeletion(key: string, held: boolean): void {
    if (held === this.heldDeletions.has(key)) return;
    if (held) this.heldDeletions.add(key);
    else this.heldDeletions.delete(key);
    this.options.metrics.deletionsHeld.set(this.heldDeletions.size);
  }

  private forget(key: string): void {
    this.holdDeletion(key, false);
    this.queue.forget(key);
    this.triggers.delete(key);
    this.statuses.delete(key);
    this.statusWrittenAt.delete(key);
    this.generationSeen.delete(key);
    this.lastFullSteady.delete(key);
    this.options.metrics.setResources(key, undefined);
    this.options.metrics.setPhase(key, undefined);
  }

  private async process(key: string): Promise<WorkOutcome> {
    const started = performance.now();
    let result = "error";
    try {
      const outcome = await environmentScope.run(key, () => this.pass(key));
      result = outcome.label;
      return outcome.next;
    } finally {
      const seconds = (performance.now() - started) / 1_000;
      this.options.metrics.reconciles.inc({ result });
      this.options.metrics.reconcileDuration.observe({ result }, seconds);
      this.options.metrics.queueDepth.set(this.queue.depth);
    }
  }

  private async publish(key: string, desired: DesiredEnvironment, outcome: PassOutcome, events: readonly EnvironmentEvent[] = []): Promise<GameEnvironmentStatus> {
    const { adapter } = this.options;
    const previous = this.statuses.get(key) ?? desired.status;
    const status = computeStatus({ outcome, generation: desired.generation, ...(previous ? { previous } : {}), now: new Date(this.now()) });
    const writtenAt = this.statusWrittenAt.get(key) ?? 0;
    if (!sameStatus(previous, status) || this.now() - writtenAt >= this.resyncMs) {
      await adapter.writeStatus(key, status);
      this.statusWrittenAt.set(key, this.now());
    }
    this.statuses.set(key, status);
    if (events.length > 0) await adapter.recordEvents(key, events);
    this.options.metrics.setPhase(key, status.phase);
    this.trackReady(key, desired, status);
    return status;
  }

  private trackReady(key: string, desired: DesiredEnvironment, status: GameEnvironmentStatus): void {
    const seen = this.generationSeen.get(key);
    if (!seen || seen.ready || seen.generation !== desired.generation) return;
    if (conditionOf(status, "Ready")?.status !== "True") return;
    seen.ready = true;
    this.options.metrics.timeToReady.observe((this.now() - seen.at) / 1_000);
  }

  private async pass(key: string): Promise<{ label: string; next: WorkOutcome }> {
    const { adapter, log } = this.options;
    const desired = adapter.get(key);
    if (!desired) {
      this.forget(key);
      return { label: "gone", next: {} };
    }
    if (desired.annotations[ANNOTATION_PAUSED] === "true") {
      await this.publish(key, desired, { kind: "paused" });
      return { label: "paused", next: {} };
    }
    this.holdDeletion(key, Boolean(desired.deleting && desired.deletionRefused));
    if (desired.deleting && desired.deletionDeferredMs !== undefined) return { label: "deferred", next: { requeueAfterMs: desired.deletionDeferredMs } };
    if (desired.deletionRefused) {
      await this.publish(key, desired, { kind: "deletion-refused", message: desired.deletionRefused }, [{ type: "Warning", reason: "DeletionRefused", resource: key, message: desired.deletionRefused }]);
      return { label: "refused", next: { requeueAfterMs: this.nextResyncMs } };
    }
    const observeOnly = desired.annotations[ANNOTATION_MANAGEMENT_POLICY] === "observe-only";
    if (desired.deleting && observeOnly) {
      log.info({ environment: key }, "deleted in observe-only mode: AWS resources are left alone");
      await adapter.deletionFinished(key);
      this.forget(key);
      return { label: "deleted", next: {} };
    }
    if (!desired.env) {
      const message = desired.invalid ?? "the manifest could not be read";
      const deletingNote = desired.deleting
        ? "; the environment is being deleted but its spec is invalid, so gamectl cannot tell what to delete: fix the spec, or remove the finalizer gamectl.dev/finalizer to leave its AWS resources behind"
        : "";
      await this.publish(key, desired, { kind: "invalid", message: message + deletingNote }, [{ type: "Warning", reason: "Invalid", resource: key, message: message + deletingNote }]);
      return { label: "invalid", next: {} };
    }
    const env = desired.env;
    const reconciler = this.options.reconcilerFor(env);
    try {
      if (desired.deleting) {
        const result = await reconciler.reconcile(env, { mode: "delete", allowMassDelete: true });
        if (deletionDone(result)) {
          if (result.events.length > 0) await adapter.recordEvents(key, result.events);
          await adapter.deletionFinished(key);
          log.info({ environment: key }, "environment deleted");
          this.forget(key);
          return { label: "deleted", next: {} };
        }
        await this.publish(key, desired, { kind: "reconciled", result, mode: "delete" }, result.events);
        this.options.metrics.setResources(key, result.resources);
        return { label: "deleting", next: { requeueAfterMs: Math.min(result.requeueAfterMs ?? 2_000, this.transitionalMs) } };
      }
      await adapter.prepare(key);
      const mode = observeOnly ? "observe-only" : "apply";
      const previous = this.statuses.get(key) ?? desired.status;
      const result = await reconciler.reconcile(env, { mode, maxDeletions: this.options.maxDeletions ?? 5, observation: this.observationFor(key, desired) });
      if (!result.converged) this.lastFullSteady.delete(key);
      else if (result.observation === "full") this.lastFullSteady.set(key, { at: this.now(), trigger: trigger(desired) });
      const steadyBefore = previous?.observedGeneration === desired.generation && conditionOf(previous, "Ready")?.status === "True";
      if ((mode === "apply" && steadyBefore && planHasChanges(result.plan)) || (mode === "observe-only" && result.drift)) {
        this.options.metrics.drift.inc({ environment: key });
      }
      const events: EnvironmentEvent[] = [...result.events];
      const status = await this.publish(key, desired, { kind: "reconciled", result, mode }, events);
      if (conditionOf(previous, "Ready")?.status !== "True" && conditionOf(status, "Ready")?.status === "True") {
        await adapter.recordEvents(key, [{ type: "Normal", reason: "Ready", resource: key, message: `${result.resources.length} resource(s) ready` }]);
      }
      await adapter.writeOutputs(key, result.outputs);
      this.options.metrics.setResources(key, result.resources);
      if (result.errors.length > 0) return { label: "error", next: { failed: true } };
      if (result.converged || observeOnly) return { label: result.converged ? "converged" : "drift", next: { requeueAfterMs: this.nextResyncMs } };
      const blockedOnly = result.plan.actions.every((a) => a.type === "blocked" || a.type === "noop" || a.type === "retain");
      if (blockedOnly && result.requeueAfterMs === undefined) return { label: "blocked", next: { requeueAfterMs: this.nextResyncMs } };
      return { label: "progressing", next: { requeueAfterMs: Math.min(result.requeueAfterMs ?? this.transitionalMs, this.transitionalMs) } };
    } catch (error) {
      this.lastFullSteady.delete(key);
      const refused = error instanceof ReconcileRefused;
      const message = errorMessage(error);
      log.warn({ environment: key, err: message }, refused ? "reconcile refused" : "reconcile failed");
      await this.publish(key, desired, { kind: "error", reason: refused ? "Refused" : "ReconcileError", message }, [{ type: "Warning", reason: refused ? "Refused" : "Failed", resource: key, message }])
        .catch((statusError: unknown) => log.warn({ environment: key, err: errorMessage(statusError) }, "could not write status"));
      return refused ? { label: "refused", next: { requeueAfterMs: this.nextResyncMs } } : { label: "error", next: { failed: true } };
    }
  }

  private get transitionalMs(): number {
    return this.options.transitionalMs ?? 5_000;
  }
}
