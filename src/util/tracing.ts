import { context, propagation } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { AWSXRayIdGenerator } from "@opentelemetry/id-generator-aws-xray";
import { AWSXRayPropagator } from "@opentelemetry/propagator-aws-xray";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler, type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import type { Tracing } from "./spans.ts";

export type { Tracing };

/*
 * Tracing for the controller and the game server: OpenTelemetry spans with X-Ray-format ids, exported
 * over OTLP/HTTP to a collector (the ADOT collector in AWS). Off unless asked for; only a process that
 * turns it on imports this module (and the SDK).
 */
export interface TracingOptions {
  /** `service.name` of the resource: what X-Ray shows as the node name. */
  readonly serviceName: string;
  /** The collector's base URL (OTLP/HTTP, spans go to `<endpoint>/v1/traces`). */
  readonly endpoint?: string;
  /** A test's own exporter instead of OTLP. */
  readonly exporter?: SpanExporter;
  /** Fraction of new traces kept, 0..1 (a trace continued from a caller follows the caller's decision). Default 1. */
  readonly sampleRate?: number;
  /** Export each span as it ends instead of in batches (tests; the CLI, whose process is short). */
  readonly immediate?: boolean;
}

let contextInstalled = false;

/** W3C trace context and X-Ray's X-Amzn-Trace-Id, both read and both written: the ALB speaks the second. */
export function tracePropagator(): CompositePropagator {
  return new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new AWSXRayPropagator()] });
}

export function startTracing(options: TracingOptions): Tracing {
  if (!options.exporter && !options.endpoint) throw new Error("startTracing: pass endpoint (the OTLP/HTTP collector URL) or exporter");
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName }),
    // X-Ray needs the first 32 bits of a trace id to be the start time in epoch seconds.
    idGenerator: new AWSXRayIdGenerator(),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRate ?? 1) }),
    spanProcessors: [options.immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  // Parent/child links follow async calls only through a context manager; one per process is enough.
  if (!contextInstalled) {
    contextInstalled = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(tracePropagator());
  }
  return {
    tracer: provider.getTracer("gamectl"),
    provider,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
