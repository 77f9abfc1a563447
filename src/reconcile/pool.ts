import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import { AwsCallCounter, createAwsClients, type AwsCallGate, type AwsCallListener, type AwsClients } from "../aws/clients.ts";
import type { ApiBudget } from "../aws/budget.ts";
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
}

/** One reconciler per region, sharing drivers and call accounting. */
export class ReconcilerPool {
  readonly calls = new AwsCallCounter();
  private readonly byRegion = new Map<string, { aws: AwsClients; reconciler: Reconciler }>();
  private readonly target: AwsTarget;
  private readonly log: Logger;

  constructor(target: AwsTarget, log: Logger = createLogger()) {
    this.target = target;
    this.log = log;
  }

  forEnvironment(env: LoadedEnvironment): Reconciler {
    const region = this.target.region ?? env.manifest.spec.region;
    let entry = this.byRegion.get(region);
    if (!entry) {
      const endpoint = this.target.endpoint ?? process.env.AWS_ENDPOINT_URL;
      const tracer = this.target.tracer ?? activeTracing()?.tracer;
      const aws = createAwsClients({
        region,
        ...(endpoint ? { endpoint } : {}),
        ...(this.target.credentials ? { credentials: this.target.credentials } : {}),
        listeners: [...(this.target.recordCalls === false ? [] : [this.calls.listener]), ...(this.target.listeners ?? [])],
        ...(this.target.gate ? { gate: this.target.gate } : {}),
        ...(this.target.maxConcurrentCalls ? { maxConcurrentCalls: this.target.maxConcurrentCalls } : {}),
        ...(this.target.maxAttempts ? { maxAttempts: this.target.maxAttempts } : {}),
        ...(tracer ? { tracer } : {}),
        ...(this.target.budget ? { budget: this.target.budget } : {}),
      });
      entry = { aws, reconciler: new Reconciler({ aws, log: this.log, ...(tracer ? { tracer } : {}) }) };
      this.byRegion.set(region, entry);
    }
    return entry.reconciler;
  }
}
