import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { coreManifest, createNetwork } from "../support/aws-environment.ts";

const exec = promisify(execFile);

interface Run { code: number; stdout: string; stderr: string }

async function gamectl(args: string[]): Promise<Run> {
  const target = aws();
  const env = { ...process.env, AWS_ENDPOINT_URL: target.endpoint, AWS_REGION: target.region, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };
  try {
    const { stdout, stderr } = await exec("node", ["bin/gamectl.js", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let file: string;

beforeAll(async () => {
  await resetMoto(aws().endpoint);
  const network = await createNetwork(aws());
  const dir = mkdtempSync(join(tmpdir(), "gamectl-cli-"));
  file = join(dir, "arena.yaml");
  writeFileSync(file, stringify(coreManifest("cli", network)));
});

describe("gamectl plan / apply / delete", () => {
  it("plans changes with exit 2, applies them with progress, then plans nothing with exit 0", async () => {
    const first = await gamectl(["plan", "-f", file]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/\+ DynamoTable table\/users/);
    expect(first.stdout).toMatch(/Plan: 6 to add, 0 to change, 0 to replace, 0 to destroy\./);

    const json = await gamectl(["plan", "-f", file, "-o", "json"]);
    expect(JSON.parse(json.stdout).summary.create).toBe(6);

    const applied = await gamectl(["apply", "-f", file, "--auto-approve", "--timeout", "2m"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/games\/cli table\/users \[gc-[0-9a-f]{10}-games-cli-users\]: /);
    expect(applied.stdout).toMatch(/games\/cli: converged/);
    expect(applied.stdout).toMatch(/Outputs:\n[\s\S]*users:\n\s+name: gc-[0-9a-f]{10}-games-cli-users/);

    const again = await gamectl(["plan", "-f", file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No changes/);
  });

  it("refuses to apply without confirmation when not on a terminal", async () => {
    const run = await gamectl(["delete", "-f", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not confirmed; nothing was changed/);
  });

  it("deletes in reverse order and retains the tables by default", async () => {
    const run = await gamectl(["delete", "-f", file, "--auto-approve", "--timeout", "2m"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/table\/users .* will be retained/);
    expect(run.stdout).toMatch(/games\/cli: deleted/);
    const after = await gamectl(["plan", "-f", file]);
    expect(after.stdout).toMatch(/\+ SecurityGroup sg\/app/);
    expect(after.stdout).not.toMatch(/\+ DynamoTable/);
  });

  it("rejects a bad flag with a clear message", async () => {
    const run = await gamectl(["apply", "-f", file, "--timeout", "soon"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--timeout "soon" is not a duration/);
  });
});
