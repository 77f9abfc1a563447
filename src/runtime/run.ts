import { hostname } from "node:os";
import type { Server } from "node:http";
import type { Logger } from "pino";
import { ApiBudget, type ApiBudgetOptions } from "../aws/budget.ts";
import type { AwsCallGate, AwsCallListener } from "../aws/clients.ts";
import { ReconcilerPool, type AwsTarget } from "../reconcile/pool.ts";
import { Controller, currentEnvironment } from "./controller.ts";
import { FolderAdapter } from "./folder/adapter.ts";
import type { KubeClient } from "./kube/client.ts";
import type { KubeAdapter } from "./kube/adapter.ts";
import type { LeaderElector } from "./kube/leader.ts";
import type { ShardMembership } from "./kube/membership.ts";
import { validateLeaderElection, type LeaderElectionTimings } from "./kube/timings.ts";
import { HeapReleaser } from "./memory.ts";
import { ControllerMetrics, serveMetrics } from "./metrics.ts";
import { NotShardOwnerError, ShardedAdapter, type SourceWrite } from "./shards.ts";
import type { ChangeEventOptions, RunningChangeEvents } from "./events/start.ts";

export interface ControllerRunOptions {
  /** Folder mode when set; otherwise the Kubernetes API of the current context. */
  readonly manifestsDir?: string;
  readonly stateDir?: string;
  readonly kubeconfig?: string;
  /** Watch only this namespace (Kubernetes mode). */
  readonly namespace?: string;
  readonly concurrency?: number;
  readonly resyncMs?: number;
  /** How often a steady environment is read in full (see ControllerOptions). */
  readonly fullObservationMs?: number;
  /**
   * How long one controller-wide read (the tag inventory, the managed security groups) serves the light resyncs of
   * every environment that asks after it (default 5 s); 0 turns the sharing off, so each environment reads alone.
   */
  readonly observationWindowMs?: number;
  readonly transitionalMs?: number;
  readonly maxDeletions?: number;
  readonly maxEnvironmentDeletions?: number;
  readonly gitPullMs?: number;
  readonly rescanMs?: number;
  /** HOST:PORT for /metrics, /healthz, /readyz; none when undefined. */
  readonly metricsAddr?: string;
  readonly leaderElect?: boolean;
  /**
   * Kubernetes mode: replicas split the environments among themselves, each holding a Lease of its own
   * (named leaseName-identity in leaseNamespace, with the leader-election timings). Replaces leaderElect.
   */
  readonly shards?: boolean;
  readonly leaseNamespace?: string;
  /** The leader Lease's name; with shards, the group whose members share the environments. */
  readonly leaseName?: string;
  readonly leaseDurationMs?: number;
  /** The leader stops reconciling when it could not renew for this long; below leaseDurationMs (client-go RenewDeadline). */
  readonly renewDeadlineMs?: number;
  /** Between leader-election attempts (client-go RetryPeriod). */
  readonly retryPeriodMs?: number;
  readonly identity?: string;
  readonly aws?: AwsTarget;
  /**
   * The AWS API budget (`--api-budget`): when set, one token bucket per service, at AWS's documented
   * default limits with these overrides, shared by every reconcile of the process. Unset: no budget.
   */
  readonly apiBudget?: NonNullable<ApiBudgetOptions["overrides"]>;
  readonly listeners?: readonly AwsCallListener[];
  readonly gate?: AwsCallGate;
  /** With shards: runs before each write to the source (status, outputs, Events, finalizer) that ownership lets through. */
  readonly sourceWriteGate?: (write: SourceWrite) => void;
  readonly log: Logger;
  /** Give the heap pages V8 freed back to the OS when idle after a burst (default true; see HeapReleaser). */
  readonly releaseMemory?: boolean;
  /**
   * Reconcile an environment as soon as a CloudTrail event names one of its resources (`--events-queue`,
   * the queue `gamectl install` made); the resync becomes the safety net and relaxes while events flow.
   */
  readonly changeEvents?: ChangeEventOptions;
  /** Called when leadership (or, with shards, this replica's own Lease) is lost; the default exits the process, as controller-runtime does. */
  readonly onLeadershipLost?: () => void;
}

export interface RunningController {
  readonly controller: Controller;
  readonly metrics: ControllerMetrics;
  readonly pool: ReconcilerPool;
  readonly budget?: ApiBudget;
  readonly folder?: FolderAdapter;
  readonly kube?: KubeAdapter;
  readonly shards?: ShardMembership;
  readonly metricsPort?: number;
  readonly changeEvents?: RunningChangeEvents;
  stop(): Promise<void>;
}

/** Thrown by the AWS gate of a replica that is not (or no longer) the leader. */
export class NotLeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotLeaderError";
  }
}

