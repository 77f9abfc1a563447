// Generates a folder of 1,000 GameEnvironment manifests and times validating it, against the goal of < 2 s in total.
// Then times 1 MiB of hostile input of each shape against 1 MiB of ordinary manifests, in the same run.
// Run: node bench/validate.ts [count]
//
// Two figures for the folder:
// - in-process: importing the loader (module loading and type stripping of the loader, its precompiled validator
//   and the yaml library, which every gamectl run pays) plus loadManifests() on the folder, which is what
//   `gamectl validate` does with it. Node's own start is excluded.
// - whole command: `node bin/gamectl.js validate -f FOLDER` as a child process, from spawn to exit, so Node's start,
//   argument parsing and printing one line per environment are included.
//
// Hostile input (issue #13): each shape is a 1 MiB file loaded by loadManifests() in its own child process, so its
// peak RSS is its own. Shapes that cross a limit are refused by the pre-scan; the "at the limit" shapes stay just
// under every limit, so the parser, the schema and the error reporting do all the work they can be made to do.
// Goals: each hostile shape takes at most 5x the time, and at most 64 MB more RSS, than ordinary manifests of the
// same size (the prod example, comments included). RSS is the peak above what the process had before loading; most
// of it is garbage V8 has not collected yet (1 MiB of ordinary manifests alone adds ~80 MB), so it is compared with
// the ordinary figure rather than with zero. The live set is small (every shape loads under
// --max-old-space-size=32); how much garbage RSS carries depends on V8's young generation, so each shape's child
// runs with the controller's production NODE_OPTIONS (manifests/controller/deployment.yaml, which bounds it).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { LIMITS } from "../src/spec/limits.ts";
import { controllerNodeOptions } from "./controller-node-options.ts";

const GOAL_SECONDS = 2;
const count = Number(process.argv[2] ?? 1000);
const exampleFile = fileURLToPath(new URL("../manifests/examples/prod.yaml", import.meta.url));
const cli = fileURLToPath(new URL("../bin/gamectl.js", import.meta.url));

const verdict = (seconds: number) => `goal < ${GOAL_SECONDS} s: ${seconds < GOAL_SECONDS ? "met" : "MISSED"}`;

/** Hostile time goal, as a multiple of the time for the same size of ordinary manifests. */
const HOSTILE_TIME_RATIO = 5;
/** Hostile memory goal: peak RSS above that of ordinary manifests of the same size. */
const HOSTILE_EXTRA_RSS_MB = 64;
/** Just under the 1 MiB file limit, so the size check lets every shape through. */
const HOSTILE_BYTES = 1024 * 1024 - 64;

/** Repeats `unit` up to `budget` times or until `bytes`, then pads with a comment to `bytes`, so every shape weighs the same. */
function shaped(unit: (i: number) => string, options: { head?: string; tail?: string; budget?: number; bytes?: number } = {}): string {
  const bytes = options.bytes ?? HOSTILE_BYTES;
  const parts = [options.head ?? ""];
  let size = parts[0]!.length + (options.tail ?? "").length;
  for (let i = 0; i < (options.budget ?? Infinity); i++) {
    const next = unit(i);
    if (size + next.length > bytes) break;
    parts.push(next);
    size += next.length;
  }
  parts.push(options.tail ?? "");
  const padding = bytes - size - 3;
  if (padding > 0) parts.push(`\n#${"x".repeat(padding)}\n`);
  return parts.join("");
}

const { documentsPerFile, keysPerMapping, depth, nodes, nodesPerDocument } = LIMITS;
/** Values per document so that documentsPerFile documents stay under the node limit (a value and a comma each). */
const perDocumentList = Math.floor(nodes / documentsPerFile / 2) - 4;
/** A mapping of keysPerMapping keys is 3 nodes a key (key, colon, value) plus its own key and colon. */
const mapsPerDocument = Math.floor((nodesPerDocument - 10) / (3 * keysPerMapping + 2));
/** A line "- [[...x...]]" nested depth levels is 2 * depth nodes. */
const deepPerDocument = Math.floor((nodesPerDocument - 10) / (2 * depth));
const emptyPerDocument = Math.floor((nodesPerDocument - 10) / 3);

