import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { clearRecordedRequests, recordedRequests, resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";

const start = fileURLToPath(new URL("../../src/local/start.ts", import.meta.url));
const target = () => aws();

/** Runs `npm start`'s program with AWS credentials and an endpoint in its environment, as on a developer's machine. */
function runStart(args: string[], until: RegExp, timeoutMs = 45_000): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, [start, ...args], {
    env: {
      ...process.env, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_ENDPOINT_URL: target().endpoint, AWS_REGION: "us-east-1", GAMECTL_LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`no ${until} within ${timeoutMs} ms:\n${output}`)); }, timeoutMs);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) child.kill("SIGTERM");
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("exit", (code) => { clearTimeout(timer); resolve({ output, code }); });
  });
}

beforeEach(async () => {
  await resetMoto(target().endpoint);
  await clearRecordedRequests(target().endpoint);
});

describe("npm start with AWS credentials on the machine", () => {
  it("stays local: starts its own emulator and sends nothing to the configured AWS", async () => {
    const { output } = await runStart([], /local AWS at http:\/\/127\.0\.0\.1/);
    expect(output).toMatch(/local default \(no --aws\)/);
    expect(await recordedRequests(target().endpoint, {})).toEqual([]);
  });

  it("with --aws, shows the plan, the account and the region, and changes nothing unless confirmed", async () => {
    const { output, code } = await runStart(["--aws"], /not confirmed|error/);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Plan: \d+ to add/);
    expect(output).toMatch(/in AWS account \d{12} .*region us-east-1/);
    expect(output).toMatch(/not confirmed; nothing was changed/);
    const writes = (await recordedRequests(target().endpoint, {})).filter((r) => !/^(Describe|List|Get)/.test(r.operation));
    expect(writes).toEqual([]);
  });
});
