import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import { AwsCallCounter, createAwsClients, type AwsCallGate, type AwsCallListener, type AwsClients } from "../aws/clients.ts";
import type { ApiBudget } from "../aws/budget.ts";
import { Reconciler } from "../reconcile/reconcile.ts";
import { formatManifestError } from "../spec/errors.ts";
import { loadManifests, type LoadedEnvironment } from "../spec/load.ts";
import { createLogger } from "../util/log.ts";
import { activeTracing } from "../util/spans.ts";

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

/** Loads manifests for a command; on any error prints every error and returns undefined, before any AWS call. */
export async function loadForCommand(paths: readonly string[], write: (text: string) => void): Promise<LoadedEnvironment[] | undefined> {
  if (paths.length === 0) {
    write("error: -f/--filename is required: the manifest file or folder to use (e.g. -f manifests/examples/dev.yaml)\n");
    return undefined;
  }
  const result = await loadManifests([...paths]);
  if (result.errors.length > 0) {
    for (const error of result.errors) write(formatManifestError(error) + "\n");
    write(`\n${result.errors.length} error(s); nothing was sent to AWS.\n`);
    return undefined;
  }
  if (result.environments.length === 0) {
    write(`error: no GameEnvironment found in ${paths.join(", ")}\n`);
    return undefined;
  }
  return result.environments;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
