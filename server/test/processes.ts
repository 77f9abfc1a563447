import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  processId: string;
  endpoint: string;
  output: () => string;
  exited: Promise<number | null>;
}

const ENTRY = fileURLToPath(new URL("../index.ts", import.meta.url));

/**
 * Starts `node server/index.ts` (or `entry`, a file that loads it, as bench/stamped-server.ts does) with the given
 * environment and waits for its "listening" line.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 20_000, entry = ENTRY): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = await new Promise<{ port: number; processId: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n")) {
        if (!line.includes('"event":"listening"')) continue;
        clearTimeout(timer);
        resolve(JSON.parse(line) as { port: number; processId: string });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  return { child, ...listening, endpoint: `http://127.0.0.1:${listening.port}`, output: () => output, exited };
}

export async function stopServerProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGKILL");
  await server.exited;
}
