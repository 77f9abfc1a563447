import { parseArgs } from "node:util";
import { sampleRateFrom, setActiveTracing, tracingEndpoint, type Tracing } from "../util/spans.ts";

/** A CLI subcommand: parses its own argv and returns the process exit code. */
export interface Command {
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}

// Each command lives in its own module so that commands can be added without touching the others.
const commands: Record<string, () => Promise<{ command: Command }>> = {
  validate: () => import("./commands/validate.ts"),
  explain: () => import("./commands/explain.ts"),
  plan: () => import("./commands/plan.ts"),
  apply: () => import("./commands/apply.ts"),
  delete: () => import("./commands/delete.ts"),
  get: () => import("./commands/get.ts"),
  describe: () => import("./commands/describe.ts"),
  refresh: () => import("./commands/refresh.ts"),
  controller: () => import("./commands/controller.ts"),
  install: () => import("./commands/install.ts"),
};

async function loadCommand(name: string): Promise<Command | undefined> {
  const load = commands[name];
  if (!load) return undefined;
  try {
    return (await load()).command;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ERR_MODULE_NOT_FOUND" && error.message.includes(`commands/${name}.ts`)) return undefined;
    throw error;
  }
}

async function usage(): Promise<string> {
  const lines = ["gamectl: declarative AWS backends for real-time multiplayer games", "", "Usage: gamectl <command> [flags]", "", "Commands:"];
  for (const name of Object.keys(commands)) {
    const command = await loadCommand(name);
    if (command) lines.push(`  ${name.padEnd(12)}${command.summary}`);
  }
  lines.push("", "Run 'gamectl <command> --help' for a command's flags.");
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write((await usage()) + "\n");
    return name ? 0 : 1;
  }
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${await usage()}\n`);
    return 1;
  }
  // `--tracing` is global (any command that reaches AWS traces its reconciles); the commands never see it.
  const traceFlag = argv.includes("--tracing");
  let tracing: Tracing | undefined;
  try {
    tracing = await startCliTracing(traceFlag);
    return await command.run(argv.slice(1).filter((arg) => arg !== "--tracing"));
  } catch (error) {
    // Last line of defence: a user never sees a stack trace unless they ask for one.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (process.env.GAMECTL_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ""}\n`);
    return 1;
  } finally {
    // A short-lived command exits right after: send what it traced first.
    if (tracing) await tracing.shutdown().catch((error: unknown) => process.stderr.write(`warning: exporting traces failed: ${String(error)}\n`));
  }
}

/** Tracing on with --tracing or OTEL_EXPORTER_OTLP_ENDPOINT; the SDK is imported only then, so off costs nothing. */
async function startCliTracing(flag: boolean): Promise<Tracing | undefined> {
  const endpoint = tracingEndpoint(process.env, flag);
  if (!endpoint) return undefined;
  const { startTracing } = await import("../util/tracing.ts");
  const rate = sampleRateFrom(process.env);
  const tracing = startTracing({ serviceName: process.env.OTEL_SERVICE_NAME ?? "gamectl-controller", endpoint, ...(rate !== undefined ? { sampleRate: rate } : {}) });
  setActiveTracing(tracing);
  return tracing;
}
