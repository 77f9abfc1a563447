import { ConfigError, loadServerConfig } from "./config.ts";
import { startGameServer } from "./main.ts";

let config;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const server = await startGameServer(config);
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
