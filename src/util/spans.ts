import { context, createContextKey, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Attributes, type Context, type Span, type Tracer, type TracerProvider } from "@opentelemetry/api";

/*
 * Span helpers on the OpenTelemetry API alone: code that may trace imports these, and only a process
 * that turns tracing on loads the SDK (src/util/tracing.ts).
 */

/** A started tracer and how to flush it. When tracing is off there is none and callers hold `undefined`. */
export interface Tracing {
  readonly tracer: Tracer;
  /** What instrumentations (ioredis, aws-sdk, http) take to make their spans in the same pipeline. */
  readonly provider: TracerProvider;
  /** Sends every finished span now: a CLI command calls it before exiting. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Where to send spans, from OTEL_EXPORTER_OTLP_ENDPOINT or `--tracing` (the collector's default port); undefined means off. */
export function tracingEndpoint(env: NodeJS.ProcessEnv, flag = false): string | undefined {
  const configured = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return flag ? "http://127.0.0.1:4318" : undefined;
}

/** OTEL_TRACES_SAMPLER_ARG as a rate; a value that is not a number in 0..1 is an error naming the variable. */
export function sampleRateFrom(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  if (!text) return undefined;
  const rate = Number(text);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`OTEL_TRACES_SAMPLER_ARG="${text}" is not a sampling rate; use a number from 0 to 1, e.g. 0.05`);
  return rate;
}

let processTracing: Tracing | undefined;

/** The process-wide tracing a CLI command or the server turned on; undefined when tracing is off. */
export function activeTracing(): Tracing | undefined {
  return processTracing;
}

export function setActiveTracing(tracing: Tracing | undefined): void {
  processTracing = tracing;
}

const inheritedKey = createContextKey("gamectl.span-attributes");

/** Attributes every span started below this context carries too (environment, kind, resource, action). */
export function withInheritedAttributes(parent: Context, attributes: Attributes): Context {
  const current = (parent.getValue(inheritedKey) as Attributes | undefined) ?? {};
  return parent.setValue(inheritedKey, { ...current, ...attributes });
}

export function inheritedAttributes(ctx: Context = context.active()): Attributes {
  return (ctx.getValue(inheritedKey) as Attributes | undefined) ?? {};
}

/** Records a failure on a span the way X-Ray and every OTLP backend show it: an exception event and an error status. */
export function recordError(span: Span, error: unknown, code?: string): void {
  span.recordException(error instanceof Error ? error : new Error(String(error)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  if (code) span.setAttribute("error.type", code);
}

/**
 * Runs `work` in a new active span, ending it when the work settles and recording a thrown error on it.
 * Without a tracer it is just `work()`: tracing off costs one branch.
 */
export async function inSpan<T>(
  tracer: Tracer | undefined, name: string, attributes: Attributes, work: (span: Span | undefined) => Promise<T>,
  options: { kind?: SpanKind; parent?: Context; inherit?: boolean; root?: boolean } = {},
): Promise<T> {
  if (!tracer) return await work(undefined);
  // A root span starts from the empty context: no parent span and nothing inherited.
  let parent = options.root ? ROOT_CONTEXT : options.parent ?? context.active();
  const all = { ...inheritedAttributes(parent), ...attributes };
  if (options.inherit) parent = withInheritedAttributes(parent, attributes);
  return await tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: all }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordError(span, error, (error as { name?: string }).name);
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
