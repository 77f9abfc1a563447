// Generates a folder of 1,000 GameEnvironment manifests and times validating it, against the goal of < 2 s in total.
// Run: node bench/validate.ts [count]
//
// Two figures:
// - in-process: importing the loader (module loading and type stripping of the loader, its precompiled validator
//   and the yaml library, which every gamectl run pays) plus loadManifests() on the folder, which is what
//   `gamectl validate` does with it. Node's own start is excluded.
// - whole command: `node bin/gamectl.js validate -f FOLDER` as a child process, from spawn to exit, so Node's start,
//   argument parsing and printing one line per environment are included.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const GOAL_SECONDS = 2;
const count = Number(process.argv[2] ?? 1000);
const exampleFile = fileURLToPath(new URL("../manifests/examples/prod.yaml", import.meta.url));
const cli = fileURLToPath(new URL("../bin/gamectl.js", import.meta.url));

const verdict = (seconds: number) => `goal < ${GOAL_SECONDS} s: ${seconds < GOAL_SECONDS ? "met" : "MISSED"}`;

const loadBefore = loadavg()[0] ?? 0;
const folder = await mkdtemp(join(tmpdir(), "gamectl-bench-validate-"));
try {
  const template = await readFile(exampleFile, "utf8");
  await Promise.all(Array.from({ length: count }, (_, i) => {
    const text = template.replace("name: arena-prod", `name: arena-${String(i).padStart(4, "0")}`);
    return writeFile(join(folder, `env-${String(i).padStart(4, "0")}.yaml`), text);
  }));

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

  const commandStarted = performance.now();
  const command = spawnSync(process.execPath, [cli, "validate", "-f", folder], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const commandSeconds = (performance.now() - commandStarted) / 1000;
  const summary = command.stdout.trim().split("\n").at(-1) ?? "";
  if (command.status !== 0 || summary !== `${count} valid environments, 0 errors`) {
    process.stderr.write(`bench: gamectl validate exited with ${command.status}: ${summary}\n${command.stderr.slice(0, 2000)}\n`);
    process.exitCode = 1;
  }

  const rate = (secondsTaken: number) => `${Math.round(count / secondsTaken)} env/s`;
  process.stdout.write(
    `validate: ${count} environments in ${seconds.toFixed(3)} s (${rate(seconds)}) — ${verdict(seconds)}\n`
    + `          in-process: loader import + loadManifests(folder); Node's start excluded; CPU ${cpuSeconds.toFixed(3)} s\n`
    + `          whole command, Node's start included: gamectl validate -f FOLDER in ${commandSeconds.toFixed(3)} s (${rate(commandSeconds)}) — ${verdict(commandSeconds)}\n`
    + `          ${availableParallelism()} cores; load average before the run ${loadBefore.toFixed(2)}\n`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
}
