import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../util/net.ts";

/** The moto launcher is a development dependency of the local default only; production never starts it. */
const launcher = fileURLToPath(new URL("../../test/aws/launcher.py", import.meta.url));

export interface LocalMoto {
  readonly endpoint: string;
  readonly child: ChildProcess;
  stop(): void;
}

/** Starts gamectl's moto launcher on loopback and waits until it serves (20 s at most). */
export async function startLocalMoto(python = process.env.GAMECTL_PYTHON ?? "python3"): Promise<LocalMoto> {
  const port = await freePort();
  const child = spawn(python, [launcher, "--host", "127.0.0.1", "--port", String(port), "--exit-with-parent"], {
    stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the moto launcher did not start within 20 s: ${stderr.trim()}`)), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("moto launcher ready on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${python} for the local AWS (moto): ${error.message}. Install Python 3 with "moto[server]" (bash scripts/setup.sh python) or set GAMECTL_PYTHON`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the moto launcher exited (code ${code}) before it was ready: ${stderr.trim() || "no output"}. Install "moto[server]" (bash scripts/setup.sh python)`));
    });
  });
  child.stdout?.resume();
  return { endpoint: `http://127.0.0.1:${port}`, child, stop: () => void child.kill("SIGTERM") };
}