const genv = (name: string, spec: string) => `apiVersion: gamectl.dev/v1alpha1\nkind: GameEnvironment\nmetadata: {name: ${name}}\nspec:\n${spec}`;

/**
 * The shapes of issue #13 (each crossing a limit, refused by the pre-scan), then shapes just under every limit
 * (1,000 documents, 1,000 keys per mapping, 64 levels, 150,000 nodes), which get parsed and validated.
 */
const SHAPES: Record<string, () => string> = {
  "ordinary manifests": () => {
    const prod = readFileSync(exampleFile, "utf8");
    return shaped((i) => `---\n${prod.replace("name: arena-prod", `name: arena-${i}`)}`);
  },
  "100k tiny documents": () => shaped(() => "---\nx: 1\n"),
  "75k keys in one mapping": () => shaped((i) => `  k${i}: x\n`, { head: "labels:\n" }),
  "nested flow lists": () => `${"[".repeat(HOSTILE_BYTES / 2)}${"]".repeat(HOSTILE_BYTES / 2)}`,
  "nested block lists": () => shaped(() => "- ", { tail: "x\n" }),
  "flat list of 500k values": () => shaped(() => "0,", { head: "[", tail: "0]\n" }),
  // Just under every limit, whatever the limits are set to (brackets, commas and colons count as nodes).
  [`${documentsPerFile} documents of ${2 * perDocumentList + 2} nodes`]: () => shaped((i) => `---\nd${i}: [${"0,".repeat(perDocumentList - 1)}0]\n`, { budget: documentsPerFile }),
  [`documents of ${mapsPerDocument} mappings of ${keysPerMapping} keys`]: () => shaped((d) => `---\n${Array.from({ length: mapsPerDocument }, (_, j) => `m${d}x${j}:\n${Array.from({ length: keysPerMapping }, (_, i) => `  k${i}: x\n`).join("")}`).join("")}`, { budget: Math.floor(nodes / nodesPerDocument) }),
  "the same with every key a duplicate": () => shaped((d) => `---\n${Array.from({ length: mapsPerDocument }, (_, j) => `m${d}x${j}:\n${"  k: x\n".repeat(keysPerMapping)}`).join("")}`, { budget: Math.floor(nodes / nodesPerDocument) }),
  [`lists ${depth} deep, ${deepPerDocument} per document`]: () => shaped((d) => `---\n${Array.from({ length: deepPerDocument }, (_, i) => `- ${"[".repeat(depth - 1)}${d}${i}${"]".repeat(depth - 1)}\n`).join("")}`, { budget: Math.floor(nodes / nodesPerDocument) }),
  [`documents of ${emptyPerDocument} empty lists`]: () => shaped(() => `---\n[${"[],".repeat(emptyPerDocument)}[]]\n`, { budget: Math.floor(nodes / nodesPerDocument) }),
  "300 manifests with 150 errors each": () => shaped((i) => `---\n${genv(`e${i}`, Array.from({ length: 150 }, (_, k) => `  unknown${k}: 1\n`).join(""))}`, { budget: 300 }),
  "50 aliases of a 1,000-value list per document": () => shaped((i) => `---\n${genv(`a${i}`, `  tags: {}\n  x: &a${i} [${"0,".repeat(999)}0]\n  y: [${`*a${i},`.repeat(49)}*a${i}]\n`)}`, { budget: 70 }),
};

interface ShapeFigures {
  shape: string;
  /** Median of three loads. */
  ms: number;
  extraRssMb: number;
  errors: number;
  firstError: string;
}

