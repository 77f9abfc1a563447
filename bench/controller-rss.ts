// Child of bench/controller.ts: a fresh folder controller, alone in its process, on manifests whose AWS
// resources already exist, so it only observes (the steady state). Prints its memory as one JSON line:
// in steady state (12 s idle after the work, forced GC), right after the work, and the floor after a
// memory-reducing GC.
// Usage: node --expose-gc bench/controller-rss.ts DIR STATE_DIR ENDPOINT COUNT [PASSES] (PASSES defaults to COUNT)
//
// Every child does the same amount of work, PASSES reconcile passes in all (the first pass over its
// COUNT environments, then resync rounds of all of them), whatever COUNT is. V8 sizes its heap by the
// work a process has done, not by what it keeps: its young generation doubles (up to 2 x 32 MB) once
// enough bytes have survived scavenges, the JIT compiles what runs hot, and the pages it frees stay in
// its pool until a memory-reducing GC. A fresh process after a single pass over 1 environment has done
// none of that yet; one with 100 environments has. Equal work makes the difference between two children
// what their environments hold.
// Nothing else runs here: readiness comes from the controller's own gauge, not from reading the state
// directory in a loop (100 files every 100 ms was most of what this process allocated).
import { readdirSync, readFileSync } from "node:fs";
import { runController } from "../src/runtime/run.ts";
import { createLogger } from "../src/util/log.ts";

const [dir, stateDir, endpoint, countText, passesText] = process.argv.slice(2);
if (!dir || !stateDir || !endpoint || !countText) throw new Error("usage: controller-rss.ts DIR STATE_DIR ENDPOINT COUNT [PASSES]");
const count = Number(countText);
const passes = Math.max(count, Number(passesText ?? count));
type Gc = (options?: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;
const gc = (globalThis as { gc?: Gc }).gc;
if (!gc) throw new Error("run with --expose-gc");

const running = await runController({
  manifestsDir: dir, stateDir, log: createLogger("silent"), resyncMs: 3_600_000,
  aws: { region: "us-east-1", endpoint, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } },
});
const ready = async () => (await running.metrics.environments.get()).values.find((v) => v.labels.phase === "Ready")?.value ?? 0;
const deadline = Date.now() + 300_000;
while ((await ready()) < count) {
  if (Date.now() > deadline) throw new Error(`not all ${count} environments Ready: ${await ready()}`);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
await running.controller.idle();
const keys = running.folder!.keys();
for (let done = count; done < passes; done += keys.length) {
  for (const key of keys) running.controller.resyncNow(key);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await running.controller.idle();
}
if ((await ready()) < count) throw new Error(`an environment left Ready during the resyncs: ${await ready()} of ${count}`);

const status = () => readFileSync("/proc/self/status", "utf8");
const read = () => {
  gc();
  const text = status();
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? NaN) * 1024;
  const memory = process.memoryUsage();
  return { rss: memory.rss, rssAnon: kb("RssAnon"), rssFile: kb("RssFile"), heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, arrayBuffers: memory.arrayBuffers };
};
// Right after the work, forced GC: V8 still holds the pages it freed during the work.
const afterWork = read();
// Steady state is mostly idle time between resyncs: long enough for the controller's HeapReleaser
// (two idle looks 5 s apart) to give freed pages back.
for (let second = 0; second < 12; second++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
const steady = read();
// The floor: a memory-reducing GC (what V8 runs on a low-memory notification) hands every pooled and
// free page back to the OS, and also drops compiled code not in use, so a running controller sits a
// little above it.
gc({ type: "major", execution: "sync", flavor: "last-resort" });
const floor = read();
const threads = Number(/^Threads:\s+(\d+)/m.exec(status())?.[1] ?? NaN);
const fds = readdirSync("/proc/self/fd").length;
process.stdout.write(JSON.stringify({ threads, fds, passes, ...steady, afterWork, floor }) + "\n");
await running.stop();
process.exit(0);
