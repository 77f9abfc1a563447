import { fileURLToPath } from "node:url";
import { freePort, ServiceStartError, startProcess, waitUntilReady } from "./process.ts";

export interface MotoService {
  /** Base URL for the AWS SDK's `endpoint` (or AWS_ENDPOINT_URL); region us-east-1, any fake credentials. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const service = "moto server (test/aws/launcher.py)";
const fix = 'Install Python 3 with moto\'s server: `pip install "moto[server]"`, or point GAMECTL_PYTHON at a python that has it.';
const launcher = fileURLToPath(new URL("../aws/launcher.py", import.meta.url));
const readyTimeoutMs = 20_000;
/** launcher.py exits with this code when it cannot bind its port. */
const portTakenExitCode = 2;

/**
 * Starts gamectl's moto launcher on a free loopback port and waits until it serves.
 * Fails fast, naming the service and the fix, if python or moto is missing, the process exits,
 * or it is not ready within 20 s. A port lost to a race is retried on another port.
 * `enforceIam`: every AWS call is authenticated and authorized (test/aws/README.md, "Enforced IAM").
 */
export async function startMoto(options: { python?: string; readyTimeoutMs?: number; enforceIam?: boolean } = {}): Promise<MotoService> {
  const python = options.python ?? process.env.GAMECTL_PYTHON ?? "python3";
  const timeoutMs = options.readyTimeoutMs ?? readyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = startProcess(service, python, [launcher, "--host", "127.0.0.1", "--port", String(port), "--exit-with-parent", ...(options.enforceIam ? ["--enforce-iam"] : [])], fix, { PYTHONUNBUFFERED: "1" });
    let ready = false;
    proc.child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("moto launcher ready on")) ready = true;
    });
    try {
      await waitUntilReady(service, proc, async () => ready, timeoutMs, fix);
    } catch (error) {
      await proc.stop();
      if (proc.child.exitCode === portTakenExitCode && attempt < 3) continue;
      if (error instanceof ServiceStartError) throw error;
      throw new ServiceStartError(service, `failed to start (${String(error)})`, fix);
    }
    return { endpoint: `http://127.0.0.1:${port}`, stop: () => proc.stop() };
  }
}
