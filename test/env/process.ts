import { spawn, type ChildProcess } from "node:child_process";

/** Raised when a test service cannot be started; the message names the service and the fix. */
export class ServiceStartError extends Error {
  constructor(service: string, problem: string, fix: string) {
    super(`${service}: ${problem}. ${fix}`);
    this.name = "ServiceStartError";
  }
}

import { freePort } from "../../src/util/net.ts";

export { freePort };

export interface ManagedProcess {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns a service, keeping the tail of its output for error messages. */
export function startProcess(service: string, command: string, args: string[], fix: string, env?: NodeJS.ProcessEnv): ManagedProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("error", () => undefined);
  return {
    child,
    output: () => tail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `probe` until it resolves true. Fails fast, naming the service, when the process exits
 * or the deadline passes, so a broken service never hangs the suite.
 */
export async function waitUntilReady(service: string, proc: ManagedProcess, probe: () => Promise<boolean>, timeoutMs: number, fix: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  proc.child.once("error", (error) => (spawnError = error));
  while (Date.now() < deadline) {
    if (spawnError) throw new ServiceStartError(service, `could not be started (${spawnError.message})`, fix);
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new ServiceStartError(service, `exited during start-up (code ${proc.child.exitCode ?? proc.child.signalCode}); last output:\n${proc.output()}`, fix);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await proc.stop();
  throw new ServiceStartError(service, `was not ready within ${timeoutMs / 1000}s; last output:\n${proc.output()}`, fix);
}
