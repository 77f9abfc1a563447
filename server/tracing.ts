import { createRequire } from "node:module";
import { trace } from "@opentelemetry/api";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { AwsInstrumentation } from "@opentelemetry/instrumentation-aws-sdk";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { IORedisInstrumentation } from "@opentelemetry/instrumentation-ioredis";
import { sampleRateFrom, setActiveTracing, tracingEndpoint, type Tracing } from "../src/util/spans.ts";
import { startTracing } from "../src/util/tracing.ts";

/**
 * The game server's tracing, started by server/index.ts before it imports anything that loads ioredis, the
 * AWS SDK or node:http, and only when OTEL_EXPORTER_OTLP_ENDPOINT is set: with tracing off this module (and
 * the SDK) is never loaded and no exporter runs.
 *
 * Why `require` below: the instrumentations patch modules as they are `require`d (require-in-the-middle).
 * ioredis and the AWS SDK v3 are CommonJS (no `exports` map, so Node's ESM loader loads their dist-cjs too),
 * but the server's own `import` of them does not go through `require`. Requiring them here, once the
 * instrumentations are enabled, patches their shared prototypes (Redis.prototype.sendCommand, the smithy
 * Client's send and middleware stack) before the server's imports reach the same cached modules. No loader
 * hook (`--import`, `module.register`) is needed, which keeps `node server/index.ts` as it is.
 */
export function startServerTracing(env: NodeJS.ProcessEnv): Tracing | undefined {
  const endpoint = tracingEndpoint(env);
  if (!endpoint) return undefined;
  const rate = sampleRateFrom(env);
  const tracing = startTracing({ serviceName: env.OTEL_SERVICE_NAME ?? "gamectl-game-server", endpoint, ...(rate !== undefined ? { sampleRate: rate } : {}) });
  trace.setGlobalTracerProvider(tracing.provider);
  registerInstrumentations({
    tracerProvider: tracing.provider,
    instrumentations: [
      new HttpInstrumentation({
        // The SDK's own HTTPS calls are covered by the aws-sdk spans; an http span under each would only repeat them.
        disableOutgoingRequestInstrumentation: true,
        // Health probes every few seconds from the ALB and ECS would drown the traces worth reading.
        ignoreIncomingRequestHook: (req) => req.url === "/health" || req.url === "/ready" || req.url === "/metrics",
      }),
      // Without a parent span the heartbeat and restore passes (every second, per process) would each start a trace.
      new IORedisInstrumentation({ requireParentSpan: true }),
      new AwsInstrumentation({ suppressInternalInstrumentation: true }),
    ],
  });
  const require = createRequire(import.meta.url);
  for (const name of ["http", "ioredis", "@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"]) require(name);
  setActiveTracing(tracing);
  return tracing;
}
