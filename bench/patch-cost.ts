// One measured round of the game server's patch cost, shared by bench/server-tracing.ts (tracing off against on) and
// bench/server.ts (ours against a bare Colyseus room): a fresh server process, --workers forked bot processes
// (bench/server-bots.ts) joining it, then the server's CPU per patch the bots received, and patch latency, over the
// recorded seconds. Optionally those seconds are profiled (bench/remote-profile.ts).
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServerProcess, stopServerProcess, type ServerProcess } from "../server/test/processes.ts";
import { connectProfiler, INSPECT_OPTIONS } from "./remote-profile.ts";
import type { BotCommand, BotReport } from "./server-bots.ts";

/** The server with patch timestamps, which the bots measure latency by (bench/stamped-server.ts). */
export const STAMPED_SERVER = fileURLToPath(new URL("./stamped-server.ts", import.meta.url));

export interface PatchCost { p50: number; p99: number; cpuMicrosPerPatch: number; patchesPerSecond: number }

export interface PatchCostRound {
  /** The server's entry file, and its environment. */
  entry: string;
  env: Record<string, string>;
  bots: number;
  workers: number;
  seconds: number;
  secret: string;
  /** Player ids start at round * 100000, so every round's joins create their profiles afresh, as the first round's did. */
  round: number;
  /** Profiles the recorded seconds into `<dir>/<name>.cpuprofile`. */
  profile?: { dir: string; name: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user and kernel) a process has used so far (Linux /proc). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function measurePatchCost(options: PatchCostRound): Promise<PatchCost> {
  const env = options.profile ? { ...options.env, NODE_OPTIONS: INSPECT_OPTIONS } : options.env;
  const workers: ChildProcess[] = [];
  const pending: ((report: BotReport) => void)[][] = [];
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(env, 30_000, options.entry);
    for (let i = 0; i < options.workers; i++) {
      const child = fork(new URL("./server-bots.ts", import.meta.url), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      pending.push([]);
      child.on("message", (report: BotReport) => pending[i]!.shift()?.(report));
      workers.push(child);
    }
    const ask = (i: number, command: BotCommand) => new Promise<BotReport>((resolve) => { pending[i]!.push(resolve); workers[i]!.send(command); });
    const endpoints = [`http://127.0.0.1:${server.port}`];
    const per = Math.ceil(options.bots / options.workers);
    await Promise.all(workers.map((_, i) => ask(i, { type: "join", endpoints, secret: options.secret, first: options.round * 100_000 + i * per, count: per, perSecond: 150 / options.workers, inFlight: 16 })));
    await sleep(1000);
    const profiler = options.profile ? await connectProfiler(server.output) : undefined;
    await profiler?.start();
    const before = cpuSecondsOf(server.child.pid);
    for (const worker of workers) worker.send({ type: "record", on: true } satisfies BotCommand);
    await sleep(options.seconds * 1000);
    const recorded = (await Promise.all(workers.map((_, i) => ask(i, { type: "record", on: false })))).filter((r) => r.type === "recorded");
    const cpu = cpuSecondsOf(server.child.pid) - before;
    if (profiler && options.profile) console.log(`profile: ${await profiler.stop(options.profile.dir, options.profile.name)}`);
    profiler?.close();
    const { patches, at } = mergedPatchLatency(recorded);
    await Promise.all(workers.map((_, i) => ask(i, { type: "leave" })));
    return { p50: at(50), p99: at(99), cpuMicrosPerPatch: (cpu * 1e6) / patches, patchesPerSecond: patches / options.seconds };
  } finally {
    for (const worker of workers) if (worker.connected) worker.disconnect();
    await stopServerProcess(server);
  }
}

/** The patches every bot process received, and their latency's percentile p (ms) over all of them. */
export function mergedPatchLatency(reports: Extract<BotReport, { type: "recorded" }>[]): { patches: number; at: (p: number) => number } {
  const counts = new Float64Array(reports[0]!.histogram.length);
  for (const run of reports) run.histogram.forEach((n, i) => { counts[i]! += n; });
  const patches = reports.reduce((sum, r) => sum + r.patches, 0);
  const at = (p: number) => {
    const rank = Math.ceil((p / 100) * patches);
    let seen = 0;
    for (let i = 0; i < counts.length; i++) if ((seen += counts[i]!) >= rank) return (i + 1) * reports[0]!.bucketMs;
    return NaN;
  };
  return { patches, at };
}

/** The median of the rounds' own ratios a[i] / b[i] (rounds run back to back see the same machine). */
export function pairedRatio(a: number[], b: number[]): number {
  const ratios = a.map((x, i) => x / b[i]!).sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)] ?? NaN;
}
