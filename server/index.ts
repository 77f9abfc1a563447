import { ConfigError, StartupError, loadServerConfig } from "./config.ts";
import { startGameServer } from "./main.ts";

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

let signalled = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    server.stop().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`shutdown failed: ${String(error)}\n`);
      process.exit(1);
    });
  });
}
