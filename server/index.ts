// Tracing first, and only when asked for: the instrumentations must patch ioredis, the AWS SDK and node:http
// before the modules below load them, so those are imported dynamically after it.
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) {
  const { startServerTracing } = await import("./tracing.ts");
  try {
    startServerTracing(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
const { ConfigError, StartupError, loadServerConfig } = await import("./config.ts");
const { startGameServer } = await import("./main.ts");

let config;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

let server;
try {
  server = await startGameServer(config);
} catch (error) {
  // A start-up condition the operator must fix (the ECS task metadata, Redis IAM credentials): one clear line, not a stack trace.
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ event: "listening", port: server.port, processId: server.processId })}\n`);

/**
 * The most a shutdown may take: under ECS's default stop timeout (30 s), so the process exits on its own rather than
 * by SIGKILL. A normal shutdown takes a checkpoint per room and a few seconds (server/README.md); one that hangs (a
 * DynamoDB that stopped answering) gives up here, and its rooms are restored from their previous checkpoint.
 */
const SHUTDOWN_LIMIT_MS = 25_000;

let signalled = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish in ${SHUTDOWN_LIMIT_MS / 1000} s; exiting: rooms not checkpointed are restored from their previous checkpoint\n`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    server.stop().then(() => flushTraces()).then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`shutdown failed: ${String(error)}\n`);
      process.exit(1);
    });
  });
}

/** Spans still batched are sent before the process exits (a task stop, a deploy). */
async function flushTraces(): Promise<void> {
  const { activeTracing } = await import("../src/util/spans.ts");
  await activeTracing()?.shutdown().catch(() => undefined);
}
