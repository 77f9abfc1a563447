// Generates a folder of 1,000 GameEnvironment manifests, validates them with the real loader, and reports the rate.
// Run: node bench/validate.ts [count]
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const GOAL_SECONDS = 2;
const count = Number(process.argv[2] ?? 1000);
const exampleFile = fileURLToPath(new URL("../manifests/examples/prod.yaml", import.meta.url));

const loadBefore = loadavg()[0] ?? 0;
const folder = await mkdtemp(join(tmpdir(), "gamectl-bench-validate-"));
try {
  const template = await readFile(exampleFile, "utf8");
  await Promise.all(Array.from({ length: count }, (_, i) => {
    const text = template.replace("name: arena-prod", `name: arena-${String(i).padStart(4, "0")}`);
    return writeFile(join(folder, `env-${String(i).padStart(4, "0")}.yaml`), text);
  }));

  // The loader is imported inside the measurement so the one-time schema compilation is counted too.
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { loadManifests } = await import("../src/spec/load.ts");
  const result = await loadManifests([folder]);
  const seconds = (performance.now() - started) / 1000;
  // CPU time of every thread of the process: steadier than wall time on a shared machine.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  if (result.errors.length > 0 || result.environments.length !== count) {
    process.stderr.write(`bench: expected ${count} valid environments, got ${result.environments.length} and ${result.errors.length} errors\n`);
    process.exitCode = 1;
  }
  const rate = Math.round(count / seconds);
  const verdict = seconds < GOAL_SECONDS ? "meets" : "MISSES";
  process.stdout.write(`validate: ${count} environments in ${seconds.toFixed(3)} s, ${rate} environments/s (goal: < ${GOAL_SECONDS} s total; ${verdict} it)\n`);
  process.stdout.write(`          CPU ${cpuSeconds.toFixed(3)} s on ${availableParallelism()} cores; load average before the run ${loadBefore.toFixed(2)}\n`);
} finally {
  await rm(folder, { recursive: true, force: true });
}
