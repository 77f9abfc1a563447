// Child of bench/controller.ts: a fresh folder controller on manifests whose AWS resources already
// exist, so it only observes (the steady state). Prints its memory once every environment is Ready.
// Usage: node --expose-gc bench/controller-rss.ts DIR STATE_DIR ENDPOINT COUNT
import { readdirSync, readFileSync } from "node:fs";
import { runController } from "../src/runtime/run.ts";
import { StateDirectory } from "../src/runtime/folder/state.ts";
import { createLogger } from "../src/util/log.ts";

const [dir, stateDir, endpoint, countText] = process.argv.slice(2);
if (!dir || !stateDir || !endpoint || !countText) throw new Error("usage: controller-rss.ts DIR STATE_DIR ENDPOINT COUNT");
const count = Number(countText);
const running = await runController({
  manifestsDir: dir, stateDir, log: createLogger("silent"), resyncMs: 3_600_000,
  aws: { region: "us-east-1", endpoint, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } },
});
const state = new StateDirectory(stateDir);
const deadline = Date.now() + 300_000;
while (state.readAll().filter((r) => r.status?.phase === "Ready").length < count) {
  if (Date.now() > deadline) throw new Error(`not all ${count} environments Ready: ${readdirSync(dir).length} files`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await running.controller.idle();
// Steady state is mostly idle time: give V8's memory reducer the idle seconds it waits for before it
// shrinks a heap grown during the first pass, as it would between resyncs.
const gc = (globalThis as { gc?: () => void }).gc;
for (let second = 0; second < 12; second++) {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
gc?.();
const memory = process.memoryUsage();
const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? NaN) * 1024;
process.stdout.write(JSON.stringify({ threads: kb("Threads") / 1024, rssAnon: kb("RssAnon"), rssFile: kb("RssFile"), rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, arrayBuffers: memory.arrayBuffers }) + "\n");
await running.stop();
process.exit(0);
