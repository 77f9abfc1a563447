import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OTLP/HTTP trace receiver: what a collector is to the exporters, decoding the JSON encoding
 * (`Content-Type: application/json`, the default of @opentelemetry/exporter-trace-otlp-http). It keeps every
 * span it receives, flattened, so tests assert span trees without a collector or X-Ray.
 */

export type AttributeValue = string | number | boolean | undefined;

export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP's enum: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly events: ReadonlyArray<{ name: string; attributes: Readonly<Record<string, AttributeValue>> }>;
  readonly links: ReadonlyArray<{ traceId: string; spanId: string }>;
  /** 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string | undefined;
  readonly startNanos: bigint;
}

interface OtlpValue { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean }
interface OtlpAttribute { key: string; value?: OtlpValue }
interface OtlpSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind?: number; startTimeUnixNano?: string | number;
  attributes?: OtlpAttribute[]; events?: Array<{ name: string; attributes?: OtlpAttribute[] }>; links?: Array<{ traceId: string; spanId: string }>; status?: { code?: number; message?: string };
}
interface OtlpExport { resourceSpans?: Array<{ resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }

function attributes(list: readonly OtlpAttribute[] | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const { key, value } of list ?? []) {
    out[key] = value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined) ?? value?.doubleValue ?? value?.boolValue;
  }
  return out;
}

/** OTLP/JSON ids are hex; an exporter configured otherwise sends base64 of the bytes. Either way: lowercase hex. */
function hexId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, "base64").toString("hex");
}

export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private readonly server: Server;
  private readonly waiters = new Set<() => void>();

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    const receiver = new OtlpReceiver(server);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        if (req.method !== "POST" || req.url !== "/v1/traces") return void res.writeHead(404).end();
        if (!String(req.headers["content-type"]).includes("json")) {
          return void res.writeHead(415, { "content-type": "application/json" }).end(JSON.stringify({ message: "this test receiver decodes OTLP/JSON only" }));
        }
        receiver.accept(JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpExport);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  /** The base URL exporters take (OTEL_EXPORTER_OTLP_ENDPOINT): spans arrive at `<url>/v1/traces`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private accept(body: OtlpExport): void {
    for (const resourceSpans of body.resourceSpans ?? []) {
      const service = String(attributes(resourceSpans.resource?.attributes)["service.name"] ?? "");
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            service, traceId: hexId(span.traceId)!, spanId: hexId(span.spanId)!, parentSpanId: hexId(span.parentSpanId), name: span.name, kind: span.kind ?? 0,
            attributes: attributes(span.attributes), events: (span.events ?? []).map((e) => ({ name: e.name, attributes: attributes(e.attributes) })),
            links: (span.links ?? []).map((l) => ({ traceId: hexId(l.traceId)!, spanId: hexId(l.spanId)! })),
            statusCode: span.status?.code ?? 0, statusMessage: span.status?.message, startNanos: BigInt(span.startTimeUnixNano ?? 0),
          });
        }
      }
    }
    for (const wake of this.waiters) wake();
  }

  /** Waits until `find` returns something from the spans received so far, for at most `timeoutMs`. */
  async waitFor<T>(find: (spans: readonly ReceivedSpan[]) => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this.spans);
      if (found !== undefined && found !== false) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`OTLP receiver: the spans awaited did not arrive within ${timeoutMs} ms; received ${this.spans.length}: ${this.spans.map((s) => s.name).join(", ")}`);
      await new Promise<void>((resolve) => {
        const wake = () => { this.waiters.delete(wake); clearTimeout(timer); resolve(); };
        const timer = setTimeout(wake, Math.min(left, 200));
        this.waiters.add(wake);
      });
    }
  }

  children(parent: ReceivedSpan): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === parent.traceId && s.parentSpanId === parent.spanId);
  }

  clear(): void {
    this.spans.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Whether a trace id has X-Ray's form: the first 8 hex digits are the trace's start in epoch seconds. */
export function xrayEpochSeconds(traceId: string): number {
  return parseInt(traceId.slice(0, 8), 16);
}
