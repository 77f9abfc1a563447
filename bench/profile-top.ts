// The top frames of a V8 .cpuprofile (what `node --cpu-prof` writes) by self time, as a share of the samples, with the
// busy share (samples not in (idle)) to compare profiles of runs of different lengths.
// Usage: node bench/profile-top.ts <file.cpuprofile>... [--top 25] [--inclusive]
// Chrome DevTools and speedscope read the same files; this prints what a report needs without a browser.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number }

export interface FrameShare { frame: string; samples: number; share: number }

function frameName(node: ProfileNode): string {
  const frame = node.callFrame;
  const file = frame.url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*\/(server|src|bench)\//, "$1/");
  return `${frame.functionName || "(anonymous)"} ${file}${file ? `:${frame.lineNumber + 1}` : ""}`;
}

/**
 * Samples per function (name, file, line), largest first; shares are of every sample in the profile. Self time counts
 * a sample for the frame on top of the stack; inclusive time counts it once for every distinct function on the stack.
 */
export function topFrames(profile: CpuProfile, top: number, inclusive = false): { frames: FrameShare[]; total: number; idle: number } {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = inclusive ? parents.get(at) : undefined) seen.add(frameName(byNode.get(at)!));
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const idle = counts.get("(idle) ") ?? 0;
  const frames = [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([frame, samples]) => ({ frame, samples, share: samples / total }));
  return { frames, total, idle };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" }, inclusive: { type: "boolean", default: false } } });
  for (const file of positionals) {
    const { frames, total, idle } = topFrames(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(values.top), values.inclusive);
    console.log(`${file}: ${total} samples, ${((1 - idle / total) * 100).toFixed(1)}% busy; ${values.inclusive ? "inclusive" : "self"} time`);
    for (const f of frames) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.frame}`);
  }
}
