import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { StateDirectory } from "../../src/runtime/folder/state.ts";
import { computeStatus } from "../../src/runtime/status.ts";
import { humanDuration } from "../../src/runtime/view.ts";
import { eventually, gamectl, root } from "./support.ts";

const empty = mkdtempSync(join(tmpdir(), "gamectl-cli-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe("controller, get, describe and refresh: bad input", () => {
  it("bad controller flags name the flag and the fix, without a stack trace", async () => {
    for (const [args, text] of [
      [["--resync", "soon"], '--resync "soon" is not a duration'],
      [["--concurrency", "0"], "--concurrency must be a whole number of at least 1"],
      [["--api-budget", "ec3=2"], '--api-budget "ec3=2": "ec3" is not a budget name; use one of ec2, ec2-mutating'],
      [["--api-budget", "iam=0"], '--api-budget "iam=0": the rate of iam must be a positive number of requests per second'],
      [["--git-pull-interval", "1m"], "--git-pull-interval needs --manifests DIR"],
      [["--manifests", empty, "--metrics-addr", "nonsense"], '--metrics-addr "nonsense" is not HOST:PORT'],
      [["--leader-elect", "--lease-duration", "10s", "--renew-deadline", "10s"], "--renew-deadline (10000 ms) must be shorter than --lease-duration (10000 ms)"],
      [["--leader-elect", "--renew-deadline", "2s", "--retry-period", "2s"], "--retry-period (2000 ms) times 1.2 must be shorter than --renew-deadline (2000 ms)"],
    ] as const) {
      const result = await gamectl(["controller", ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(text);
      expect(result.stderr).not.toContain("    at ");
    }
  });

  it("get names the resource types it knows and reports missing environments like kubectl", async () => {
    const wrong = await gamectl(["get", "pods", "--manifests", empty]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('unknown resource type "pods"; gamectl knows gameenvironments (short name genv)');
    const none = await gamectl(["get", "genv", "--manifests", empty]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain("No resources found");
    const missing = await gamectl(["describe", "genv", "nope", "--manifests", empty]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('gameenvironments "nope" not found');
    const output = await gamectl(["get", "genv", "-o", "toml", "--manifests", empty]);
    expect(output.stderr).toContain('-o "toml" is not supported; use wide, yaml or json');
  });

  it("AGE reads like kubectl's", () => {
    expect([5_000, 125_000, 600_000, 3 * 3_600_000 + 60_000, 50 * 3_600_000, 3 * 86_400_000 + 3_600_000].map(humanDuration)).toEqual(["5s", "2m5s", "10m", "3h1m", "2d2h", "3d1h"]);
  });

  it("get -w prints a new row when an environment's status changes", async () => {
    const state = new StateDirectory(join(empty, "watched"));
    state.ensure();
    const record = { key: "games/arena", file: "arena.yaml", generation: 1, specHash: "x", createdAt: new Date().toISOString(), events: [],
      status: computeStatus({ outcome: { kind: "invalid", message: "spec.region: bad" }, generation: 1, now: new Date() }) };
    state.write(record);
    const child = spawn(process.execPath, [join(root, "bin", "gamectl.js"), "get", "genv", "-w", "--state-dir", state.root], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(async () => output, (text) => text.includes("Failed"), 10_000, "the first table");
      state.write({ ...record, status: computeStatus({ outcome: { kind: "paused" }, generation: 1, now: new Date() }) });
      await eventually(async () => output.trim().split("\n"), (lines) => lines.length === 3 && lines[2]!.includes("Pending"), 10_000, "a row for the change");
      expect(output.split("\n")[0]!.split(/\s+/)).toEqual(["NAME", "READY", "SYNCED", "PHASE", "REDIS", "LOAD-BALANCER", "AGE"]);
    } finally {
      child.kill();
    }
  });
});