/**
 * The leader-election timings: those given, the others derived from the lease duration in client-go's
 * default proportions (15 s / 10 s / 2 s), then checked as client-go checks them.
 */
export function leaderTimings(options: Pick<ControllerRunOptions, "leaseDurationMs" | "renewDeadlineMs" | "retryPeriodMs">): Required<LeaderElectionTimings> {
  const lease = options.leaseDurationMs;
  return validateLeaderElection({
    ...(lease !== undefined ? { leaseDurationMs: lease } : {}),
    ...(options.renewDeadlineMs !== undefined ? { renewDeadlineMs: options.renewDeadlineMs } : lease !== undefined ? { renewDeadlineMs: Math.round(lease * 2 / 3) } : {}),
    ...(options.retryPeriodMs !== undefined ? { retryPeriodMs: options.retryPeriodMs } : lease !== undefined ? { retryPeriodMs: Math.max(100, Math.round(lease / 7.5)) } : {}),
  });
}

/** Assembles a controller: one reconciler pool, one adapter (folder or Kubernetes), metrics, optional leader election. */
export async function runController(options: ControllerRunOptions): Promise<RunningController> {
  if (options.shards && options.leaderElect) throw new Error("--shards and --leader-elect exclude each other: with --shards every replica reconciles its own share of the environments; drop --leader-elect");
  if (options.shards && options.manifestsDir) throw new Error("--shards needs Kubernetes mode (Leases); a folder controller (--manifests) runs as one process");
  const timings = options.leaderElect || options.shards ? leaderTimings(options) : undefined;
  const metrics = new ControllerMetrics();
  const identity = options.identity ?? `${hostname()}-${process.pid}`;
  let elector: LeaderElector | undefined;
  let shards: ShardMembership | undefined;
  const outerGate = options.gate;
  // With leader election, no AWS call leaves a replica that does not hold a lease renewed within the
  // renew deadline, even from a reconcile pass already under way when leadership ended. With shards,
  // the same holds per environment: a call made by an environment's pass leaves only while this replica
  // owns it (see ShardMembership), and a call outside any pass only while the replica is an active member.
  const gate: AwsCallGate | undefined = options.leaderElect
    ? (call) => {
      if (!elector?.isLeader) throw new NotLeaderError(`${call.service}:${call.operation} refused: this replica does not hold the leader lease (not renewed within the renew deadline)`);
      outerGate?.(call);
    }
    : options.shards
      ? (call) => {
        const key = currentEnvironment();
        if (key === undefined ? !shards?.active : !shards?.owns(key)) {
          throw new NotShardOwnerError(`${call.service}:${call.operation} refused: replica ${identity} ${key === undefined ? "is not an active shard member" : `does not own ${key} now`} (shard Lease not renewed within the renew deadline, still warming up, or the environment moved to another replica)`);
        }
        outerGate?.(call);
      }
      : outerGate;
  const budget = options.apiBudget ? new ApiBudget({ overrides: options.apiBudget, observer: metrics.budgetObserver }) : undefined;
  if (budget) metrics.watchBudget(budget);
  const pool = new ReconcilerPool({
    ...options.aws,
    ...(budget ? { budget } : {}),
    listeners: [metrics.awsListener, ...(options.aws?.listeners ?? []), ...(options.listeners ?? [])],
    ...(gate ? { gate } : {}),
    // Calls are counted in the metrics; a process that runs for months keeps no call log.
    recordCalls: false,
    ...(options.observationWindowMs !== 0 ? {
      sharedObservation: {
        ...(options.observationWindowMs !== undefined ? { windowMs: options.observationWindowMs } : {}),
        // A resource's details read once serve light resyncs no longer than the full-resync period.
        ...(options.fullObservationMs !== undefined ? { detailsMaxAgeMs: options.fullObservationMs } : {}),
      },
    } : {}),
  }, options.log);
  let folder: FolderAdapter | undefined;
  let kube: KubeAdapter | undefined;
  let client: KubeClient | undefined;
  if (options.manifestsDir) {
    folder = new FolderAdapter({
      dir: options.manifestsDir, log: options.log,
      ...(options.stateDir ? { stateDir: options.stateDir } : {}),
      ...(options.gitPullMs ? { gitPullMs: options.gitPullMs } : {}),
      ...(options.rescanMs ? { rescanMs: options.rescanMs } : {}),
      ...(options.maxEnvironmentDeletions !== undefined ? { maxEnvironmentDeletions: options.maxEnvironmentDeletions } : {}),
    });
  } else {
    // Loaded only in Kubernetes mode: @kubernetes/client-node is a large module graph a folder controller never needs.
    const { KubeClient, loadKubeConfig } = await import("./kube/client.ts");
    const { KubeAdapter } = await import("./kube/adapter.ts");
    client = new KubeClient(loadKubeConfig(options.kubeconfig));
    kube = new KubeAdapter({
      client, log: options.log, instance: identity, ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.maxEnvironmentDeletions !== undefined ? { maxEnvironmentDeletions: options.maxEnvironmentDeletions } : {}),
    });
  }
  let sharded: ShardedAdapter | undefined;
  if (options.shards && client && kube) {
    const { ShardMembership } = await import("./kube/membership.ts");
    shards = new ShardMembership({
      client, identity, log: options.log, ...timings,
      namespace: options.leaseNamespace ?? process.env.POD_NAMESPACE ?? "gamectl-system",
      group: options.leaseName ?? "gamectl-controller",
      onChange: () => sharded?.reassigned(),
    });
    sharded = new ShardedAdapter(kube, shards, options.sourceWriteGate ? { beforeWrite: options.sourceWriteGate } : {});
    const membership = shards;
    const view = sharded;
    metrics.watchShards(identity, () => ({ owned: view.allKeys().filter((key) => membership.owns(key)).length, members: membership.liveMembers().length }));
  }
  const adapter = sharded ?? folder ?? kube!;
  // Loaded only when asked for, like the Kubernetes modules.
  const events = options.changeEvents
    ? (await import("./events/start.ts")).changeEvents(options.changeEvents, { adapter, ...(sharded ? { shard: sharded } : {}), ...(options.aws ? { aws: options.aws } : {}), ...(budget ? { budget } : {}), ...(gate ? { gate } : {}), metrics, log: options.log })
    : undefined;
  const regularResyncMs = options.resyncMs ?? 600_000;
  const controller = new Controller({
    adapter, reconcilerFor: (env) => pool.forEnvironment(env), log: options.log, metrics,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.resyncMs ? { resyncMs: options.resyncMs } : {}),
    ...(events ? { currentResyncMs: () => events.currentResyncMs(regularResyncMs) } : {}),
    ...(options.fullObservationMs !== undefined ? { fullObservationMs: options.fullObservationMs } : {}),
    ...(options.transitionalMs ? { transitionalMs: options.transitionalMs } : {}),
    ...(options.maxDeletions !== undefined ? { maxDeletions: options.maxDeletions } : {}),
  });

  const releaser = options.releaseMemory === false ? undefined : new HeapReleaser({ busy: () => controller.queueDepth > 0, log: options.log });
  releaser?.start();

  let ready = false;
  let server: Server | undefined;
  let metricsPort: number | undefined;
  if (options.metricsAddr) {
    const served = await serveMetrics(options.metricsAddr, metrics, { healthy: () => true, ready: () => ready });
    server = served.server;
    metricsPort = served.port;
    options.log.info({ address: options.metricsAddr, port: metricsPort }, "serving /metrics, /healthz and /readyz");
  }

  if (options.leaderElect && client) {
    const { LeaderElector } = await import("./kube/leader.ts");
    elector = new LeaderElector({
      client, identity, log: options.log,
      namespace: options.leaseNamespace ?? process.env.POD_NAMESPACE ?? "gamectl-system",
      name: options.leaseName ?? "gamectl-controller",
      ...timings,
    });
    // A standby is ready to take over, so it reports ready; only the leader reconciles.
    ready = true;
    const lost = options.onLeadershipLost ?? (() => process.exit(1));
    void elector.run(() => {
      metrics.leader.set(1);
      events?.start(controller);
      controller.start().catch((error: unknown) => {
        options.log.error({ err: error instanceof Error ? error.message : String(error) }, "controller failed to start");
        lost();
      });
    }, () => {
      metrics.leader.set(0);
      void events?.stop();
      void controller.stop();
      lost();
    });
  } else {
    try {
      await controller.start();
      // Members start after the first listing, so the first assignment finds every environment in the cache.
      shards?.start(() => {
        options.log.error({ identity }, "lost the shard lease: this replica stopped reconciling");
        void controller.stop();
        (options.onLeadershipLost ?? (() => process.exit(1)))();
      });
    } catch (error) {
      // Nothing may keep the process alive after a failed start: stop the watch loop and the metrics server.
      releaser?.stop();
      await controller.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      throw error;
    }
    events?.start(controller);
    ready = true;
  }

  return {
    controller, metrics, pool, ...(budget ? { budget } : {}), ...(events ? { changeEvents: events } : {}), ...(folder ? { folder } : {}), ...(kube ? { kube } : {}), ...(shards ? { shards } : {}), ...(metricsPort !== undefined ? { metricsPort } : {}),
    async stop() {
      releaser?.stop();
      await events?.stop();
      await controller.stop();
      await elector?.stop();
      await shards?.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}
