import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import { AwsCallCounter, createAwsClients, type AwsCallGate, type AwsCallListener, type AwsClients } from "../aws/clients.ts";
import type { ApiBudget } from "../aws/budget.ts";
import { SharedObservation, type SharedObservationOptions } from "../aws/shared-observation.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import { createLogger } from "../util/log.ts";
import { activeTracing } from "../util/spans.ts";
import { Reconciler } from "./reconcile.ts";

/** How the CLI and the controller reach AWS: the default credential chain, a region, an optional endpoint. */
export interface AwsTarget {
  readonly region?: string;
  readonly endpoint?: string;
  /** Explicit credentials (tests); otherwise the SDK's default chain. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
  readonly listeners?: readonly AwsCallListener[];
  readonly gate?: AwsCallGate;
  readonly maxConcurrentCalls?: number;
  /** Attempts per AWS call including SDK retries (default 8). */
  readonly maxAttempts?: number;
  /** Traces reconcile passes; default: the process's tracing (`--tracing`, OTEL_EXPORTER_OTLP_ENDPOINT), else none. */
  readonly tracer?: Tracer;
  /**
   * Keep every call in `calls` (default). A controller that runs for months counts calls in its
   * metrics instead and must not keep them.
   */
  readonly recordCalls?: boolean;
  /** The AWS API budget every call waits on; the controller shares one across all regions and reconciles. */
  readonly budget?: ApiBudget;
  /**
   * Light resyncs share controller-wide reads across environments (the controller); unset: every reconcile reads
   * for itself (the CLI, whose passes are all full reads of one environment).
   */
  readonly sharedObservation?: SharedObservationOptions;
}

/** One reconciler per region, sharing drivers and call accounting. */
export class ReconcilerPool {
  readonly calls = new AwsCallCounter();
  private readonly byRegion = new Map<string, { aws: AwsClients; reconciler: Reconciler; shared?: SharedObservation }>();
  private readonly target: AwsTarget;
  private readonly log: Logger;

  constructor(target: AwsTarget, log: Logger = createLogger()) {
    this.target = target;
    this.log = log;
  }

  private sharing = true;

  /** Turns the shared observation on or off in every region (bench/controller's before and after, in one run). */
  shareObservation(enabled: boolean): void {
    this.sharing = enabled;
    for (const { shared } of this.byRegion.values()) if (shared) shared.enabled = enabled;
  }

  forEnvironment(env: LoadedEnvironment): Reconciler {
    const region = this.target.region ?? env.manifest.spec.region;
    let entry = this.byRegion.get(region);
    if (!entry) {
      const endpoint = this.target.endpoint ?? process.env.AWS_ENDPOINT_URL;
      const tracer = this.target.tracer ?? activeTracing()?.tracer;
      const shared = this.target.sharedObservation ? new SharedObservation(this.target.sharedObservation) : undefined;
      if (shared) shared.enabled = this.sharing;
      const outerGate = this.target.gate;
      const gate: AwsCallGate | undefined = shared
        ? (call) => {
          shared.gate(call);
          outerGate?.(call);
        }
        : outerGate;
      const aws = createAwsClients({
        region,
        ...(endpoint ? { endpoint } : {}),
        ...(this.target.credentials ? { credentials: this.target.credentials } : {}),
        listeners: [...(this.target.recordCalls === false ? [] : [this.calls.listener]), ...(shared ? [shared.listener] : []), ...(this.target.listeners ?? [])],
        ...(gate ? { gate } : {}),
        ...(this.target.maxConcurrentCalls ? { maxConcurrentCalls: this.target.maxConcurrentCalls } : {}),
        ...(this.target.maxAttempts ? { maxAttempts: this.target.maxAttempts } : {}),
        ...(tracer ? { tracer } : {}),
        ...(this.target.budget ? { budget: this.target.budget } : {}),
      });
      entry = { aws, reconciler: new Reconciler({ aws, log: this.log, ...(tracer ? { tracer } : {}), ...(shared ? { shared } : {}) }), ...(shared ? { shared } : {}) };
      this.byRegion.set(region, entry);
    }
    return entry.reconciler;
  }
}
