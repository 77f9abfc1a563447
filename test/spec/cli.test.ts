import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

async function gamectl(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(process.execPath, [join(root, "bin", "gamectl.js"), ...args], { cwd: root, env: { ...process.env, GAMECTL_DEBUG: "" } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else child.child.stdin?.end();
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const noStackTrace = (output: string) => expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe("gamectl validate", () => {
  it("exits 0 for the examples", async () => {
    const result = await gamectl(["validate", "-f", "manifests/examples/dev.yaml", "-f", "manifests/examples/prod.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("2 valid environments, 0 errors");
    expect(result.code).toBe(0);
  });

  it("exits 1 for the invalid corpus, one file:line:col: path: message line per error, never a stack trace", async () => {
    const result = await gamectl(["validate", "-f", "test/fixtures/invalid"]);
    expect(result.code).toBe(1);
    noStackTrace(result.stderr);
    noStackTrace(result.stdout);
    const lines = result.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(44);
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/invalid\/[\w-]+\.yaml:\d+:\d+: \S+: .+$/);
    expect(lines).toContain('test/fixtures/invalid/invalid-node-type.yaml:13:15: spec.redis.nodeType: "cache.t3.huge" is not a valid node type (e.g. cache.t4g.small)');
    // The valid first document of a partly invalid file still counts as valid.
    expect(result.stdout).toContain("1 valid environment,");
  });

  it("-o json gives machine-readable results", async () => {
    const result = await gamectl(["validate", "-o", "json", "-f", "manifests/examples", "-f", "test/fixtures/invalid/wrong-kind.yaml"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { valid: boolean; environments: Array<{ key: string }>; errors: Array<Record<string, unknown>>; warnings: unknown[] };
    expect(report.valid).toBe(false);
    expect(report.environments.map((environment) => environment.key).sort()).toEqual(["default/arena-dev", "games/arena-prod"]);
    expect(report.errors).toEqual([{ file: "test/fixtures/invalid/wrong-kind.yaml", line: 4, col: 7, path: "kind", message: '"Deployment" is not supported here', hint: "gamectl reads kind: GameEnvironment manifests only" }]);
    expect(report.warnings).toEqual([]);
  });

  it("reads standard input with -f -", async () => {
    const result = await gamectl(["validate", "-f", "-"], "apiVersion: gamectl.dev/v1alpha1\nkind: GameEnvironment\nmetadata: {name: x}\nspec: {region: us-east-1}\n");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("<stdin>:4:1: spec.network: required field is missing (The existing VPC the environment is placed in)");
  });

  it("-f - stops reading standard input at the 1 MiB limit, without waiting for its end", async () => {
    const child = spawn(process.execPath, [join(root, "bin", "gamectl.js"), "validate", "-f", "-"], { cwd: root, env: { ...process.env, GAMECTL_DEBUG: "" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Once gamectl stops reading, writes fail with EPIPE: expected, and the point of the test.
    child.stdin.on("error", () => undefined);
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    // 1 MiB + 64 KiB, and standard input stays open: a reader that waits for the end never finishes.
    const chunk = Buffer.alloc(64 * 1024, "# padding\n");
    for (let i = 0; i < 17; i++) child.stdin.write(chunk);
    const timeout = setTimeout(() => child.kill(), 20_000);
    const code = await exited;
    clearTimeout(timeout);
    child.stdin.destroy();
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("<stdin>:1:1: (file): input is over 1 MiB; manifests are limited to 1 MiB, so the rest was not read (split it into several files)");
  });

  it("prints warnings, and fails on them only with --strict", async () => {
    const manifest = "apiVersion: gamectl.dev/v1alpha1\nkind: GameEnvironment\nmetadata: {name: x}\nspec:\n  region: us-east-1\n  tags: {enabled: yes}\n  network: {vpcId: vpc-0a1b2c3d4e5f60718, privateSubnetIds: [subnet-0a1b2c3d4e5f60001]}\n";
    const lenient = await gamectl(["validate", "-f", "-"], manifest);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr.trim()).toBe('<stdin>:6:19: spec.tags.enabled: warning: yes is a string to gamectl but a boolean to kubectl, Argo CD and other YAML 1.1 readers (quote it: "yes")');
    expect(lenient.stdout).toContain("1 valid environment, 0 errors, 1 warning");
    const strict = await gamectl(["validate", "--strict", "-f", "-"], manifest);
    expect(strict.code).toBe(1);
  });

  it("explains usage errors with exit code 1", async () => {
    for (const args of [["validate"], ["validate", "-f", "does-not-exist.yaml"], ["validate", "--bogus"], ["validate", "-f", "manifests/examples", "-o", "xml"]]) {
      const result = await gamectl(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr, args.join(" ")).toMatch(/error|cannot read/);
      noStackTrace(result.stderr);
    }
  });

  it("fails an empty folder rather than calling it valid", async () => {
    const result = await gamectl(["validate", "-f", "test/fixtures/duplicate/../../fixtures/invalid/../../../schemas"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no GameEnvironment manifests found");
  });
});

describe("gamectl explain", () => {
  it("describes a section's fields with types, defaults and descriptions", async () => {
    const result = await gamectl(["explain", "gameenvironment.spec.redis"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("KIND:       GameEnvironment");
    expect(result.stdout).toContain("FIELD: redis <Object>");
    expect(result.stdout).toMatch(/nodeType\t<string>\n\s+The cache node type/);
    expect(result.stdout).toContain('Default: "cache.t4g.small"');
    expect(result.stdout).toContain("Allowed: none, token, iam");
  });

  it("walks into lists and accepts the short name", async () => {
    const result = await gamectl(["explain", "genv.spec.dynamodb.tables.globalSecondaryIndexes.projection"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("FIELD: projection <string>");
    expect(result.stdout).toContain("Allowed: ALL, KEYS_ONLY, INCLUDE");
  });

  it("suggests the right field for a typo, exit code 1", async () => {
    const result = await gamectl(["explain", "genv.spec.redis.nodetyp"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('error: field "nodetyp" does not exist in genv.spec.redis; did you mean "nodeType"?');
  });

  it("rejects another resource type", async () => {
    const result = await gamectl(["explain", "pods.spec"]);
    expect(result.code).toBe(1);
    noStackTrace(result.stderr);
  });
});