/** Child-process mode: load one shape three times and print its figures as JSON. */
async function measureShape(shape: string): Promise<void> {
  const { loadManifests } = await import("../src/spec/load.ts");
  const { formatManifestError } = await import("../src/spec/errors.ts");
  const directory = await mkdtemp(join(tmpdir(), "gamectl-bench-hostile-"));
  try {
    const file = join(directory, "input.yaml");
    await writeFile(file, SHAPES[shape]!());
    // Warm the loader (module compilation, the validator) on a small manifest, so RSS "before" includes it.
    await loadManifests([exampleFile]);
    const rssBefore = process.memoryUsage().rss;
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof loadManifests>> | undefined;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      result = await loadManifests([file]);
      times.push(performance.now() - started);
    }
    const peak = process.resourceUsage().maxRSS * 1024;
    times.sort((a, b) => a - b);
    const figures: ShapeFigures = {
      shape, ms: times[1]!, extraRssMb: Math.max(0, peak - rssBefore) / 1024 / 1024, errors: result!.errors.length,
      firstError: result!.errors[0] ? formatManifestError(result!.errors[0]).replace(file, "FILE").slice(0, 100) : "",
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function hostileReport(): void {
  const figures: ShapeFigures[] = [];
  const nodeOptions = controllerNodeOptions();
  for (const shape of Object.keys(SHAPES)) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--shape", shape], {
      encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: nodeOptions },
    });
    if (child.status !== 0) {
      process.stderr.write(`bench: shape "${shape}" failed (exit ${child.status}):\n${child.stderr.slice(0, 2000)}\n`);
      process.exitCode = 1;
      continue;
    }
    figures.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as ShapeFigures);
  }
  const ordinary = figures.find((each) => each.shape === "ordinary manifests");
  if (!ordinary) return;
  const timeGoalMs = ordinary.ms * HOSTILE_TIME_RATIO;
  const memoryGoalMb = ordinary.extraRssMb + HOSTILE_EXTRA_RSS_MB;
  const lines = figures.map((each) => {
    const hostile = each !== ordinary;
    const time = `${each.ms.toFixed(0).padStart(6)} ms${hostile ? ` (goal <= ${timeGoalMs.toFixed(0)} ms: ${each.ms <= timeGoalMs ? "met" : "MISSED"})` : ""}`;
    const memory = `+${each.extraRssMb.toFixed(1).padStart(5)} MB RSS${hostile ? ` (goal <= ${memoryGoalMb.toFixed(0)} MB: ${each.extraRssMb <= memoryGoalMb ? "met" : "MISSED"})` : ""}`;
    return `  ${each.shape.padEnd(46)} ${time}  ${memory}  ${each.errors} error(s)${each.firstError ? `: ${each.firstError}` : ""}`;
  });
  const hostile = figures.filter((each) => each !== ordinary);
  const slowest = hostile.reduce((a, b) => (b.ms > a.ms ? b : a));
  const hungriest = hostile.reduce((a, b) => (b.extraRssMb > a.extraRssMb ? b : a));
  process.stdout.write(
    `hostile input: 1 MiB files, median of 3 loads each, own process per shape (NODE_OPTIONS="${nodeOptions}"); RSS = peak above the RSS before loading\n${lines.join("\n")}\n`
    + `  worst time:   ${slowest.ms.toFixed(0)} ms (${slowest.shape}), ${(slowest.ms / ordinary.ms).toFixed(1)}x ordinary (${ordinary.ms.toFixed(0)} ms) — goal <= ${HOSTILE_TIME_RATIO}x: ${slowest.ms <= timeGoalMs ? "met" : "MISSED"}\n`
    + `  worst memory: +${hungriest.extraRssMb.toFixed(1)} MB RSS (${hungriest.shape}), ${(hungriest.extraRssMb - ordinary.extraRssMb).toFixed(1)} MB above ordinary (+${ordinary.extraRssMb.toFixed(1)} MB) — goal <= ${HOSTILE_EXTRA_RSS_MB} MB above: ${hungriest.extraRssMb <= memoryGoalMb ? "met" : "MISSED"}\n`,
  );
}

if (process.argv[2] === "--shape") {
  await measureShape(process.argv[3] ?? "");
  process.exit(0);
}
if (process.argv[2] === "--hostile") {
  // Only the hostile part: node bench/validate.ts --hostile
  hostileReport();
  process.exit();
}

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

hostileReport();
